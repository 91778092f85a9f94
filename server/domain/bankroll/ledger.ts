/**
 * Everything a bankroll shows, derived from its ledger alone, entries in the order the money moved (the
 * ledger's own order: a stake when it was recorded, a settlement when it was settled), so the history never
 * shows a balance that did not exist.
 * A bet's entries say where it stands: a STAKE alone is open; a SETTLEMENT (not reversed) realises it; a
 * VOID_REFUND cancels it. Its realised profit is the sum of its entries.
 */
export type LedgerKind = "DEPOSIT" | "WITHDRAWAL" | "STAKE" | "STAKE_ADJUSTMENT" | "SETTLEMENT" | "SETTLEMENT_REVERSAL" | "VOID_REFUND";

export interface LedgerLine {
  kind: LedgerKind;
  amountCents: number;
  betId: number | null;
  occurredAt: Date;
}

export interface CurvePoint {
  at: Date;
  balanceCents: number;
  profitCents: number;
}

/** How settled bets did. */
export interface TrackRecord {
  settledBets: number;
  /** Stakes of settled bets (turnover). */
  stakedCents: number;
  profitCents: number;
  /** Profit per unit staked on settled bets. */
  yield: number | null;
  /** Profit against net capital put in (deposits minus withdrawals). */
  roi: number | null;
  /** Wins (half-wins count half) over decided bets; pushes excluded. */
  winRate: number | null;
}

/** The track record of bets entered before their game started: late entries cannot flatter it. */
export interface VerifiedFigures extends TrackRecord {
  /** Mean closing line value over verified bets that have one. */
  clvBets: number;
  meanClv: number | null;
}

export interface BankrollSummary extends TrackRecord {
  balanceCents: number;
  peakBalanceCents: number;
  lowBalanceCents: number;
  depositedCents: number;
  withdrawnCents: number;
  /** Stakes currently riding on open bets. */
  openStakeCents: number;
  openBets: number;
  /** Largest fall of realised profit from a previous high, in cents and as a share of the capital at that high. */
  maxDrawdownCents: number;
  maxDrawdownShare: number | null;
  /** Bets entered after their game started (shown, left out of `verified`). */
  lateEntries: number;
  verified: VerifiedFigures;
  curve: CurvePoint[];
}

interface BetTally {
  stake: number;
  settlement: number;
  settled: boolean;
  voided: boolean;
  /** What this bet currently adds to realised profit. */
  contribution: number;
}

/** Facts about a bet that are not money: its outcome (a half-win is not a win), whether it was entered late, its CLV. */
export interface BetFacts {
  outcome: "WIN" | "HALF_WIN" | "PUSH" | "HALF_LOSS" | "LOSS" | null;
  lateEntry: boolean;
  clv: number | null;
}
export type FactsOf = (betId: number) => BetFacts | undefined;

interface Tally {
  settled: number;
  staked: number;
  profit: number;
  wins: number;
  decided: number;
  clvs: number[];
}

/** What a graded bet counts toward a win rate: a half win is half a win (push and void are not decided). */
export const WIN_SHARE = { WIN: 1, HALF_WIN: 0.5, HALF_LOSS: 0, LOSS: 0 } as const;

export function summarizeLedger(entries: LedgerLine[], factsOf: FactsOf = () => undefined): BankrollSummary {
  let balance = 0;
  let peak = 0;
  let low = 0;
  let deposited = 0;
  let withdrawn = 0;
  let realised = 0;
  let profitPeak = 0;
  let capitalAtPeak = 0;
  let maxDrawdown = 0;
  let maxDrawdownShare: number | null = null;
  const bets = new Map<number, BetTally>();
  const curve: CurvePoint[] = [];

  for (const e of entries) {
    balance += e.amountCents;
    peak = Math.max(peak, balance);
    low = Math.min(low, balance);
    if (e.kind === "DEPOSIT") deposited += e.amountCents;
    if (e.kind === "WITHDRAWAL") withdrawn -= e.amountCents;
    if (e.betId !== null) {
      const bet = bets.get(e.betId) ?? { stake: 0, settlement: 0, settled: false, voided: false, contribution: 0 };
      bets.set(e.betId, bet);
      if (e.kind === "STAKE" || e.kind === "STAKE_ADJUSTMENT") bet.stake -= e.amountCents;
      if (e.kind === "SETTLEMENT") [bet.settlement, bet.settled] = [bet.settlement + e.amountCents, true];
      if (e.kind === "SETTLEMENT_REVERSAL") [bet.settlement, bet.settled] = [bet.settlement + e.amountCents, false];
      if (e.kind === "VOID_REFUND") bet.voided = true;
      // Realised profit moves when a bet settles or a settlement is taken back.
      const contribution = bet.settled && !bet.voided ? bet.settlement - bet.stake : 0;
      realised += contribution - bet.contribution;
      bet.contribution = contribution;
    }
    const capital = deposited - withdrawn;
    if (realised >= profitPeak) {
      profitPeak = realised;
      capitalAtPeak = capital + realised;
    } else if (profitPeak - realised > maxDrawdown) {
      maxDrawdown = profitPeak - realised;
      maxDrawdownShare = capitalAtPeak > 0 ? maxDrawdown / capitalAtPeak : null;
    }
    curve.push({ at: e.occurredAt, balanceCents: balance, profitCents: realised });
  }

  let openStake = 0;
  let openBets = 0;
  let lateEntries = 0;
  const all: Tally = { settled: 0, staked: 0, profit: 0, wins: 0, decided: 0, clvs: [] };
  const verified: Tally = { settled: 0, staked: 0, profit: 0, wins: 0, decided: 0, clvs: [] };
  for (const [id, b] of bets) {
    if (b.voided) continue;
    const facts = factsOf(id);
    if (facts?.lateEntry) lateEntries++;
    if (!b.settled) {
      openStake += b.stake;
      openBets++;
      continue;
    }
    for (const t of facts?.lateEntry ? [all] : [all, verified]) {
      t.settled++;
      t.staked += b.stake;
      t.profit += b.contribution;
      if (facts?.outcome && facts.outcome !== "PUSH") {
        t.decided++;
        t.wins += WIN_SHARE[facts.outcome];
      }
      if (facts?.clv !== null && facts?.clv !== undefined) t.clvs.push(facts.clv);
    }
  }
  const capital = deposited - withdrawn;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    balanceCents: balance,
    peakBalanceCents: peak,
    lowBalanceCents: low,
    depositedCents: deposited,
    withdrawnCents: withdrawn,
    openStakeCents: openStake,
    openBets,
    settledBets: all.settled,
    stakedCents: all.staked,
    profitCents: realised,
    yield: ratio(realised, all.staked),
    roi: ratio(realised, capital),
    winRate: ratio(all.wins, all.decided),
    maxDrawdownCents: maxDrawdown,
    maxDrawdownShare,
    lateEntries,
    verified: {
      settledBets: verified.settled,
      stakedCents: verified.staked,
      profitCents: verified.profit,
      yield: ratio(verified.profit, verified.staked),
      roi: verified.settled > 0 ? ratio(verified.profit, capital) : null,
      winRate: ratio(verified.wins, verified.decided),
      clvBets: verified.clvs.length,
      meanClv: verified.clvs.length ? verified.clvs.reduce((a, c) => a + c, 0) / verified.clvs.length : null,
    },
    curve,
  };
}
