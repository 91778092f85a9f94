import { dateOnlyToUtc } from "../time/zoned";
import { BOOKMAKERS, NBA } from "./catalogue";
import { optionalInteger, optionalNumber, readCsv, reject, requiredInteger } from "./csv";
import { parseMonthDayYear, spanningSeasonLabel } from "./dates";
import { OddsCollector } from "./odds-values";
import { addGame, eachRow } from "./rows";
import { emptyBatch, type ParsedBatch, type PeriodScore } from "./types";

const REQUIRED = ["season", "date", "away", "home", "score_away", "score_home", "whos_favored", "spread", "total"];

/**
 * The sportsbookreviewsonline NBA archive. `season` 2008 is 2007-08. `spread` is unsigned: the side in
 * `whos_favored` gives the points. The archive does not say whether lines are opening or closing, so
 * they are stored as UNSPECIFIED. The second-half spread is unsigned with no favourite: not imported.
 */
export function parseSbrNba(text: string): ParsedBatch {
  const batch = emptyBatch("sbr-nba");
  const { rows } = readCsv(text, REQUIRED, "SBR NBA archive", { rejectNul: true });
  const book = BOOKMAKERS.sbrNba;
  eachRow(batch, rows, (row) => {
    const endYear = requiredInteger(row.get("season"), "season");
    const localDate = parseMonthDayYear(row.get("date"));
    const homeScore = optionalInteger(row.get("score_home"), "score_home");
    const awayScore = optionalInteger(row.get("score_away"), "score_away");
    const periods: PeriodScore[] = [];
    for (const q of ["q1", "q2", "q3", "q4", "ot"]) {
      const home = optionalInteger(row.get(`${q}_home`), `${q}_home`);
      const away = optionalInteger(row.get(`${q}_away`), `${q}_away`);
      if (home === null || away === null || (q === "ot" && home === 0 && away === 0)) continue;
      periods.push({ period: q.toUpperCase(), home, away });
    }
    const playoffs = row.get("playoffs").toUpperCase() === "TRUE";
    const game = addGame(batch, {
      line: row.line,
      league: NBA,
      season: { label: spanningSeasonLabel(endYear - 1), startYear: endYear - 1 },
      localDate,
      startsAt: dateOnlyToUtc(localDate),
      startTimeKnown: false,
      home: row.get("home") || reject("home team is missing"),
      away: row.get("away") || reject("away team is missing"),
      homeScore,
      awayScore,
      periodScores: periods.length > 0 ? periods : null,
      statusDetail: periods.some((p) => p.period === "OT") ? "OT" : null,
      stage: playoffs ? "POST" : "REG",
    });
    const odds = new OddsCollector(batch, row.line, game);
    const nonZero = (v: string) => (optionalNumber(v) === 0 ? "" : v);
    odds.american(book, "MONEYLINE", "HOME", "UNSPECIFIED", nonZero(row.get("moneyline_home")), { column: "moneyline_home" });
    odds.american(book, "MONEYLINE", "AWAY", "UNSPECIFIED", nonZero(row.get("moneyline_away")), { column: "moneyline_away" });
    const spread = optionalNumber(row.get("spread"));
    const favoured = row.get("whos_favored").toLowerCase();
    if (spread !== null && (favoured === "home" || favoured === "away")) {
      const homeLine = favoured === "home" ? -spread : spread;
      odds.lineOnly(book, "SPREAD", "HOME", "UNSPECIFIED", homeLine === 0 ? 0 : homeLine, { column: "spread" });
      odds.lineOnly(book, "SPREAD", "AWAY", "UNSPECIFIED", homeLine === 0 ? 0 : -homeLine, { column: "spread" });
    }
    const total = optionalNumber(row.get("total"));
    if (total !== null && total !== 0) {
      odds.lineOnly(book, "TOTAL", "OVER", "UNSPECIFIED", total, { column: "total" });
      odds.lineOnly(book, "TOTAL", "UNDER", "UNSPECIFIED", total, { column: "total" });
    }
    const secondHalfTotal = optionalNumber(row.get("h2_total"));
    if (secondHalfTotal) {
      odds.lineOnly(book, "TOTAL", "OVER", "UNSPECIFIED", secondHalfTotal, { period: "SECOND_HALF", column: "h2_total" });
      odds.lineOnly(book, "TOTAL", "UNDER", "UNSPECIFIED", secondHalfTotal, { period: "SECOND_HALF", column: "h2_total" });
    }
  });
  return batch;
}
