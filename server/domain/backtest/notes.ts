import { REFERENCE_BOOK_KEY } from "../quotes";
import type { Strategy } from "../strategies/schema";
import type { PreparedData } from "./dataset";

/**
 * What the data cannot support, said in words beside the figures rather than left for a user to discover
 * from an empty result: archives with closing prices only (the NFL and NBA files), no Pinnacle prices to
 * measure CLV against, no opening prices for the market probability sources.
 */
export function dataNotes(data: PreparedData, strategies: Strategy[]): string[] {
  const notes: string[] = [];
  let opening = 0;
  let pinnacleOpening = 0;
  let pinnacleClosing = 0;
  const hasPinnacle = (byMarket: Map<unknown, { bookmaker: { key: string } }[]>) =>
    [...byMarket.values()].some((qs) => qs.some((q) => q.bookmaker.key === REFERENCE_BOOK_KEY));
  data.opening.forEach((byMarket) => {
    if (byMarket.size) opening++;
    if (hasPinnacle(byMarket)) pinnacleOpening++;
  });
  data.closing.forEach((byMarket) => {
    if (hasPinnacle(byMarket)) pinnacleClosing++;
  });
  const games = data.games.length;
  const aggregates = new Set<string>();
  let individual = false;
  for (const g of data.games) {
    for (const q of g.quotes) {
      if (q.bookmaker.isAggregate) aggregates.add(q.bookmaker.key);
      else individual = true;
    }
  }
  if (!individual && aggregates.size > 0 && strategies.some((s) => s.price === "best" || s.price === "pinnacle")) {
    const keys = [...aggregates].sort();
    notes.push(
      `These files carry only consensus prices (${keys.join(", ")}), not a bookmaker's: "best" and "pinnacle" find no price here; price at "book:${keys[0]}" to bet the consensus line.`,
    );
  }
  if (opening === 0) {
    notes.push(
      'These files hold closing prices only: decisions can only be taken at the close (decideAt "closing"), so a bet\'s price is the closing price and its CLV is 0 by construction.',
    );
    if (strategies.some((s) => s.decideAt === "opening"))
      notes.push("A strategy deciding at the opening finds no prices here and places no bets.");
  }
  if (pinnacleClosing === 0)
    notes.push("No Pinnacle closing prices in these files: CLV is not measured (meanClv is null).");
  else if (pinnacleClosing < games)
    notes.push(
      `Pinnacle closing prices exist for ${pinnacleClosing} of ${games} games; CLV is averaged over the bets that have one.`,
    );
  if (pinnacleOpening === 0 && strategies.some((s) => s.probability === "market:pinnacle-opening")) {
    notes.push('No Pinnacle opening prices in these files: "market:pinnacle-opening" gives no probabilities here.');
  }
  if (opening === 0 && strategies.some((s) => s.probability === "market:consensus-opening")) {
    notes.push('No opening prices in these files: "market:consensus-opening" gives no probabilities here.');
  }
  return notes;
}
