"use client";

import { useId, useState } from "react";
import { ChipsInput } from "@/components/strategies/chips";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { MARKET_CODES, MARKETS, type MarketKey } from "@/server/domain/vocabulary";
import {
  DEFAULT_TOP_PICKS,
  PROBABILITY_MARKET_SOURCES,
  type Condition,
  type Limits,
  type Stake,
  type StrategyInput,
} from "@/server/domain/strategies/schema";
import { MIN_EDGE, MIN_PROBABILITY, ODDS_RANGE, readThreshold, writeThreshold } from "./quick-fields";

/** Fractions shown as percentages, without 0.07 * 100 = 7.000000000000001. */
const pct = (x: number | undefined) => (x === undefined ? undefined : Number((x * 100).toPrecision(12)));
const frac = (x: number | undefined) => (x === undefined ? undefined : Number((x / 100).toPrecision(12)));

/** A labelled number box: empty means "not set"; keeps the text while it does not parse yet ("0."). */
function NumField({
  label,
  value,
  onChange,
  unit,
  hint,
  integer = false,
}: {
  label: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  unit?: string;
  hint?: string;
  integer?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? (value === undefined ? "" : String(value));
  const parsed = Number(text.replace(",", "."));
  const bad = text.trim() !== "" && (!Number.isFinite(parsed) || (integer && !Number.isInteger(parsed)));
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex items-center gap-1">
        <Input
          id={id}
          inputMode={integer ? "numeric" : "decimal"}
          className="w-28"
          value={text}
          placeholder={hint}
          aria-invalid={bad || undefined}
          onChange={(e) => {
            const t = e.target.value;
            setDraft(t);
            const n = Number(t.replace(",", "."));
            if (t.trim() === "") onChange(undefined);
            else if (Number.isFinite(n) && (!integer || Number.isInteger(n))) onChange(n);
          }}
          onBlur={() => setDraft(null)}
        />
        {unit && <span className="text-xs text-muted-foreground">{unit}</span>}
      </div>
    </div>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="flex min-w-0 flex-col gap-3 border-t pt-3">
      <legend className="pr-2 text-sm font-semibold">{title}</legend>
      <div className="flex min-w-0 flex-wrap gap-4">{children}</div>
    </fieldset>
  );
}

const STAKE_DEFAULTS: Record<Stake["kind"], Stake> = {
  flat: { kind: "flat", units: 1 },
  percent: { kind: "percent", fraction: 0.01 },
  // The product specification's defaults: a quarter of Kelly, never more than 2% of the bankroll, 3% minimum edge.
  kelly: { kind: "kelly", fraction: 0.25, maxFraction: 0.02, minEdge: 0.03 },
};

/**
 * The strategy as a form. Thresholds are top-level comparisons of `when.all` (see quick-fields.ts), so the
 * conditions the rule builder adds stay as they are whatever is changed here.
 */
export function QuickForm({
  value,
  onChange,
  models = [],
  leagueSuggestions = [],
  bookmakerSuggestions = [],
}: {
  value: StrategyInput;
  onChange: (next: StrategyInput) => void;
  /** Model names with walk-forward predictions (elo, logistic, ...): offered as "model:<name>". */
  models?: readonly string[];
  leagueSuggestions?: readonly string[];
  bookmakerSuggestions?: readonly string[];
}) {
  const id = useId();
  // The schema's input type leaves `when` unknown (a recursive zod type); the editor only ever holds a Condition.
  const when = value.when as Condition | undefined;
  const set = <K extends keyof StrategyInput>(key: K, v: StrategyInput[K]) => onChange({ ...value, [key]: v });
  const setLimits = (patch: Partial<Limits>) => {
    const next: Record<string, unknown> = { ...value.limits, ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    onChange({ ...value, limits: Object.keys(next).length ? (next as Limits) : undefined });
  };
  const threshold = (t: typeof MIN_EDGE) => {
    const v = readThreshold(when, t);
    return typeof v === "number" ? v : undefined;
  };
  const range = readThreshold(when, ODDS_RANGE);
  const [lo, hi] = Array.isArray(range)
    ? range.map((x) => (typeof x === "number" ? x : undefined))
    : [undefined, undefined];
  const setRange = (a: number | undefined, b: number | undefined) =>
    // An open end is the field's own bound, so "at most 3.0" alone is still one between.
    set("when", writeThreshold(when, ODDS_RANGE, a === undefined && b === undefined ? undefined : [a ?? 1, b ?? 1000]));

  const probabilityOptions = [...PROBABILITY_MARKET_SOURCES, ...models.map((m) => `model:${m}`)];
  if (!probabilityOptions.includes(value.probability)) probabilityOptions.push(value.probability);
  const priceKind = value.price === "best" || value.price === "pinnacle" ? value.price : "book";
  const stake = value.stake;
  const pause = value.limits?.pauseAfterLosses;
  const setPause = (patch: Partial<NonNullable<Limits["pauseAfterLosses"]>>) => {
    const next = { losses: 5, lastBets: 10, days: 7, ...pause, ...patch };
    setLimits({ pauseAfterLosses: next });
  };

  return (
    <div className="flex min-w-0 flex-col gap-4">
      <div className="flex min-w-0 flex-col gap-1">
        <Label htmlFor={`${id}-name`}>Name</Label>
        <Input id={`${id}-name`} value={value.name} maxLength={120} onChange={(e) => set("name", e.target.value)} />
      </div>

      <Section title="What to bet on">
        <div role="group" aria-label="Markets" className="flex flex-col gap-1">
          <span className="text-sm font-medium">Markets</span>
          <div className="flex flex-wrap gap-3">
            {MARKET_CODES.map((code) => {
              const key = MARKETS[code].key as MarketKey;
              const on = value.markets.includes(key);
              return (
                <label key={key} className="flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={() =>
                      set("markets", on ? value.markets.filter((m) => m !== key) : [...value.markets, key])
                    }
                  />
                  {MARKETS[code].label}
                </label>
              );
            })}
          </div>
        </div>
        <div className="flex w-full min-w-0 flex-col gap-1 sm:w-80">
          <Label htmlFor={`${id}-leagues`}>Leagues (none = every league)</Label>
          <ChipsInput
            id={`${id}-leagues`}
            label="Leagues"
            values={value.leagues ?? []}
            suggestions={leagueSuggestions}
            onChange={(v) => set("leagues", v.map(String))}
          />
        </div>
      </Section>

      <Section title="Probability and price">
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor={`${id}-prob`}>Probability from</Label>
          <NativeSelect
            id={`${id}-prob`}
            value={value.probability}
            onChange={(e) => set("probability", e.target.value)}
          >
            {probabilityOptions.map((p) => (
              <option key={p} value={p}>
                {p === "market:pinnacle-opening"
                  ? "Pinnacle's opening price, no-vig"
                  : p === "market:consensus-opening"
                    ? "Consensus of the books' opening prices"
                    : `Model ${p.slice(6)}`}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor={`${id}-price`}>Price taken at</Label>
          <NativeSelect
            id={`${id}-price`}
            value={priceKind}
            onChange={(e) => set("price", e.target.value === "book" ? "book:bet365" : e.target.value)}
          >
            <option value="best">The best book</option>
            <option value="pinnacle">Pinnacle</option>
            <option value="book">One bookmaker</option>
          </NativeSelect>
        </div>
        {priceKind === "book" && (
          <div className="flex min-w-0 flex-col gap-1">
            <Label htmlFor={`${id}-book`}>Bookmaker key</Label>
            <Input
              id={`${id}-book`}
              className="w-40"
              list={`${id}-books`}
              value={value.price.slice(5)}
              onChange={(e) => set("price", `book:${e.target.value.trim().toLowerCase()}`)}
            />
            <datalist id={`${id}-books`}>
              {bookmakerSuggestions.map((b) => (
                <option key={b} value={b} />
              ))}
            </datalist>
          </div>
        )}
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor={`${id}-decide`}>Decide at</Label>
          <NativeSelect
            id={`${id}-decide`}
            value={value.decideAt}
            onChange={(e) => set("decideAt", e.target.value as StrategyInput["decideAt"])}
          >
            <option value="opening">Opening prices</option>
            <option value="closing">Closing prices</option>
          </NativeSelect>
        </div>
      </Section>

      <Section title="When to bet">
        <NumField
          label="Minimum probability"
          unit="%"
          value={pct(threshold(MIN_PROBABILITY))}
          onChange={(v) => set("when", writeThreshold(when, MIN_PROBABILITY, frac(v)))}
        />
        <NumField
          label="Minimum edge"
          unit="%"
          value={pct(threshold(MIN_EDGE))}
          onChange={(v) => set("when", writeThreshold(when, MIN_EDGE, frac(v)))}
        />
        <NumField label="Lowest odds" unit="decimal" value={lo} hint="any" onChange={(v) => setRange(v, hi)} />
        <NumField label="Highest odds" unit="decimal" value={hi} hint="any" onChange={(v) => setRange(lo, v)} />
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor={`${id}-pick`}>Pick</Label>
          <NativeSelect
            id={`${id}-pick`}
            value={value.pick ?? "all"}
            onChange={(e) => {
              const pick = e.target.value as NonNullable<StrategyInput["pick"]>;
              onChange({
                ...value,
                pick,
                topPicks: pick === "top-3-daily" ? (value.topPicks ?? DEFAULT_TOP_PICKS) : undefined,
              });
            }}
          >
            <option value="all">Every qualifying selection</option>
            <option value="best-per-game">The best edge per game</option>
            <option value="top-3-daily">The day&apos;s top 3</option>
          </NativeSelect>
        </div>
      </Section>

      <Section title="Staking">
        <div className="flex min-w-0 flex-col gap-1">
          <Label htmlFor={`${id}-stake`}>Stake</Label>
          <NativeSelect
            id={`${id}-stake`}
            value={stake.kind}
            onChange={(e) => set("stake", STAKE_DEFAULTS[e.target.value as Stake["kind"]])}
          >
            <option value="flat">Flat units</option>
            <option value="percent">Percent of bankroll</option>
            <option value="kelly">Fractional Kelly</option>
          </NativeSelect>
        </div>
        {stake.kind === "flat" && (
          <NumField
            label="Units per bet"
            value={stake.units}
            onChange={(v) => set("stake", { ...stake, units: v ?? 0 })}
          />
        )}
        {stake.kind === "percent" && (
          <NumField
            label="Share of bankroll"
            unit="%"
            value={pct(stake.fraction)}
            onChange={(v) => set("stake", { ...stake, fraction: frac(v) ?? 0 })}
          />
        )}
        {stake.kind === "kelly" && (
          <>
            <NumField
              label="Kelly fraction"
              unit="%"
              value={pct(stake.fraction)}
              onChange={(v) => set("stake", { ...stake, fraction: frac(v) ?? 0 })}
            />
            <NumField
              label="Cap per bet"
              unit="% of bankroll"
              value={pct(stake.maxFraction)}
              onChange={(v) => set("stake", { ...stake, maxFraction: frac(v) ?? 0 })}
            />
            <NumField
              label="Kelly minimum edge"
              unit="%"
              value={pct(stake.minEdge)}
              onChange={(v) => {
                const { minEdge: _, ...rest } = stake;
                set("stake", v === undefined ? rest : { ...rest, minEdge: frac(v) });
              }}
            />
          </>
        )}
        <NumField
          label="Bankroll"
          unit="units"
          value={value.bankroll ?? 100}
          onChange={(v) => set("bankroll", v ?? 100)}
        />
      </Section>

      <Section title="Limits">
        <NumField
          integer
          label="Max bets per day"
          hint="none"
          value={value.limits?.maxBetsPerDay}
          onChange={(v) => setLimits({ maxBetsPerDay: v })}
        />
        <NumField
          integer
          label="Max bets per game"
          hint="none"
          value={value.limits?.maxBetsPerGame}
          onChange={(v) => setLimits({ maxBetsPerGame: v })}
        />
        <NumField
          label="Max daily exposure"
          unit="% of bankroll"
          hint="none"
          value={pct(value.limits?.maxDailyExposure)}
          onChange={(v) => setLimits({ maxDailyExposure: frac(v) })}
        />
        <NumField
          label="Stop after drawdown"
          unit="%"
          hint="never"
          value={pct(value.limits?.stopAfterDrawdown)}
          onChange={(v) => setLimits({ stopAfterDrawdown: frac(v) })}
        />
        <div role="group" aria-label="Pause after losses" className="flex w-full min-w-0 flex-col gap-2">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              checked={pause !== undefined}
              onChange={(e) => (e.target.checked ? setPause({}) : setLimits({ pauseAfterLosses: undefined }))}
            />
            Pause after a losing run
          </label>
          {pause && (
            <div className="flex flex-wrap gap-4">
              <NumField integer label="Losses" value={pause.losses} onChange={(v) => setPause({ losses: v ?? 1 })} />
              <NumField
                integer
                label="In the last bets"
                value={pause.lastBets}
                onChange={(v) => setPause({ lastBets: v ?? 1 })}
              />
              <NumField
                integer
                label="Pause for days"
                value={pause.days}
                onChange={(v) => setPause({ days: v ?? 1 })}
              />
            </div>
          )}
        </div>
      </Section>
    </div>
  );
}
