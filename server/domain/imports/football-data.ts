import { dateOnlyToUtc, zonedTimeToUtc } from "../time/zoned";
import { BOOKMAKERS, footballDataLeague } from "./catalogue";
import { optionalInteger, optionalNumber, readCsv, reject, type CsvRow } from "./csv";
import { parseDayMonthYear, parseMangledDayMonthYear, spanningSeasonLabel } from "./dates";
import { OddsCollector } from "./odds-values";
import { addGame, eachRow } from "./rows";
import type { BookmakerRef, LeagueRef, MatchStats, ParsedBatch, PhaseKind, SelectionKind } from "./types";
import { emptyBatch } from "./types";

/**
 * football-data.co.uk season files, original column names (see the site's notes.txt). Prices without "C"
 * are taken when the file is compiled, days before kick-off (stored as OPENING); "C" columns are closing.
 * Times are UK times.
 */

const REQUIRED = ["Div", "Date", "HomeTeam", "AwayTeam", "FTHG", "FTAG"];

const STAT_COLUMNS: [keyof MatchStats, string][] = [
  ["homeShots", "HS"],
  ["awayShots", "AS"],
  ["homeShotsOnTarget", "HST"],
  ["awayShotsOnTarget", "AST"],
  ["homeCorners", "HC"],
  ["awayCorners", "AC"],
];

/** Shots and corners where the file has them; a malformed count is left out, not guessed. */
function footballStats(row: CsvRow): MatchStats | null {
  const stats: MatchStats = {};
  for (const [key, column] of STAT_COLUMNS) {
    const raw = row.get(column);
    if (/^\d{1,3}$/.test(raw)) (stats as Record<string, number>)[key] = Number(raw);
  }
  return Object.keys(stats).length ? stats : null;
}

// Column prefixes of the books in 1X2 columns ("B365H", "PSCH" = Pinnacle closing home). Longest first.
const BOOK_PREFIXES: [string, BookmakerRef][] = (
  [
    ["B365", BOOKMAKERS.bet365],
    ["BbMx", BOOKMAKERS.betbrainMax],
    ["BbAv", BOOKMAKERS.betbrainAverage],
    ["1XB", BOOKMAKERS.oneXBet],
    ["BFE", BOOKMAKERS.betfairExchange],
    ["Max", BOOKMAKERS.marketMax],
    ["Avg", BOOKMAKERS.marketAverage],
    ["BF", BOOKMAKERS.betfair],
    ["BS", BOOKMAKERS.blueSquare],
    ["BW", BOOKMAKERS.bwin],
    ["GB", BOOKMAKERS.gamebookers],
    ["IW", BOOKMAKERS.interwetten],
    ["LB", BOOKMAKERS.ladbrokes],
    ["PS", BOOKMAKERS.pinnacle],
    ["SB", BOOKMAKERS.sportingbet],
    ["SJ", BOOKMAKERS.stanJames],
    ["SO", BOOKMAKERS.sportingOdds],
    ["SY", BOOKMAKERS.stanleybet],
    ["VC", BOOKMAKERS.betVictor],
    ["WH", BOOKMAKERS.williamHill],
    // Over/under and Asian handicap columns use "P" for Pinnacle ("P>2.5", "PCAHH").
    ["P", BOOKMAKERS.pinnacle],
  ] as [string, BookmakerRef][]
).sort((a, b) => b[0].length - a[0].length);

const PREFIX_PATTERN = BOOK_PREFIXES.map(([p]) => p).join("|");
const ONE_X_TWO = new RegExp(`^(${PREFIX_PATTERN})(C?)([HDA])$`);
const OVER_UNDER = new RegExp(`^(${PREFIX_PATTERN})(C?)([<>])2\\.5$`);
const ASIAN = new RegExp(`^(${PREFIX_PATTERN})(C?)AH([HA])$`);
const BOOK_BY_PREFIX = new Map(BOOK_PREFIXES);

type PriceColumn =
  | { column: string; book: BookmakerRef; phase: PhaseKind; kind: "1x2"; selection: SelectionKind }
  | { column: string; book: BookmakerRef; phase: PhaseKind; kind: "ou"; selection: SelectionKind }
  | { column: string; book: BookmakerRef; phase: PhaseKind; kind: "ah"; selection: SelectionKind; lineColumns: string[] };

function classifyColumns(columns: string[]): PriceColumn[] {
  const out: PriceColumn[] = [];
  for (const column of columns) {
    let m = ONE_X_TWO.exec(column);
    // "P" alone is Pinnacle only in O/U and AH columns; 1X2 uses "PS".
    if (m && m[1] !== "P") {
      const selection = ({ H: "HOME", D: "DRAW", A: "AWAY" } as const)[m[3] as "H" | "D" | "A"];
      out.push({ column, book: BOOK_BY_PREFIX.get(m[1]!)!, phase: m[2] ? "CLOSING" : "OPENING", kind: "1x2", selection });
      continue;
    }
    m = OVER_UNDER.exec(column);
    if (m) {
      const selection = m[3] === ">" ? "OVER" : "UNDER";
      out.push({ column, book: BOOK_BY_PREFIX.get(m[1]!)!, phase: m[2] ? "CLOSING" : "OPENING", kind: "ou", selection });
      continue;
    }
    m = ASIAN.exec(column);
    if (m) {
      const prefix = m[1]!;
      const closing = Boolean(m[2]);
      const selection = m[3] === "H" ? "HOME" : "AWAY";
      // The handicap: a book's own line column in old files ("B365AH"), else the market line of that phase.
      const lineColumns = closing
        ? ["AHCh"]
        : prefix.startsWith("Bb")
          ? ["BbAHh"]
          : [`${prefix}AH`, "AHh", "BbAHh"];
      out.push({ column, book: BOOK_BY_PREFIX.get(prefix)!, phase: closing ? "CLOSING" : "OPENING", kind: "ah", selection, lineColumns });
    }
  }
  return out;
}

/** "E0_2324.csv" names the 2023-24 season; otherwise the season is taken from the match date. */
function seasonFromFileName(fileName: string | undefined): number | null {
  const m = /_(\d{2})(\d{2})\.csv$/i.exec(fileName ?? "");
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  if ((start + 1) % 100 !== end) return null;
  return start >= 50 ? 1900 + start : 2000 + start;
}

function seasonFromDate(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 7 ? year : year - 1;
}

function firstLine(row: CsvRow, columns: string[]): number | null {
  for (const c of columns) {
    if (!row.has(c)) continue;
    const value = optionalNumber(row.get(c));
    if (value !== null) return value;
  }
  return null;
}

export function parseFootballData(text: string, fileName?: string): ParsedBatch {
  const batch = emptyBatch("football-data");
  const { columns, rows } = readCsv(text, REQUIRED, "football-data.co.uk");
  const priceColumns = classifyColumns(columns);
  const fileSeason = seasonFromFileName(fileName);
  const leagues = new Map<string, LeagueRef>();
  eachRow(batch, rows, (row) => {
    const division = row.get("Div") || reject("Div is missing");
    const league = leagues.get(division) ?? footballDataLeague(division);
    leagues.set(division, league);
    const rawDate = row.get("Date");
    const localDate =
      fileSeason !== null && /^(19|20)\d{2}\/\d{1,2}\/\d$/.test(rawDate)
        ? parseMangledDayMonthYear(rawDate, fileSeason)
        : parseDayMonthYear(rawDate);
    const time = row.get("Time");
    const timed = /^\d{1,2}:\d{2}$/.test(time);
    const startYear = fileSeason ?? seasonFromDate(localDate);
    const homeScore = optionalInteger(row.get("FTHG"), "FTHG");
    const awayScore = optionalInteger(row.get("FTAG"), "FTAG");
    const htHome = optionalInteger(row.get("HTHG"), "HTHG");
    const htAway = optionalInteger(row.get("HTAG"), "HTAG");
    const halves =
      homeScore !== null && awayScore !== null && htHome !== null && htAway !== null
        ? [
            { period: "H1", home: htHome, away: htAway },
            { period: "H2", home: homeScore - htHome, away: awayScore - htAway },
          ]
        : null;
    if (halves && (halves[1]!.home < 0 || halves[1]!.away < 0)) reject("half-time score is higher than the full-time score");
    const game = addGame(batch, {
      line: row.line,
      league,
      season: { label: spanningSeasonLabel(startYear), startYear },
      localDate,
      startsAt: timed ? zonedTimeToUtc(localDate, time, "Europe/London") : dateOnlyToUtc(localDate),
      startTimeKnown: timed,
      home: row.get("HomeTeam") || reject("HomeTeam is missing"),
      away: row.get("AwayTeam") || reject("AwayTeam is missing"),
      homeScore,
      awayScore,
      periodScores: halves,
      matchStats: footballStats(row),
    });
    const odds = new OddsCollector(batch, row.line, game);
    for (const p of priceColumns) {
      const raw = row.get(p.column);
      if (!raw) continue;
      if (p.kind === "1x2") {
        odds.decimal(p.book, "ONE_X_TWO", p.selection, p.phase, raw, { column: p.column });
      } else if (p.kind === "ou") {
        odds.decimal(p.book, "TOTAL", p.selection, p.phase, raw, { column: p.column, line: 2.5 });
      } else {
        const homeLine = firstLine(row, p.lineColumns);
        if (homeLine === null) {
          batch.warnings.push({ line: row.line, message: `ignored ${p.column}: no Asian handicap line in the row` });
          continue;
        }
        const line = p.selection === "HOME" ? homeLine : -homeLine;
        odds.decimal(p.book, "SPREAD", p.selection, p.phase, raw, { column: p.column, line: line === 0 ? 0 : line });
      }
    }
  });
  return batch;
}
