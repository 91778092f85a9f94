import { RowRejection } from "./csv";
import type { ParsedBatch, ParsedGame } from "./types";

/** Runs `read` for each row; a RowRejection skips the row and records its line and reason. */
export function eachRow<R extends { line: number }>(batch: ParsedBatch, rows: R[], read: (row: R) => void): void {
  for (const row of rows) {
    batch.rowsRead += 1;
    const oddsBefore = batch.odds.length;
    const gamesBefore = batch.games.length;
    try {
      read(row);
    } catch (error) {
      if (!(error instanceof RowRejection)) throw error;
      batch.odds.length = oddsBefore;
      batch.games.length = gamesBefore;
      batch.rejected.push({ line: row.line, message: error.message });
    }
  }
}

type GameDefaults = Pick<
  ParsedGame,
  | "statusDetail"
  | "periodScores"
  | "neutralSite"
  | "roof"
  | "surface"
  | "temperatureC"
  | "windKph"
  | "stage"
  | "venue"
  | "externalId"
  | "matchStats"
>;

const DEFAULTS: GameDefaults = {
  statusDetail: null,
  periodScores: null,
  neutralSite: false,
  roof: null,
  surface: null,
  temperatureC: null,
  windKph: null,
  stage: null,
  venue: null,
  externalId: null,
  matchStats: null,
};

type Required = Omit<ParsedGame, keyof GameDefaults | "status"> & Partial<GameDefaults>;

/** Adds a game to the batch (status from the scores) and returns its index for its odds rows. */
export function addGame(batch: ParsedBatch, game: Required): number {
  const status = game.homeScore !== null && game.awayScore !== null ? "FINAL" : "SCHEDULED";
  batch.games.push({ ...DEFAULTS, ...game, status });
  return batch.games.length - 1;
}
