import { z } from "zod";
import { dateOnlyToUtc } from "../time/zoned";
import { BOOKMAKERS, NFL } from "./catalogue";
import { containsNul, nulMessage, optionalNumber, reject, requiredInteger } from "./csv";
import { parseCompactDate } from "./dates";
import { OddsCollector } from "./odds-values";
import { addGame, eachRow } from "./rows";
import { emptyBatch, FileFormatError, type ParsedBatch, type PeriodScore } from "./types";

const cell = z.union([z.string(), z.number(), z.null()]).optional();
const Row = z.object({
  season: cell,
  date: cell,
  home_team: cell,
  away_team: cell,
  home_final: cell,
  away_final: cell,
}).catchall(cell);
const File = z.array(z.unknown());

const QUARTERS = [
  ["Q1", "1stQtr"],
  ["Q2", "2ndQtr"],
  ["Q3", "3rdQtr"],
  ["Q4", "4thQtr"],
] as const;

function teamName(value: unknown, side: string): string {
  const name = typeof value === "string" ? value.trim() : "";
  if (!name || name === "0") reject(`${side} team is missing`);
  if (containsNul(name)) reject(nulMessage(`${side} team`));
  return name;
}

/**
 * The sportsbookreview NFL archive (JSON array). Opening and closing spread and total (no prices),
 * closing moneyline, second-half lines. The archive writes 0 for "no value": a 0 moneyline or total is
 * absent; a 0 spread is a pick'em.
 */
export function parseSbrNfl(text: string): ParsedBatch {
  const batch = emptyBatch("sbr-nfl");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FileFormatError(`not a JSON file: ${(error as Error).message}`);
  }
  const list = File.safeParse(data);
  if (!list.success) throw new FileFormatError("not the SBR NFL archive: expected a JSON array of games");
  const first = Row.safeParse(list.data[0]);
  if (list.data.length > 0 && (!first.success || !("home_close_spread" in (list.data[0] as object)))) {
    throw new FileFormatError("not the SBR NFL archive: games need season, date, teams, finals and closing lines");
  }
  const book = BOOKMAKERS.sbrNfl;
  // The JSON has no line numbers; report the 1-based position of the game in the array.
  const rows = list.data.map((value, i) => ({ line: i + 1, value }));
  eachRow(batch, rows, ({ line, value }) => {
    const parsed = Row.safeParse(value);
    if (!parsed.success) reject("not an object with season, date, teams and finals");
    const g = parsed.data;
    const season = requiredInteger(g.season, "season");
    const localDate = parseCompactDate(g.date ?? "");
    const home = teamName(g.home_team, "home");
    const away = teamName(g.away_team, "away");
    const homeScore = requiredInteger(g.home_final, "home_final");
    const awayScore = requiredInteger(g.away_final, "away_final");
    const periods: PeriodScore[] = QUARTERS.map(([period, suffix]) => ({
      period,
      home: requiredInteger(g[`home_${suffix}`], `home_${suffix}`),
      away: requiredInteger(g[`away_${suffix}`], `away_${suffix}`),
    }));
    const regulationHome = periods.reduce((s, p) => s + p.home, 0);
    const regulationAway = periods.reduce((s, p) => s + p.away, 0);
    if (homeScore < regulationHome || awayScore < regulationAway) reject("quarter scores add up to more than the final");
    const overtime = homeScore !== regulationHome || awayScore !== regulationAway;
    if (overtime) periods.push({ period: "OT", home: homeScore - regulationHome, away: awayScore - regulationAway });

    const game = addGame(batch, {
      line,
      league: NFL,
      season: { label: String(season), startYear: season },
      localDate,
      startsAt: dateOnlyToUtc(localDate),
      startTimeKnown: false,
      home,
      away,
      homeScore,
      awayScore,
      periodScores: periods,
      statusDetail: overtime ? "OT" : null,
    });
    const odds = new OddsCollector(batch, line, game);
    const nonZero = (v: unknown) => (optionalNumber(v as string) === 0 ? null : (v as string | number));
    odds.american(book, "MONEYLINE", "HOME", "CLOSING", nonZero(g.home_close_ml), { column: "home_close_ml" });
    odds.american(book, "MONEYLINE", "AWAY", "CLOSING", nonZero(g.away_close_ml), { column: "away_close_ml" });
    for (const [phase, prefix] of [
      ["OPENING", "open"],
      ["CLOSING", "close"],
    ] as const) {
      for (const side of ["home", "away"] as const) {
        const column = `${side}_${prefix}_spread`;
        odds.lineOnly(book, "SPREAD", side === "home" ? "HOME" : "AWAY", phase, optionalNumber(g[column] as string), { column });
      }
      const column = `${prefix}_over_under`;
      const total = optionalNumber(g[column] as string);
      if (total !== 0) {
        odds.lineOnly(book, "TOTAL", "OVER", phase, total, { column });
        odds.lineOnly(book, "TOTAL", "UNDER", phase, total, { column });
      }
    }
    const secondHalf = { period: "SECOND_HALF", column: "2H_total" } as const;
    const secondHalfTotal = optionalNumber(g["2H_total"] as string);
    if (secondHalfTotal) {
      odds.lineOnly(book, "TOTAL", "OVER", "UNSPECIFIED", secondHalfTotal, secondHalf);
      odds.lineOnly(book, "TOTAL", "UNDER", "UNSPECIFIED", secondHalfTotal, secondHalf);
    }
    for (const side of ["home", "away"] as const) {
      const column = `${side}_2H_spread`;
      const line = optionalNumber(g[column] as string);
      odds.lineOnly(book, "SPREAD", side === "home" ? "HOME" : "AWAY", "UNSPECIFIED", line, { period: "SECOND_HALF", column });
    }
  });
  return batch;
}
