import { recordKeyOf, type GameRecord } from "../features/records";
import type { ParsedBatch } from "../imports/types";
import type { GameInjuries } from "../injuries/known";
import type { Quote } from "../quotes";

/**
 * A game as a backtest reads it, whichever way it arrived (files for the CLI, the database for the app):
 * its result and every full-game price any bookmaker gave, with the phase or capture time that says when
 * the price was known.
 */
export type BacktestQuote = Pick<Quote, "market" | "period" | "selection" | "line" | "phase" | "capturedAt"> & {
  /** isAggregate: market maximum/average and consensus lines, never a price anyone could take. */
  bookmaker: Pick<Quote["bookmaker"], "key" | "isAggregate">;
  price: number;
  /** Kick-off, so that timed snapshots after it never count as closing prices. */
  gameStartsAt: Date;
};

/** Stored quotes as a backtest reads them: those with a price, in the backtest's shape. */
export function backtestQuotesOf(quotes: Quote[]): BacktestQuote[] {
  return quotes.flatMap((q) =>
    q.price === null
      ? []
      : [
          {
            market: q.market,
            period: q.period,
            selection: q.selection,
            line: q.line,
            phase: q.phase,
            capturedAt: q.capturedAt,
            bookmaker: q.bookmaker,
            price: q.price,
            gameStartsAt: q.gameStartsAt,
          },
        ],
  );
}

/** The model engine's game record (its id, so walk-forward predictions join on it), with every price. */
export type BacktestGame = Pick<
  GameRecord,
  | "id"
  | "league"
  | "sport"
  | "season"
  | "startsAt"
  | "home"
  | "away"
  | "homeScore"
  | "awayScore"
  | "roof"
  | "temperatureC"
  | "windKph"
> & {
  quotes: BacktestQuote[];
  /** Injury reports as known at the decision (live games only: archives carry none). */
  injuries?: GameInjuries | null;
};

/** Games of an importer's batch, cancelled and postponed ones left out (they were never bettable). */
export function gamesFromBatch(batch: ParsedBatch): BacktestGame[] {
  const quotes = new Map<number, BacktestQuote[]>();
  for (const o of batch.odds) {
    if (o.period !== "FULL_GAME" || o.price === null) continue;
    const list = quotes.get(o.game) ?? [];
    const gameStartsAt = batch.games[o.game]!.startsAt;
    list.push({
      market: o.market,
      period: o.period,
      selection: o.selection,
      line: o.line,
      phase: o.phase,
      capturedAt: null,
      bookmaker: o.bookmaker,
      price: o.price,
      gameStartsAt,
    });
    quotes.set(o.game, list);
  }
  const out: BacktestGame[] = [];
  batch.games.forEach((g, index) => {
    if (g.status === "CANCELLED" || g.status === "POSTPONED") return;
    const { id, home, away } = recordKeyOf(g);
    out.push({
      id,
      league: g.league.key,
      sport: g.league.sport.key,
      season: g.season.startYear,
      startsAt: g.startsAt,
      home,
      away,
      homeScore: g.homeScore,
      awayScore: g.awayScore,
      roof: g.roof,
      temperatureC: g.temperatureC,
      windKph: g.windKph,
      quotes: quotes.get(index) ?? [],
    });
  });
  return out;
}
