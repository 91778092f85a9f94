import { dateOnlyToUtc } from "../time/zoned";
import { NFL } from "./catalogue";
import { optionalInteger, readCsv, reject } from "./csv";
import { parseIsoDate } from "./dates";
import { addGame, eachRow } from "./rows";
import { emptyBatch, type ParsedBatch } from "./types";

const REQUIRED = ["date", "season", "neutral", "playoff", "team1", "team2", "score1", "score2"];

/** FiveThirtyEight's nfl-elo games: results only (team1 is at home unless neutral), for long Elo histories. */
export function parseFteNfl(text: string): ParsedBatch {
  const batch = emptyBatch("fte-nfl");
  const { rows } = readCsv(text, REQUIRED, "FiveThirtyEight nfl_elo", { rejectNul: true });
  eachRow(batch, rows, (row) => {
    const season = optionalInteger(row.get("season"), "season") ?? reject("season is missing");
    const localDate = parseIsoDate(row.get("date"));
    addGame(batch, {
      line: row.line,
      league: NFL,
      season: { label: String(season), startYear: season },
      localDate,
      startsAt: dateOnlyToUtc(localDate),
      startTimeKnown: false,
      home: row.get("team1") || reject("team1 is missing"),
      away: row.get("team2") || reject("team2 is missing"),
      homeScore: optionalInteger(row.get("score1"), "score1"),
      awayScore: optionalInteger(row.get("score2"), "score2"),
      neutralSite: row.get("neutral") === "1",
      stage: row.get("playoff") && row.get("playoff") !== "0" ? "POST" : "REG",
    });
  });
  return batch;
}
