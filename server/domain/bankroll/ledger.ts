/**
 * Everything a bankroll shows, derived from its ledger alone (entries in the order they happened).
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

export interface BankrollSummary {
  balanceCents: number;
  peakBalanceCents: number;
  lowBalanceCents: number;
  depositedCents: number;
  withdrawnCents: number;
  /** Stakes currently riding on open bets. */
  openStakeCents: number;
  openBets: number;
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
  /** Largest fall of realised profit from a previous high, in cents and as a share of the capital at that high. */
  maxDrawdownCents: number;
  maxDrawdownShare: number | null;
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

/** A bet's outcome is a fact about the bet, not money: the win rate needs it to tell a half-win from a win. */
export type OutcomeOf = (betId: number) => "WIN" | "HALF_WIN" | "PUSH" | "HALF_LOSS" | "LOSS" | null | undefined;

const WIN_SHARE = { WIN: 1, HALF_WIN: 0.5, HALF_LOSS: 0, LOSS: 0 } as const;

export function summarizeLedger(entries: LedgerLine[], outcomeOf: OutcomeOf = () => null): BankrollSummary {
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
  let staked = 0;
  let settledBets = 0;
  let wins = 0;
  let decided = 0;
  for (const [id, b] of bets) {
    if (b.voided) continue;
    if (!b.settled) {
      openStake += b.stake;
      openBets++;
      continue;
    }
    settledBets++;
    staked += b.stake;
    const outcome = outcomeOf(id);
    if (outcome && outcome !== "PUSH") {
      decided++;
      wins += WIN_SHARE[outcome];
    }
  }
  const capital = deposited - withdrawn;
  return {
    balanceCents: balance,
    peakBalanceCents: peak,
    lowBalanceCents: low,
    depositedCents: deposited,
    withdrawnCents: withdrawn,
    openStakeCents: openStake,
    openBets,
    settledBets,
    stakedCents: staked,
    profitCents: realised,
    yield: staked > 0 ? realised / staked : null,
    roi: capital > 0 ? realised / capital : null,
    winRate: decided > 0 ? wins / decided : null,
    maxDrawdownCents: maxDrawdown,
    maxDrawdownShare,
    curve,
  };
}
