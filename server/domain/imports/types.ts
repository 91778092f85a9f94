/**
 * What every importer turns a file into: plain records, before any database identity exists.
 * Games refer to teams by the source's spelling; the writer resolves names to teams.
 */

export type ImportSource =
  | "nflverse"
  | "sbr-nfl"
  | "fte-nfl"
  | "football-data"
  | "sbr-nba"
  | "nba-player-logs"
  | "tennis-data";

import type { Quote } from "../quotes";
export type GameStatusKind = "SCHEDULED" | "FINAL" | "POSTPONED" | "CANCELLED";

export interface LeagueRef {
  key: string;
  name: string;
  country: string | null;
  sport: { key: string; name: string };
  /** "franchise" leagues resolve names through a curated list; "spelling" leagues use names as given. */
  naming: "nfl" | "nba" | "spelling";
  competitorKind: "TEAM" | "INDIVIDUAL";
}

export interface PeriodScore {
  period: string;
  home: number;
  away: number;
}

export interface ParsedGame {
  line: number;
  league: LeagueRef;
  season: { label: string; startYear: number };
  /** Calendar date the source states, YYYY-MM-DD. */
  localDate: string;
  startsAt: Date;
  startTimeKnown: boolean;
  home: string;
  away: string;
  status: GameStatusKind;
  statusDetail: string | null;
  homeScore: number | null;
  awayScore: number | null;
  periodScores: PeriodScore[] | null;
  neutralSite: boolean;
  roof: string | null;
  surface: string | null;
  temperatureC: number | null;
  windKph: number | null;
  stage: string | null;
  venue: { key: string; name: string; roof: string | null; surface: string | null } | null;
  externalId: string | null;
  /**
   * What the source says about the match beyond the score: starting quarterbacks (nflverse), shots and
   * corners (football-data). Team stats are known only after the game; features use earlier games' only.
   */
  matchStats: MatchStats | null;
}

export interface MatchStats {
  homeQuarterback?: string;
  awayQuarterback?: string;
  homeShots?: number;
  awayShots?: number;
  homeShotsOnTarget?: number;
  awayShotsOnTarget?: number;
  homeCorners?: number;
  awayCorners?: number;
}

export interface BookmakerRef {
  key: string;
  name: string;
  isSharp: boolean;
  isAggregate: boolean;
}

/** A price as a file states it: the stored price's fields, before the game and bookmaker have database ids. */
export type ParsedOdds = Pick<Quote, "market" | "period" | "selection" | "phase" | "line" | "price"> & {
  /** Index into ParsedBatch.games */
  game: number;
  bookmaker: BookmakerRef;
};

export interface ParsedPlayerStat {
  line: number;
  league: LeagueRef;
  player: string;
  team: string;
  opponent: string;
  gameDate: string;
  starter: boolean;
  won: boolean | null;
  position: string | null;
  seconds: number;
  points: number;
  rebounds: number;
  assists: number;
  steals: number;
  blocks: number;
  turnovers: number;
  fouls: number;
  fgMade: number;
  fgAttempted: number;
  threesMade: number;
  threesAttempted: number;
  ftMade: number;
  ftAttempted: number;
  offensiveRebounds: number;
  defensiveRebounds: number;
}

export interface RowIssue {
  line: number;
  message: string;
}

export interface ParsedBatch {
  source: ImportSource;
  games: ParsedGame[];
  odds: ParsedOdds[];
  playerStats: ParsedPlayerStat[];
  rowsRead: number;
  /** Rows skipped entirely, with the reason. */
  rejected: RowIssue[];
  /** Values dropped from rows that were otherwise imported (e.g. a price of 1.00). */
  warnings: RowIssue[];
}

/** Thrown when a file is not in the format its importer reads: nothing from it may be written. */
export class FileFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileFormatError";
  }
}

export function emptyBatch(source: ImportSource): ParsedBatch {
  return { source, games: [], odds: [], playerStats: [], rowsRead: 0, rejected: [], warnings: [] };
}
