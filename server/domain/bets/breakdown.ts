/** Profit by league, market and month, and the CLV distribution, over settled bets. */
export interface SettledBetFacts {
  league: string;
  market: string;
  settledMonth: string; // "2024-01", from the game's start (UTC)
  stakeCents: number;
  profitCents: number;
  clv: number | null;
  lateEntry: boolean;
}

export interface BreakdownRow {
  key: string;
  bets: number;
  stakedCents: number;
  profitCents: number;
  yield: number;
}

function groupBy(bets: SettledBetFacts[], key: (b: SettledBetFacts) => string): BreakdownRow[] {
  const rows = new Map<string, BreakdownRow>();
  for (const b of bets) {
    const k = key(b);
    const row = rows.get(k) ?? { key: k, bets: 0, stakedCents: 0, profitCents: 0, yield: 0 };
    row.bets++;
    row.stakedCents += b.stakeCents;
    row.profitCents += b.profitCents;
    rows.set(k, row);
  }
  return [...rows.values()].map((r) => ({ ...r, yield: r.stakedCents > 0 ? r.profitCents / r.stakedCents : 0 })).sort((a, b) => a.key.localeCompare(b.key));
}

/** CLV in 1-point buckets from -10% to +10% (the ends collect everything beyond). */
export function clvHistogram(values: number[]): { from: number; to: number; count: number }[] {
  const buckets = Array.from({ length: 20 }, (_, i) => ({ from: (i - 10) / 100, to: (i - 9) / 100, count: 0 }));
  for (const v of values) buckets[Math.min(19, Math.max(0, Math.floor(v * 100) + 10))]!.count++;
  return buckets;
}

function clvSummary(bets: SettledBetFacts[]) {
  const clvs = bets.flatMap((b) => (b.clv === null ? [] : [b.clv]));
  return {
    bets: clvs.length,
    mean: clvs.length ? clvs.reduce((a, b) => a + b, 0) / clvs.length : null,
    beatClose: clvs.length ? clvs.filter((c) => c > 0).length / clvs.length : null,
    histogram: clvHistogram(clvs),
  };
}

/** `clv` covers every settled bet; `verifiedClv` only bets entered before their game started. */
export function breakdown(bets: SettledBetFacts[]) {
  return {
    byLeague: groupBy(bets, (b) => b.league),
    byMarket: groupBy(bets, (b) => b.market),
    byMonth: groupBy(bets, (b) => b.settledMonth),
    clv: clvSummary(bets),
    verifiedClv: clvSummary(bets.filter((b) => !b.lateEntry)),
  };
}
