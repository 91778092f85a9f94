import { NBA } from "./catalogue";
import { readCsv, reject, requiredInteger } from "./csv";
import { parseMonthDayYear } from "./dates";
import { eachRow } from "./rows";
import { emptyBatch, type ParsedBatch } from "./types";

const REQUIRED = ["Player", "Season", "Date", "Team", "Opponent", "W/L", "Status", "MIN", "PTS", "REB", "AST"];

function minutesToSeconds(raw: string): number {
  const m = /^(\d+):(\d{2})$/.exec(raw);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  return Math.round(requiredInteger(raw, "MIN") * 60);
}

/**
 * NBA player box scores ("2025-2026" season, US dates). A row dated outside its season (August to July)
 * is rejected: such dates are errors in the file, not games.
 */
export function parseNbaPlayerLogs(text: string): ParsedBatch {
  const batch = emptyBatch("nba-player-logs");
  const { rows } = readCsv(text, REQUIRED, "NBA player game logs", { rejectNul: true });
  eachRow(batch, rows, (row) => {
    const seasonMatch = /^(\d{4})-(\d{4})$/.exec(row.get("Season"));
    if (!seasonMatch) reject(`season "${row.get("Season")}" is not YYYY-YYYY`);
    const startYear = Number(seasonMatch[1]);
    const gameDate = parseMonthDayYear(row.get("Date"));
    if (gameDate < `${startYear}-08-01` || gameDate > `${startYear + 1}-07-31`) {
      reject(`date ${gameDate} is outside the ${row.get("Season")} season`);
    }
    const int = (column: string) => requiredInteger(row.get(column), column);
    const wl = row.get("W/L").toUpperCase();
    batch.playerStats.push({
      line: row.line,
      league: NBA,
      player: row.get("Player") || reject("Player is missing"),
      team: row.get("Team") || reject("Team is missing"),
      opponent: row.get("Opponent") || reject("Opponent is missing"),
      gameDate,
      starter: row.get("Status") === "Starter",
      won: wl === "W" ? true : wl === "L" ? false : null,
      position: row.get("Pos") || null,
      seconds: minutesToSeconds(row.get("MIN")),
      points: int("PTS"),
      rebounds: int("REB"),
      assists: int("AST"),
      steals: int("STL"),
      blocks: int("BLK"),
      turnovers: int("TOV"),
      fouls: int("PF"),
      fgMade: int("FGM"),
      fgAttempted: int("FGA"),
      threesMade: int("3PM"),
      threesAttempted: int("3PA"),
      ftMade: int("FTM"),
      ftAttempted: int("FTA"),
      offensiveRebounds: int("ORB"),
      defensiveRebounds: int("DRB"),
    });
  });
  return batch;
}
