"use client";

import { useState } from "react";
import { ChipsInput, ToggleChips } from "@/components/strategies/chips";
import { Input, NativeSelect } from "@/components/ui/input";
import { FIELDS, fieldOf, type FieldDefinition } from "@/server/domain/strategies/fields";
import type { Comparison, ComparisonOp } from "@/server/domain/strategies/schema";
import { defaultComparison, FIELD_GROUPS, OP_LABELS, opsFor, toShown, toStored, withOp } from "./comparison";

export type Suggestions = Partial<Record<"league" | "bookmaker", readonly string[]>>;

/** A number as the field is edited (percent fields in %), kept as typed until it parses, so "0." can be typed. */
function NumberValue({
  field,
  value,
  onChange,
  label,
}: {
  field: FieldDefinition | null;
  value: unknown;
  onChange: (stored: number) => void;
  label: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const stored = typeof value === "number" ? value : NaN;
  const shown = draft ?? (Number.isFinite(stored) ? String(toShown(field, stored)) : "");
  const unit =
    field?.type === "number" && field.format === "percent"
      ? "%"
      : field?.unit && field.unit !== "decimal odds"
        ? field.unit
        : null;
  return (
    <span className="inline-flex min-w-0 items-center gap-1">
      <Input
        aria-label={label}
        inputMode="decimal"
        className="w-24"
        value={shown}
        aria-invalid={draft !== null && !Number.isFinite(Number(draft)) ? true : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          const n = Number(e.target.value.replace(",", "."));
          if (e.target.value.trim() !== "" && Number.isFinite(n)) onChange(toStored(field, n));
        }}
        onBlur={() => setDraft(null)}
      />
      {unit && <span className="text-xs text-muted-foreground">{unit}</span>}
    </span>
  );
}

/** The field, operator and value(s) of one condition. */
export function ComparisonEditor({
  comparison,
  onChange,
  suggestions,
  label,
}: {
  comparison: Comparison;
  onChange: (c: Comparison) => void;
  suggestions: Suggestions;
  label: string;
}) {
  const field = fieldOf(comparison.field);
  const ops = opsFor(field);
  const values = Array.isArray(comparison.value) ? comparison.value : [comparison.value];
  const isList = comparison.op === "in" || comparison.op === "notIn";
  return (
    <div className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
      <NativeSelect
        aria-label={`Field of ${label}`}
        className="w-full sm:w-auto sm:min-w-44"
        value={comparison.field}
        onChange={(e) => onChange(defaultComparison(e.target.value))}
      >
        {!field && <option value={comparison.field}>{comparison.field} (unknown field)</option>}
        {FIELD_GROUPS.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.fields.map((f) => (
              <option key={f} value={f}>
                {FIELDS[f].label}
              </option>
            ))}
          </optgroup>
        ))}
      </NativeSelect>
      <NativeSelect
        aria-label={`Operator of ${label}`}
        className="w-auto"
        value={comparison.op}
        onChange={(e) => onChange(withOp(comparison, e.target.value as ComparisonOp))}
      >
        {ops.map((op) => (
          <option key={op} value={op}>
            {OP_LABELS[op]}
          </option>
        ))}
      </NativeSelect>
      {field?.type === "enum" && field.values && (
        <ToggleChips
          label={`Values of ${label}`}
          options={field.values}
          values={values}
          onChange={(v) => onChange({ ...comparison, value: v })}
        />
      )}
      {field?.type === "enum" && !field.values && (
        <div className="w-full min-w-0 sm:w-64">
          <ChipsInput
            label={`Values of ${label}`}
            values={values}
            suggestions={suggestions[comparison.field as "league" | "bookmaker"] ?? []}
            onChange={(v) => onChange({ ...comparison, value: v })}
          />
        </div>
      )}
      {field?.type !== "enum" && isList && (
        <div className="w-full min-w-0 sm:w-64">
          <ChipsInput
            numeric
            label={`Values of ${label}`}
            values={values.map((v) => (typeof v === "number" ? toShown(field, v) : v))}
            onChange={(v) =>
              onChange({ ...comparison, value: v.map((x) => (typeof x === "number" ? toStored(field, x) : x)) })
            }
          />
        </div>
      )}
      {field?.type !== "enum" && comparison.op === "between" && (
        <span className="inline-flex flex-wrap items-center gap-1">
          <NumberValue
            field={field}
            label={`Lowest value of ${label}`}
            value={values[0]}
            onChange={(lo) => onChange({ ...comparison, value: [lo, typeof values[1] === "number" ? values[1] : lo] })}
          />
          <span className="text-xs text-muted-foreground">and</span>
          <NumberValue
            field={field}
            label={`Highest value of ${label}`}
            value={values[1]}
            onChange={(hi) => onChange({ ...comparison, value: [typeof values[0] === "number" ? values[0] : hi, hi] })}
          />
        </span>
      )}
      {field?.type !== "enum" && !isList && comparison.op !== "between" && (
        <NumberValue
          field={field}
          label={`Value of ${label}`}
          value={values[0]}
          onChange={(v) => onChange({ ...comparison, value: v })}
        />
      )}
    </div>
  );
}
