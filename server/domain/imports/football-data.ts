import type { Phase, Selection } from "../vocabulary";
import { dateOnlyToUtc, zonedTimeToUtc } from "../time/zoned";
import { BOOKMAKERS, footballDataExtraLeague, footballDataLeague } from "./catalogue";
import { optionalInteger, optionalNumber, readCsv, reject, type CsvRow } from "./csv";
import { parseDayMonthYear, parseMangledDayMonthYear, spanningSeasonLabel } from "./dates";
import { OddsCollector } from "./odds-values";
import { addGame, eachRow } from "./rows";
import type { BookmakerRef, LeagueRef, MatchStats, ParsedBatch } from "./types";
import { emptyBatch } from "./types";

/**
 * football-data.co.uk season files, original column names (see the site's notes.txt). Prices without "C"
 * are taken when the file is compiled, days before kick-off (stored as OPENING); "C" columns are closing.
 * Times are UK times. The main leagues' files name the division ("Div"); the extra leagues' files name
 * Country, League and Season and use the short result columns (Home, Away, HG, AG, Res).
 */

const REQUIRED = [["Div", "League"], "Date", ["HomeTeam", "Home"], ["AwayTeam", "Away"], ["FTHG", "HG"], ["FTAG", "AG"]];

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

// Column prefixes of the books ("B365H", "PSCH" = Pinnacle closing home, "BFDA" = Betfred away). Longest
// first, so "BFDD" is Betfred's draw while "BFD" alone stays Betfair's draw.
const BOOK_PREFIXES: [string, BookmakerRef][] = (
  [
    ["B365", BOOKMAKERS.bet365],
    ["BMGM", BOOKMAKERS.betMgm],
    ["BbMx", BOOKMAKERS.betbrainMax],
    ["BbAv", BOOKMAKERS.betbrainAverage],
    ["1XB", BOOKMAKERS.oneXBet],
    ["BFD", BOOKMAKERS.betfred],
    ["BFE", BOOKMAKERS.betfairExchange],
    ["Max", BOOKMAKERS.marketMax],
    ["Avg", BOOKMAKERS.marketAverage],
    ["BF", BOOKMAKERS.betfair],
    ["BS", BOOKMAKERS.blueSquare],
    ["BV", BOOKMAKERS.betVictor],
    ["BW", BOOKMAKERS.bwin],
    ["CL", BOOKMAKERS.coral],
    ["GB", BOOKMAKERS.gamebookers],
    ["IW", BOOKMAKERS.interwetten],
    ["LB", BOOKMAKERS.ladbrokes],
    ["PP", BOOKMAKERS.paddyPower],
    ["PS", BOOKMAKERS.pinnacle],
    ["SB", BOOKMAKERS.sportingbet],
    ["SJ", BOOKMAKERS.stanJames],
    ["SK", BOOKMAKERS.skyBet],
    ["SO", BOOKMAKERS.sportingOdds],
    ["SY", BOOKMAKERS.stanleybet],
    ["VC", BOOKMAKERS.betVictor],
    ["WH", BOOKMAKERS.williamHill],
    // "P" is Pinnacle's short prefix: over/under and Asian handicap ("P>2.5", "PCAHH") and 1X2 ("PH" = "PSH").
    ["P", BOOKMAKERS.pinnacle],
  ] as [string, BookmakerRef][]
).sort((a, b) => b[0].length - a[0].length);

// Columns of the notes that carry no price: match facts, statistics, the number of books behind an average,
// and handicap sizes (read with the prices they belong to). pandas' "Unnamed: 48" export artefacts too.
const NON_PRICE_COLUMNS = new Set(
  (
    "Div Country League Season Date Time HomeTeam AwayTeam Home Away FTHG HG FTAG AG FTR Res HTHG HTAG HTR " +
    "Attendance Referee HS AS HST AST HHW AHW HC AC HF AF HFKC AFKC HO AO HY AY HR AR HBP ABP " +
    "Bb1X2 BbOU BbAH BbAHh AHh AHCh"
  ).split(" "),
);
const isNonPriceColumn = (column: string) =>
  NON_PRICE_COLUMNS.has(column) || column === "" || /^Unnamed: \d+$/.test(column) || HANDICAP_SIZE.test(column);

const PREFIX_PATTERN = BOOK_PREFIXES.map(([p]) => p).join("|");
const ONE_X_TWO = new RegExp(`^(${PREFIX_PATTERN})(C?)([HDA])$`);
const OVER_UNDER = new RegExp(`^(${PREFIX_PATTERN})(C?)([<>])2\\.5$`);
const ASIAN = new RegExp(`^(${PREFIX_PATTERN})(C?)AH([HA])$`);
const HANDICAP_SIZE = new RegExp(`^(${PREFIX_PATTERN})AH$`);
const BOOK_BY_PREFIX = new Map(BOOK_PREFIXES);

type PriceColumn =
  | { column: string; book: BookmakerRef; phase: Phase; kind: "1x2"; selection: Selection }
  | { column: string; book: BookmakerRef; phase: Phase; kind: "ou"; selection: Selection }
  | { column: string; book: BookmakerRef; phase: Phase; kind: "ah"; selection: Selection; lineColumns: string[] };

/** The price columns of a header, and a warning for each column football-data's key does not document. */
function classifyColumns(columns: string[]): { prices: PriceColumn[]; unknown: string[] } {
  const out: PriceColumn[] = [];
  const unknown: string[] = [];
  for (const column of columns) {
    let m = ONE_X_TWO.exec(column);
    if (m) {
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
      continue;
    }
    if (!isNonPriceColumn(column)) unknown.push(column);
  }
  return { prices: out, unknown };
}

/** The first of the alternative columns that the file has (short names in the extra leagues' files). */
const pick = (row: CsvRow, ...columns: string[]) => row.get(columns.find((c) => row.has(c)) ?? columns[0]!);

const RESULT_LETTER = (home: number, away: number) => (home > away ? "H" : home < away ? "A" : "D");

/** "2012/2013" or "2012-13" is a season spanning two years; "2024" a calendar-year season. */
function seasonFromColumn(raw: string): { label: string; startYear: number } | null {
  const m = /^((?:19|20)\d{2})(?:[/-](\d{2}|\d{4}))?$/.exec(raw);
  if (!m) return null;
  const startYear = Number(m[1]);
  return m[2] ? { label: spanningSeasonLabel(startYear), startYear } : { label: String(startYear), startYear };
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
  const { columns, rows } = readCsv(text, REQUIRED, "football-data.co.uk", { rejectNul: true });
  const { prices: priceColumns, unknown } = classifyColumns(columns);
  for (const column of unknown) {
    batch.warnings.push({ line: 1, message: `ignored column "${column}": not in football-data.co.uk's column key` });
  }
  const fileSeason = seasonFromFileName(fileName);
  const leagues = new Map<string, LeagueRef>();
  eachRow(batch, rows, (row) => {
    const division = row.has("Div")
      ? row.get("Div") || reject("Div is missing")
      : `${row.get("Country") || reject("Country is missing")}|${row.get("League") || reject("League is missing")}`;
    const league =
      leagues.get(division) ?? (row.has("Div") ? footballDataLeague(division) : footballDataExtraLeague(row.get("Country"), row.get("League")));
    leagues.set(division, league);
    const rawDate = row.get("Date");
    const localDate =
      fileSeason !== null && /^(19|20)\d{2}\/\d{1,2}\/\d$/.test(rawDate)
        ? parseMangledDayMonthYear(rawDate, fileSeason)
        : parseDayMonthYear(rawDate);
    const time = row.get("Time");
    const timed = /^\d{1,2}:\d{2}$/.test(time);
    const season = seasonFromColumn(row.get("Season")) ?? (() => {
      const startYear = fileSeason ?? seasonFromDate(localDate);
      return { label: spanningSeasonLabel(startYear), startYear };
    })();
    const homeScore = optionalInteger(pick(row, "FTHG", "HG"), "home goals");
    const awayScore = optionalInteger(pick(row, "FTAG", "AG"), "away goals");
    const result = pick(row, "FTR", "Res");
    if (result && homeScore !== null && awayScore !== null && result !== RESULT_LETTER(homeScore, awayScore)) {
      reject(`${row.has("FTR") ? "FTR" : "Res"} says ${result} but the score is ${homeScore}-${awayScore}`);
    }
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
      season,
      localDate,
      startsAt: timed ? zonedTimeToUtc(localDate, time, "Europe/London") : dateOnlyToUtc(localDate),
      startTimeKnown: timed,
      home: pick(row, "HomeTeam", "Home") || reject("the home team is missing"),
      away: pick(row, "AwayTeam", "Away") || reject("the away team is missing"),
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
