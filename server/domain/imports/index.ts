import { parseFootballData } from "./football-data";
import { parseFteNfl } from "./fte-nfl";
import { parseNbaPlayerLogs } from "./nba-player-logs";
import { parseNflverse } from "./nflverse";
import { parseSbrNba } from "./sbr-nba";
import { parseSbrNfl } from "./sbr-nfl";
import { parseTennisData } from "./tennis-data";
import type { ImportSource, ParsedBatch } from "./types";

export * from "./types";
export { decodeText } from "./csv";

export interface SourceFormat {
  source: ImportSource;
  label: string;
  /** File extensions the source comes in. */
  extensions: string[];
  parse: (text: string, fileName?: string) => ParsedBatch;
  /** True when a file's first line looks like this format (used to suggest a source for uploads). */
  looksLike: (head: string) => boolean;
}

const header = (head: string) => head.split(/\r?\n/, 1)[0]!.replace(/^\uFEFF/, "");

export const SOURCE_FORMATS: Record<ImportSource, SourceFormat> = {
  nflverse: {
    source: "nflverse",
    label: "nflverse games.csv (NFL)",
    extensions: [".csv"],
    parse: parseNflverse,
    looksLike: (h) => header(h).startsWith("game_id,season,game_type"),
  },
  "sbr-nfl": {
    source: "sbr-nfl",
    label: "Sportsbookreview NFL archive (JSON)",
    extensions: [".json"],
    parse: parseSbrNfl,
    looksLike: (h) => h.trimStart().startsWith("[") && h.includes("home_close_spread"),
  },
  "fte-nfl": {
    source: "fte-nfl",
    label: "FiveThirtyEight NFL results",
    extensions: [".csv"],
    parse: parseFteNfl,
    looksLike: (h) => header(h).startsWith("date,season,neutral,playoff,team1,team2"),
  },
  "football-data": {
    source: "football-data",
    label: "football-data.co.uk season CSV (soccer)",
    extensions: [".csv"],
    parse: parseFootballData,
    looksLike: (h) => /^(Div,Date,|Country,League,Season,Date,)/.test(header(h)),
  },
  "sbr-nba": {
    source: "sbr-nba",
    label: "Sportsbookreviewsonline NBA archive",
    extensions: [".csv"],
    parse: parseSbrNba,
    looksLike: (h) => header(h).startsWith("season,date,regular,playoffs,away,home"),
  },
  "nba-player-logs": {
    source: "nba-player-logs",
    label: "NBA player game logs",
    extensions: [".csv"],
    parse: parseNbaPlayerLogs,
    looksLike: (h) => header(h).startsWith("Player,Season,Date,Team,Opponent"),
  },
  "tennis-data": {
    source: "tennis-data",
    label: "tennis-data.co.uk match file",
    extensions: [".csv"],
    parse: parseTennisData,
    looksLike: (h) => /^(ATP|WTA),Location,Tournament,Date/.test(header(h)),
  },
};

export const IMPORT_SOURCES = Object.keys(SOURCE_FORMATS) as ImportSource[];

/** Own keys only: "__proto__" or "toString" are properties of every object, not sources. */
export function isImportSource(value: string): value is ImportSource {
  return Object.hasOwn(SOURCE_FORMATS, value);
}

/** The source whose header the file starts with, if any. */
export function detectSource(head: string): ImportSource | null {
  return IMPORT_SOURCES.find((s) => SOURCE_FORMATS[s].looksLike(head)) ?? null;
}
