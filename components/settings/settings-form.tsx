"use client";

import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { FieldError, FormError, useFormErrors } from "@/components/shell/form-errors";
import { useDisplay } from "@/components/shell/preferences";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatDateTime, ODDS_FORMAT_NAME } from "@/lib/format";
import { trpc } from "@/lib/trpc";
import { COMMON_CURRENCIES } from "@/server/domain/money/currency";
import { formatOdds, ODDS_EXAMPLE, ODDS_FORMATS, type OddsFormat } from "@/server/domain/odds";

/** Every zone this browser knows; the server renders none, since its list may differ from the browser's. */
const NO_ZONES: string[] = [];
let browserZones: string[] | null = null;
const readBrowserZones = () =>
  (browserZones ??= typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : NO_ZONES);
const subscribeNever = () => () => {};

export function SettingsForm() {
  const router = useRouter();
  const utils = trpc.useUtils();
  const show = useDisplay();
  // Only what the user changed is kept here, so a zone adopted from the browser after the page opened shows too.
  const [edits, setEdits] = useState<Partial<{ oddsFormat: OddsFormat; timeZone: string; currency: string }>>({});
  const form = { oddsFormat: show.oddsFormat, timeZone: show.timeZone, currency: show.currency, ...edits };
  const [saved, setSaved] = useState(false);
  const errors = useFormErrors<"oddsFormat" | "timeZone" | "currency">({
    oddsFormat: "oddsFormat",
    timeZone: "timeZone",
    currency: "currency",
  });
  const update = trpc.settings.update.useMutation({
    onSuccess: (prefs) => {
      utils.settings.get.setData(undefined, prefs);
      setSaved(true);
      router.refresh();
    },
    onError: errors.fromServer,
  });
  const known = useSyncExternalStore(subscribeNever, readBrowserZones, () => NO_ZONES);
  // Until React has hydrated, a choice made in the server-rendered form would be lost (hydration resets the
  // controlled selects to the stored values): the fields wait, disabled, for the page to be live.
  const hydrated = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  const zones = [...new Set(["UTC", form.timeZone, ...known])];
  const currencies = [...new Set([form.currency, ...COMMON_CURRENCIES])];
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLSelectElement>) => {
    setSaved(false);
    setEdits((prev) => ({ ...prev, [k]: e.target.value }));
  };
  const now = new Date();

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Display</CardTitle>
        <CardDescription>
          How prices, times and new bankrolls are shown to you. Stored data never changes: prices stay decimal and times
          UTC inside.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="flex flex-col gap-4"
          aria-label="Settings"
          aria-busy={!hydrated}
          onSubmit={(e) => {
            e.preventDefault();
            errors.clear();
            update.mutate(form);
          }}
        >
          <fieldset disabled={!hydrated} className="contents">
            <div className="flex flex-col gap-1">
              <Label htmlFor="settings-odds">Odds format</Label>
              <NativeSelect
                id="settings-odds"
                value={form.oddsFormat}
                onChange={set("oddsFormat")}
                {...errors.describe("oddsFormat", "settings-odds")}
              >
                {ODDS_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {ODDS_FORMAT_NAME[f]} ({ODDS_EXAMPLE[f]})
                  </option>
                ))}
              </NativeSelect>
              <p className="text-xs text-muted-foreground">
                Even money reads {formatOdds(2, form.oddsFormat)}, a 1-in-3 shot {formatOdds(3, form.oddsFormat)}.
                Prices you type may use any format.
              </p>
              <FieldError id="settings-odds" message={errors.fields.oddsFormat} />
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="settings-zone">Time zone</Label>
              <NativeSelect
                id="settings-zone"
                value={form.timeZone}
                onChange={set("timeZone")}
                {...errors.describe("timeZone", "settings-zone")}
              >
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z.replaceAll("_", " ")}
                  </option>
                ))}
              </NativeSelect>
              <p className="text-xs text-muted-foreground" suppressHydrationWarning>
                Now: {formatDateTime(now, form.timeZone)}. Dates of games whose kick-off time is unknown are shown as
                the source states them.
              </p>
              <FieldError id="settings-zone" message={errors.fields.timeZone} />
            </div>
            <div className="flex flex-col gap-1">
              <Label htmlFor="settings-currency">Currency of new bankrolls</Label>
              <NativeSelect
                id="settings-currency"
                value={form.currency}
                onChange={set("currency")}
                {...errors.describe("currency", "settings-currency")}
              >
                {currencies.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </NativeSelect>
              <p className="text-xs text-muted-foreground">Existing bankrolls keep their own currency.</p>
              <FieldError id="settings-currency" message={errors.fields.currency} />
            </div>
            <FormError message={errors.form} />
            <div className="flex items-center gap-3">
              <Button type="submit" disabled={update.isPending}>
                Save settings
              </Button>
              {saved && (
                <p role="status" className="text-sm text-muted-foreground">
                  Saved.
                </p>
              )}
            </div>
          </fieldset>
        </form>
      </CardContent>
    </Card>
  );
}
