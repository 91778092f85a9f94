import { aliasKey } from "../names/normalize";
import { dateOnlyToUtc } from "../time/zoned";
import { ATP, BOOKMAKERS, WTA } from "./catalogue";
import { FileFormatError, emptyBatch, type BookmakerRef, type ParsedBatch, type PeriodScore } from "./types";
import { optionalInteger, readCsv, reject } from "./csv";
import { parseExcelSerialDate, parseIsoDate } from "./dates";
import { OddsCollector } from "./odds-values";
import { addGame, eachRow } from "./rows";

const REQUIRED = ["Location", "Tournament", "Date", "Surface", "Round", "Winner", "Loser", "Comment"];

const PRICE_COLUMNS: [prefix: string, book: BookmakerRef][] = [
  ["B365", BOOKMAKERS.bet365],
  ["PS", BOOKMAKERS.pinnacle],
  ["EX", BOOKMAKERS.expekt],
  ["LB", BOOKMAKERS.ladbrokes],
  ["SJ", BOOKMAKERS.stanJames],
  ["CB", BOOKMAKERS.centrebet],
  ["Max", BOOKMAKERS.marketMax],
  ["Avg", BOOKMAKERS.marketAverage],
];

/**
 * tennis-data.co.uk match files. Players are listed as home/away in alphabetical order (the files list
 * winner first, which would leak the result into the fixture). Dates may be Excel serial numbers.
 */
export function parseTennisData(text: string): ParsedBatch {
  const batch = emptyBatch("tennis-data");
  const { columns, rows } = readCsv(text, REQUIRED, "tennis-data.co.uk", { rejectNul: true });
  const league = columns.includes("ATP") ? ATP : columns.includes("WTA") ? WTA : null;
  if (!league) throw new FileFormatError("not a tennis-data.co.uk file: no ATP or WTA column");
  eachRow(batch, rows, (row) => {
    const rawDate = row.get("Date");
    const localDate = /^\d+$/.test(rawDate) ? parseExcelSerialDate(rawDate) : parseIsoDate(rawDate);
    const winner = row.get("Winner") || reject("Winner is missing");
    const loser = row.get("Loser") || reject("Loser is missing");
    const winnerIsHome = aliasKey(winner) <= aliasKey(loser);
    const side = <T>(w: T, l: T): [T, T] => (winnerIsHome ? [w, l] : [l, w]);
    const [home, away] = side(winner, loser);
    const comment = row.get("Comment");
    const walkover = /walkover/i.test(comment);
    const sets: PeriodScore[] = [];
    for (let i = 1; i <= 5; i++) {
      const w = optionalInteger(row.get(`W${i}`), `W${i}`);
      const l = optionalInteger(row.get(`L${i}`), `L${i}`);
      if (w === null || l === null) continue;
      const [h, a] = side(w, l);
      sets.push({ period: `S${i}`, home: h, away: a });
    }
    const wonSets = optionalInteger(row.get("Wsets"), "Wsets");
    const lostSets = optionalInteger(row.get("Lsets"), "Lsets");
    const [homeSets, awaySets] = side(wonSets, lostSets);
    const year = Number(localDate.slice(0, 4));
    const game = addGame(batch, {
      line: row.line,
      league,
      season: { label: String(year), startYear: year },
      localDate,
      startsAt: dateOnlyToUtc(localDate),
      startTimeKnown: false,
      home,
      away,
      homeScore: walkover ? null : homeSets,
      awayScore: walkover ? null : awaySets,
      periodScores: sets.length > 0 ? sets : null,
      statusDetail: comment && comment !== "Completed" ? comment : null,
      neutralSite: true,
      roof: row.get("Court") || null,
      surface: row.get("Surface") || null,
      stage: `${row.get("Tournament")} · ${row.get("Round")}`,
      venue: row.get("Location") ? { key: `tennis:${aliasKey(row.get("Location"))}`, name: row.get("Location"), roof: null, surface: null } : null,
    });
    if (walkover) batch.games[game]!.status = "CANCELLED";
    const odds = new OddsCollector(batch, row.line, game);
    for (const [prefix, book] of PRICE_COLUMNS) {
      const [homePrice, awayPrice] = side(row.get(`${prefix}W`), row.get(`${prefix}L`));
      odds.decimal(book, "MONEYLINE", "HOME", "UNSPECIFIED", homePrice, { column: `${prefix}${winnerIsHome ? "W" : "L"}` });
      odds.decimal(book, "MONEYLINE", "AWAY", "UNSPECIFIED", awayPrice, { column: `${prefix}${winnerIsHome ? "L" : "W"}` });
    }
  });
  return batch;
}
