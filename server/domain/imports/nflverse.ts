import { dateOnlyToUtc, zonedTimeToUtc } from "../time/zoned";
import { NFL, BOOKMAKERS } from "./catalogue";
import { optionalInteger, optionalNumber, readCsv, reject } from "./csv";
import { parseIsoDate } from "./dates";
import { OddsCollector } from "./odds-values";
import { addGame, eachRow } from "./rows";
import { emptyBatch, type MatchStats, type ParsedBatch } from "./types";
import { fahrenheitToCelsius, mphToKph } from "./units";

const REQUIRED = ["game_id", "season", "game_type", "gameday", "away_team", "home_team", "away_score", "home_score"];

/**
 * nflverse games.csv. Lines are closing lines; `spread_line` is positive when the HOME team is favoured,
 * so the home handicap is -spread_line. Kick-off times are US Eastern.
 */
export function parseNflverse(text: string): ParsedBatch {
  const batch = emptyBatch("nflverse");
  const { rows } = readCsv(text, REQUIRED, "nflverse games.csv", { rejectNul: true });
  const book = BOOKMAKERS.nflverseConsensus;
  eachRow(batch, rows, (row) => {
    const season = optionalInteger(row.get("season"), "season") ?? reject("season is missing");
    const localDate = parseIsoDate(row.get("gameday"));
    const time = row.get("gametime");
    const timed = /^\d{1,2}:\d{2}$/.test(time);
    const home = row.get("home_team") || reject("home_team is missing");
    const away = row.get("away_team") || reject("away_team is missing");
    const overtime = row.get("overtime") === "1";
    const game = addGame(batch, {
      line: row.line,
      league: NFL,
      season: { label: String(season), startYear: season },
      localDate,
      startsAt: timed ? zonedTimeToUtc(localDate, time, "America/New_York") : dateOnlyToUtc(localDate),
      startTimeKnown: timed,
      home,
      away,
      homeScore: optionalInteger(row.get("home_score"), "home_score"),
      awayScore: optionalInteger(row.get("away_score"), "away_score"),
      statusDetail: overtime ? "OT" : null,
      neutralSite: row.get("location") === "Neutral",
      roof: row.get("roof") || null,
      surface: row.get("surface") || null,
      temperatureC: fahrenheitToCelsius(optionalNumber(row.get("temp"))),
      windKph: mphToKph(optionalNumber(row.get("wind"))),
      stage: row.get("game_type") || null,
      venue: row.get("stadium_id")
        ? { key: `nfl:${row.get("stadium_id")}`, name: row.get("stadium") || row.get("stadium_id"), roof: row.get("roof") || null, surface: row.get("surface") || null }
        : null,
      externalId: row.get("game_id"),
      matchStats: quarterbacks(row.get("home_qb_name"), row.get("away_qb_name")),
    });
    const odds = new OddsCollector(batch, row.line, game);
    odds.american(book, "MONEYLINE", "HOME", "CLOSING", row.get("home_moneyline"), { column: "home_moneyline" });
    odds.american(book, "MONEYLINE", "AWAY", "CLOSING", row.get("away_moneyline"), { column: "away_moneyline" });
    const spread = optionalNumber(row.get("spread_line"));
    if (spread !== null) {
      for (const [selection, line, priceColumn] of [
        ["HOME", -spread, "home_spread_odds"],
        ["AWAY", spread, "away_spread_odds"],
      ] as const) {
        if (row.get(priceColumn)) {
          odds.american(book, "SPREAD", selection, "CLOSING", row.get(priceColumn), { line, column: priceColumn });
        } else {
          odds.lineOnly(book, "SPREAD", selection, "CLOSING", line, { column: "spread_line" });
        }
      }
    }
    const total = optionalNumber(row.get("total_line"));
    if (total !== null) {
      for (const [selection, priceColumn] of [
        ["OVER", "over_odds"],
        ["UNDER", "under_odds"],
      ] as const) {
        if (row.get(priceColumn)) {
          odds.american(book, "TOTAL", selection, "CLOSING", row.get(priceColumn), { line: total, column: priceColumn });
        } else {
          odds.lineOnly(book, "TOTAL", selection, "CLOSING", total, { column: "total_line" });
        }
      }
    }
  });
  return batch;
}

/** Starting quarterbacks, as nflverse names them; null when the row has neither. */
function quarterbacks(home: string, away: string): MatchStats | null {
  if (!home && !away) return null;
  return { ...(home ? { homeQuarterback: home } : {}), ...(away ? { awayQuarterback: away } : {}) };
}
