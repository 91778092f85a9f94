import type { BacktestFigures } from "@/server/domain/backtest/report";
import { dayLabel, pct, ratio, units } from "./format";

/*
 * The report's figures as label, value and what each is based on: one list for the figure cards and the
 * comparison's rows, pure so it is tested without a browser.
 */

export interface Figure {
  label: string;
  /** The figure, or null: then "—" shows with `missing` as the reason. */
  value: string | null;
  /** What the number is based on, always shown under it. */
  basis: string;
  /** Why there is no figure. */
  missing?: string;
  /** The definition, as a tooltip. */
  definition: string;
  tone?: "good" | "bad";
}

const toneOf = (x: number | null) => (x === null || x === 0 ? undefined : x > 0 ? "good" : "bad");

/** The report's figures, each with what it is based on; the same list feeds the comparison page's rows. */
export function figuresOf(f: BacktestFigures, price: (d: number | null) => string): Figure[] {
  const n = (x: number) => x.toLocaleString("en-US");
  const betsBasis = `over ${n(f.bets)} ${f.bets === 1 ? "bet" : "bets"}`;
  const days = `over ${n(f.bettingDays)} betting ${f.bettingDays === 1 ? "day" : "days"}`;
  const clvBasis = `over ${n(f.clvBets)} ${f.clvBets === 1 ? "bet" : "bets"} with a Pinnacle close`;
  const drawdownBasis =
    f.maxDrawdown === 0 || !f.maxDrawdownTroughDate
      ? "the bankroll never fell below a previous peak"
      : `${f.maxDrawdownPeakDate ? `peak ${dayLabel(f.maxDrawdownPeakDate)}` : "from the starting bankroll"} → trough ${dayLabel(f.maxDrawdownTroughDate)}`;
  return [
    {
      label: "Bets",
      value: n(f.bets),
      basis: days,
      definition: "Bets placed after the strategy's rules, staking and limits.",
    },
    {
      label: "Staked",
      value: units(f.staked),
      basis: `bankroll units (start ${units(f.startBankroll)})`,
      definition: "Sum of all stakes, in units of the strategy's bankroll.",
    },
    {
      label: "Profit",
      value: units(f.profit, { signed: true }),
      basis: `bankroll units, ${betsBasis}`,
      definition: "Net profit of all bets: winnings minus stakes lost.",
      tone: toneOf(f.profit),
    },
    {
      label: "ROI (yield)",
      value: f.roi === null ? null : pct(f.roi, { signed: true }),
      basis: `profit ÷ staked, ${betsBasis}`,
      missing: "nothing was staked",
      definition: "Return on investment: profit divided by the total staked. Bettors call the same number yield.",
      tone: toneOf(f.roi),
    },
    {
      label: "Win rate",
      value: f.winRate === null ? null : pct(f.winRate),
      basis: `wins ÷ decided bets, ${betsBasis}`,
      missing: "no bet was decided (none, or all pushes)",
      definition: "Wins divided by decided bets; a half win counts half a win, pushes are left out.",
    },
    {
      label: "Average odds",
      value: f.averageOdds === null ? null : price(f.averageOdds),
      basis: `mean decimal price, unweighted, ${betsBasis}`,
      missing: "no bets",
      definition: "The mean of the prices taken, every bet counted once whatever its stake.",
    },
    {
      label: "Mean CLV",
      value: f.meanClv === null ? null : pct(f.meanClv, { signed: true }),
      basis: clvBasis,
      missing: "no bet has a Pinnacle closing price",
      definition:
        "Closing-line value: price taken × Pinnacle's closing no-vig probability − 1, averaged over the bets that have a Pinnacle close.",
      tone: toneOf(f.meanClv),
    },
    {
      label: "Beat the close",
      value: f.beatCloseShare === null ? null : pct(f.beatCloseShare),
      basis: `share of bets with CLV above 0, ${clvBasis}`,
      missing: "no bet has a Pinnacle closing price",
      definition: "The share of bets whose price was better than Pinnacle's closing price with its margin removed.",
    },
    {
      label: "Max drawdown",
      value: pct(f.maxDrawdown),
      basis: drawdownBasis,
      definition:
        "The largest fall from a running peak of the end-of-day bankroll, as a share of that peak (starting from the initial bankroll).",
      tone: f.maxDrawdown > 0 ? "bad" : undefined,
    },
    {
      label: "Daily Sharpe",
      value: f.sharpe === null ? null : ratio(f.sharpe),
      basis: `mean ÷ sd of daily returns, ${days}, not annualised`,
      missing: "needs 2 or more betting days whose returns differ",
      definition:
        "Mean of the daily returns (a day's profit ÷ the bankroll at its start) over their sample standard deviation, on days with at least one bet.",
      tone: toneOf(f.sharpe),
    },
    {
      label: "Sortino",
      value: f.sortino === null ? null : ratio(f.sortino),
      basis: `mean ÷ downside deviation of daily returns, ${days}`,
      missing: "needs 2 or more betting days and a losing day",
      definition: "Like the Sharpe ratio but divided by the deviation of the losing days only.",
      tone: toneOf(f.sortino),
    },
    {
      label: "Profit factor",
      value: f.profitFactor === null ? null : ratio(f.profitFactor),
      basis: `gross winnings ÷ gross losses, ${betsBasis}`,
      missing: "no bet lost",
      definition:
        "Sum of the winning bets' profits divided by the sum of the losing bets' losses; above 1 is profitable.",
    },
    {
      label: "Longest losing run",
      value: n(f.longestLosingRun),
      basis: `consecutive losing bets in bet order, ${betsBasis}`,
      definition: "The most losing bets in a row (a half loss counts; any other result ends the run).",
    },
    {
      label: "Final bankroll",
      value: units(f.finalBankroll),
      basis: `bankroll units, from ${units(f.startBankroll)}`,
      definition: "The bankroll at the end of the last date of the data, all bets settled.",
      tone: toneOf(f.finalBankroll - f.startBankroll),
    },
  ];
}
