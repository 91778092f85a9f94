"use client";

import { useState } from "react";
import { FieldError, FormError, useFormErrors } from "@/components/shell/form-errors";
import { useDisplay } from "@/components/shell/preferences";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { trpc } from "@/lib/trpc";
import { SystemSettings, type SystemSettings as Settings } from "@/server/domain/settings/system";

type Field = "tiers" | "kelly";
/** The form shows percentages; settings hold fractions. */
type Form = { a: string; b: string; c: string; fraction: string; cap: string };

const pct = (x: number) => String(Math.round(x * 10_000) / 100);
const toForm = (s: Settings): Form => ({ a: pct(s.tiers.a), b: pct(s.tiers.b), c: pct(s.tiers.c), fraction: String(s.kelly.fraction), cap: pct(s.kelly.maxFraction) });
const fromForm = (f: Form) => ({
  tiers: { a: Number(f.a) / 100, b: Number(f.b) / 100, c: Number(f.c) / 100 },
  kelly: { fraction: Number(f.fraction), maxFraction: Number(f.cap) / 100 },
});

function NumberInput({ id, label, value, onChange, suffix, invalid }: { id: string; label: string; value: string; onChange: (v: string) => void; suffix?: string; invalid?: boolean }) {
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex items-center gap-1">
        <Input id={id} inputMode="decimal" className="w-28" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid || undefined} />
        {suffix && <span className="text-sm text-muted-foreground">{suffix}</span>}
      </div>
    </div>
  );
}

function SettingsEditor({ initial, meta }: { initial: Settings; meta: Record<string, { updatedAt: Date; updatedBy: string | null }> }) {
  const { dateTime } = useDisplay();
  const utils = trpc.useUtils();
  const [form, setForm] = useState<Form>(() => toForm(initial));
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors<Field>({ tiers: "tiers", kelly: "kelly" });
  const update = trpc.systemSettings.update.useMutation({
    onSuccess: (next) => {
      utils.systemSettings.get.setData(undefined, next);
      void utils.systemSettings.meta.invalidate();
      setSaved(true);
    },
    onError: errors.fromServer,
  });
  const set = (k: keyof Form) => (v: string) => {
    setSaved(false);
    setForm((prev) => ({ ...prev, [k]: v }));
  };
  const changed = (key: Field) => meta[key] && `Last changed ${dateTime(meta[key].updatedAt)} by ${meta[key].updatedBy ?? "unknown"}.`;

  return (
    <form
      className="flex flex-col gap-4"
      aria-label="System settings"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        const value = fromForm(form);
        // The API's own schema first, so the message sits next to its group before a round trip.
        const checked = SystemSettings.safeParse(value);
        if (!checked.success) {
          const issue = checked.error.issues[0]!;
          errors.fail(issue.path[0] === "kelly" ? "kelly" : "tiers", issue.message);
          return;
        }
        update.mutate(checked.data);
      }}
    >
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Signal tiers</CardTitle>
          <CardDescription>
            Minimum probability of a signal for tiers A, B and C (below C is D), for strategies that set no tiers of their
            own. Each must be above 50% and below 100%, falling from A to C. Backtests keep the thresholds they ran with.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <div className="flex flex-wrap gap-4">
            <NumberInput id="tier-a" label="Tier A from" value={form.a} onChange={set("a")} suffix="%" invalid={Boolean(errors.fields.tiers)} />
            <NumberInput id="tier-b" label="Tier B from" value={form.b} onChange={set("b")} suffix="%" invalid={Boolean(errors.fields.tiers)} />
            <NumberInput id="tier-c" label="Tier C from" value={form.c} onChange={set("c")} suffix="%" invalid={Boolean(errors.fields.tiers)} />
          </div>
          <FieldError id="tiers" message={errors.fields.tiers} />
          {meta.tiers && <p className="text-xs text-muted-foreground">{changed("tiers")}</p>}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Kelly defaults</CardTitle>
          <CardDescription>
            Share of full Kelly to stake and the most one stake may be of the bankroll, where a scan or the bet form does not
            set its own (strategies always state their stake).
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <div className="flex flex-wrap gap-4">
            <NumberInput id="kelly-fraction" label="Kelly fraction (0.25 = quarter)" value={form.fraction} onChange={set("fraction")} suffix="× Kelly" invalid={Boolean(errors.fields.kelly)} />
            <NumberInput id="kelly-cap" label="Max stake" value={form.cap} onChange={set("cap")} suffix="% of bankroll" invalid={Boolean(errors.fields.kelly)} />
          </div>
          <FieldError id="kelly" message={errors.fields.kelly} />
          {meta.kelly && <p className="text-xs text-muted-foreground">{changed("kelly")}</p>}
        </CardContent>
      </Card>
      <FormError message={errors.form} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={update.isPending}>
          Save settings
        </Button>
        {saved && (
          <span role="status" className="text-sm text-muted-foreground">
            Saved. Other servers pick the change up within seconds.
          </span>
        )}
      </div>
    </form>
  );
}

/** The system-wide settings form: loads the current values, then edits them. */
export function SystemSettingsForm() {
  const settings = trpc.systemSettings.get.useQuery();
  const meta = trpc.systemSettings.meta.useQuery();
  if (settings.isLoading || meta.isLoading) return <LoadingRows rows={4} />;
  const error = settings.error ?? meta.error;
  if (error) return <ErrorState message={error.message} />;
  return <SettingsEditor initial={settings.data!} meta={meta.data!} />;
}
