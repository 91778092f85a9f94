import { expectedValue, findArbitrage, kellyFraction, removeVig, type VigMethod } from "../odds";
import { byReference } from "../quotes";
import type { Selection } from "../vocabulary";
import type { MarketOffer } from "./quotes";

/**
 * Value bets, line shopping and arbitrage over market offers. Only real books are bet at: aggregates
 * (market maximum/average, archive consensus) are never a pick. The fair price comes from the sharp books'
 * no-vig prices (Pinnacle first); without a sharp book's complete market there is no value verdict.
 */
export interface ScanOptions {
  minEv: number;
  vigMethod: VigMethod;
  kelly: { fraction: number; maxFraction: number };
}

export const SCAN_DEFAULTS: ScanOptions = { minEv: 0.02, vigMethod: "multiplicative", kelly: { fraction: 0.25, maxFraction: 0.05 } };

export interface BestPrice {
  selection: Selection;
  bookmaker: string;
  price: number;
  /** How many real books price this selection. */
  books: number;
}

export interface ValueBet {
  gameId: number;
  market: MarketOffer["market"];
  period: MarketOffer["period"];
  line: number | null;
  selection: Selection;
  bookmaker: string;
  price: number;
  fairProbability: number;
  fairSource: string;
  ev: number;
  kelly: number;
}

export interface ArbitrageFound {
  gameId: number;
  market: MarketOffer["market"];
  period: MarketOffer["period"];
  line: number | null;
  legs: { selection: Selection; bookmaker: string; price: number; stake: number }[];
  profit: number;
}

const complete = (prices: (number | null)[]): prices is number[] => prices.every((p) => p !== null && p > 1);

function fairOf(offer: MarketOffer, method: VigMethod): { probabilities: number[]; source: string } | null {
  const sharp = offer.books
    .filter((b) => b.bookmaker.isSharp && !b.bookmaker.isAggregate && complete(b.prices));
  const first = byReference(sharp)[0];
  if (!first) return null;
  try {
    return { probabilities: removeVig(first.prices as number[], method), source: first.bookmaker.key };
  } catch {
    return null; // e.g. additive on a long shot: no verdict rather than a wrong one
  }
}

export function bestPrices(offer: MarketOffer): BestPrice[] {
  return offer.selections.flatMap((selection, i) => {
    const priced = offer.books.filter((b) => !b.bookmaker.isAggregate && b.prices[i] != null);
    if (priced.length === 0) return [];
    const best = priced.reduce((a, b) => (b.prices[i]! > a.prices[i]! ? b : a));
    return [{ selection, bookmaker: best.bookmaker.key, price: best.prices[i]!, books: priced.length }];
  });
}

export function scanOffers(offers: MarketOffer[], options: ScanOptions = SCAN_DEFAULTS) {
  const valueBets: ValueBet[] = [];
  const arbitrages: ArbitrageFound[] = [];
  const lines: { gameId: number; market: MarketOffer["market"]; period: MarketOffer["period"]; line: number | null; best: BestPrice[] }[] = [];
  for (const offer of offers) {
    const best = bestPrices(offer);
    lines.push({ gameId: offer.gameId, market: offer.market, period: offer.period, line: offer.line, best });
    const fair = fairOf(offer, options.vigMethod);
    if (fair) {
      for (const b of best) {
        const p = fair.probabilities[offer.selections.indexOf(b.selection)]!;
        const ev = expectedValue(p, b.price);
        if (ev >= options.minEv) {
          valueBets.push({
            gameId: offer.gameId, market: offer.market, period: offer.period, line: offer.line, selection: b.selection, bookmaker: b.bookmaker,
            price: b.price, fairProbability: p, fairSource: fair.source, ev, kelly: kellyFraction(p, b.price, options.kelly),
          });
        }
      }
    }
    if (best.length === offer.selections.length) {
      const arb = findArbitrage(best.map((b) => [{ bookmaker: b.bookmaker, decimal: b.price }]));
      if (arb) {
        arbitrages.push({
          gameId: offer.gameId, market: offer.market, period: offer.period, line: offer.line, profit: arb.profit,
          legs: best.map((b, i) => ({ selection: b.selection, bookmaker: b.bookmaker, price: b.price, stake: arb.stakes[i]! })),
        });
      }
    }
  }
  valueBets.sort((a, b) => b.ev - a.ev);
  arbitrages.sort((a, b) => b.profit - a.profit);
  return { valueBets, arbitrages, lines };
}
