"use client";

import { X } from "lucide-react";
import { useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

/**
 * Free values as chips (league and bookmaker keys, seasons): type and press Enter or a comma, pick a
 * suggestion from the browser's list, remove a chip with its button. Used by the builder and the quick form.
 */
export function ChipsInput({
  values,
  onChange,
  label,
  suggestions = [],
  numeric = false,
  placeholder,
  invalid,
  id: givenId,
}: {
  values: readonly (string | number)[];
  onChange: (values: (string | number)[]) => void;
  /** The accessible name of the text box ("Leagues"); chips are named "Remove <value>". */
  label: string;
  suggestions?: readonly string[];
  numeric?: boolean;
  placeholder?: string;
  invalid?: boolean;
  id?: string;
}) {
  const [draft, setDraft] = useState("");
  const ownId = useId();
  const id = givenId ?? ownId;
  const add = (text: string) => {
    const parts = text
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    const next = [...values];
    for (const part of parts) {
      const value = numeric ? Number(part) : part.toLowerCase();
      if (numeric && !Number.isFinite(value)) continue;
      if (!next.includes(value)) next.push(value);
    }
    if (next.length !== values.length) onChange(next);
    setDraft("");
  };
  return (
    <div
      className={cn(
        "flex min-w-0 flex-wrap items-center gap-1 rounded-md border border-input p-1",
        invalid && "border-destructive",
      )}
    >
      {values.map((v) => (
        <span
          key={String(v)}
          className="inline-flex max-w-full items-center gap-1 rounded bg-secondary px-2 py-0.5 text-xs"
        >
          <span className="truncate">{v}</span>
          <button
            type="button"
            className="rounded p-0.5 hover:bg-background focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            aria-label={`Remove ${v}`}
            onClick={() => onChange(values.filter((x) => x !== v))}
          >
            <X className="size-3" />
          </button>
        </span>
      ))}
      <Input
        id={id}
        aria-label={label}
        aria-invalid={invalid || undefined}
        className="h-7 min-w-24 flex-1 border-0 px-1 shadow-none focus-visible:ring-0"
        list={suggestions.length ? `${id}-suggestions` : undefined}
        inputMode={numeric ? "decimal" : undefined}
        placeholder={placeholder ?? (values.length ? "" : "type, then Enter")}
        value={draft}
        onChange={(e) => {
          // Picking a suggestion from the list fills the box with the whole value at once: take it as a chip.
          const text = e.target.value;
          if (text.endsWith(",") || (suggestions.includes(text) && text.length - draft.length > 1)) add(text);
          else setDraft(text);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            add(draft);
          } else if (e.key === "Backspace" && draft === "" && values.length) {
            onChange(values.slice(0, -1));
          }
        }}
        onBlur={() => draft && add(draft)}
      />
      {suggestions.length > 0 && (
        <datalist id={`${id}-suggestions`}>
          {suggestions
            .filter((s) => !values.includes(s))
            .map((s) => (
              <option key={s} value={s} />
            ))}
        </datalist>
      )}
    </div>
  );
}

/** Fixed values (selection, market, tier...) as toggle chips: pressed ones are in the list. */
export function ToggleChips({
  options,
  values,
  onChange,
  label,
  labels,
}: {
  options: readonly string[];
  values: readonly (string | number)[];
  onChange: (values: string[]) => void;
  label: string;
  labels?: Partial<Record<string, string>>;
}) {
  return (
    <div role="group" aria-label={label} className="flex w-full min-w-0 flex-wrap gap-1 sm:w-auto">
      {options.map((o) => {
        const on = values.includes(o);
        return (
          <button
            key={o}
            type="button"
            aria-pressed={on}
            onClick={() =>
              onChange(
                on
                  ? values.filter((v): v is string => v !== o && typeof v === "string")
                  : [...values.filter((v): v is string => typeof v === "string"), o],
              )
            }
            className={cn(
              "rounded-full border px-2.5 py-1 text-xs transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              on
                ? "border-primary bg-primary text-primary-foreground"
                : "bg-background text-muted-foreground hover:text-foreground",
            )}
          >
            {labels?.[o] ?? o}
          </button>
        );
      })}
    </div>
  );
}
