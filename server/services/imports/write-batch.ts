import { aliasKey, cleanDisplayName } from "@/server/domain/names/normalize";
import type {
  BookmakerRef,
  ImportSource,
  LeagueRef,
  ParsedBatch,
  ParsedGame,
  ParsedOdds,
  RowIssue,
} from "@/server/domain/imports/types";
import type { Queryable } from "@/server/db/pool";
import { TeamResolver } from "./resolve-teams";

/**
 * Writes one parsed file into PostgreSQL with set-based upserts. The caller wraps it in a transaction.
 * Rows whose values did not change are not touched, so a re-import reports 0 inserted and 0 updated.
 * New rows name the import run that created them, and every game the file describes is linked to the run
 * (ImportRunGame), so that a run can later be hidden or deleted without touching other runs' data.
 */

// Sources that describe the same games: the higher number owns shared fields (see Game.primarySource).
const SOURCE_PRIORITY: Record<ImportSource, number> = {
  nflverse: 30,
  "sbr-nfl": 20,
  "fte-nfl": 10,
  "football-data": 10,
  "sbr-nba": 10,
  "nba-player-logs": 10,
  "tennis-data": 10,
};

const ODDS_CHUNK = 20_000;

export interface WriteCounts {
  games: number;
  odds: number;
  playerStats: number;
  inserted: number;
  updated: number;
  /** Rows that parsed but could not be stored (unknown or ambiguous team, duplicate game). */
  rejected: RowIssue[];
}

async function upsertLeague(db: Queryable, league: LeagueRef): Promise<number> {
  const sport = await db.query<{ id: number }>(
    `INSERT INTO "Sport" (key, name) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [league.sport.key, league.sport.name],
  );
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO "League" ("sportId", key, name, country) VALUES ($1, $2, $3, $4)
     ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING id`,
    [sport.rows[0]!.id, league.key, league.name, league.country],
  );
  return rows[0]!.id;
}

class LeagueContext {
  private readonly seasons = new Map<string, number>();
  private constructor(
    private readonly db: Queryable,
    readonly leagueId: number,
    readonly teams: TeamResolver,
  ) {}

  static async open(db: Queryable, league: LeagueRef): Promise<LeagueContext> {
    const leagueId = await upsertLeague(db, league);
    return new LeagueContext(db, leagueId, await TeamResolver.load(db, league, leagueId));
  }

  async seasonId(label: string, startYear: number): Promise<number> {
    let id = this.seasons.get(label);
    if (id === undefined) {
      const { rows } = await this.db.query<{ id: number }>(
        `INSERT INTO "Season" ("leagueId", label, "startYear") VALUES ($1, $2, $3)
         ON CONFLICT ("leagueId", label) DO UPDATE SET label = EXCLUDED.label RETURNING id`,
        [this.leagueId, label, startYear],
      );
      id = rows[0]!.id;
      this.seasons.set(label, id);
    }
    return id;
  }
}

async function upsertBookmakers(db: Queryable, books: BookmakerRef[]): Promise<Map<string, number>> {
  const unique = [...new Map(books.map((b) => [b.key, b])).values()];
  if (unique.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; key: string }>(
    `INSERT INTO "Bookmaker" (key, name, "isSharp", "isAggregate")
     SELECT * FROM unnest($1::text[], $2::text[], $3::bool[], $4::bool[])
     ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING id, key`,
    [unique.map((b) => b.key), unique.map((b) => b.name), unique.map((b) => b.isSharp), unique.map((b) => b.isAggregate)],
  );
  return new Map(rows.map((r) => [r.key, r.id]));
}

async function upsertVenues(db: Queryable, games: ParsedGame[]): Promise<Map<string, number>> {
  const venues = [...new Map(games.flatMap((g) => (g.venue ? [[g.venue.key, g.venue] as const] : []))).values()];
  if (venues.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; key: string }>(
    `INSERT INTO "Venue" (key, name, roof, surface)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING id, key`,
    [venues.map((v) => v.key), venues.map((v) => v.name), venues.map((v) => v.roof), venues.map((v) => v.surface)],
  );
  return new Map(rows.map((r) => [r.key, r.id]));
}

// How each Game column merges an incoming row (EXCLUDED) with the stored one ("Game").
const WINS = `EXCLUDED."sourcePriority" >= "Game"."sourcePriority"`;
const preferWinner = (c: string) =>
  `CASE WHEN ${WINS} THEN COALESCE(EXCLUDED."${c}", "Game"."${c}") ELSE COALESCE("Game"."${c}", EXCLUDED."${c}") END`;
const GAME_MERGE: Record<string, string> = {
  seasonId: `CASE WHEN ${WINS} THEN EXCLUDED."seasonId" ELSE "Game"."seasonId" END`,
  startsAt: `CASE WHEN EXCLUDED."startTimeKnown" AND (${WINS} OR NOT "Game"."startTimeKnown") THEN EXCLUDED."startsAt"
             WHEN NOT "Game"."startTimeKnown" AND NOT EXCLUDED."startTimeKnown" AND ${WINS} THEN EXCLUDED."startsAt"
             ELSE "Game"."startsAt" END`,
  startTimeKnown: `"Game"."startTimeKnown" OR EXCLUDED."startTimeKnown"`,
  status: `CASE WHEN ${WINS} OR "Game".status = 'SCHEDULED' THEN EXCLUDED.status ELSE "Game".status END`,
  neutralSite: `CASE WHEN ${WINS} THEN EXCLUDED."neutralSite" ELSE "Game"."neutralSite" END`,
  externalIds: `"Game"."externalIds" || EXCLUDED."externalIds"`,
  primarySource: `CASE WHEN ${WINS} THEN EXCLUDED."primarySource" ELSE "Game"."primarySource" END`,
  sourcePriority: `GREATEST("Game"."sourcePriority", EXCLUDED."sourcePriority")`,
  ...Object.fromEntries(
    [
      "venueId",
      "statusDetail",
      "homeScore",
      "awayScore",
      "periodScores",
      "roof",
      "surface",
      "temperatureC",
      "windKph",
      "stage",
      "matchStats",
    ].map((c) => [c, preferWinner(c)]),
  ),
};
const GAME_UPSERT_SQL = `
INSERT INTO "Game" ("leagueId", "seasonId", "homeTeamId", "awayTeamId", "venueId", "startsAt", "startTimeKnown",
  "localDate", status, "statusDetail", "homeScore", "awayScore", "periodScores", "neutralSite", roof, surface,
  "temperatureC", "windKph", stage, "matchStats", "externalIds", "primarySource", "sourcePriority", "importRunId", "updatedAt")
SELECT l, s, h, a, v, st, stk, d, status::"GameStatus", sd, hs, aws, ps, ns, r, su, t, w, stg, ms, ext, src, prio, $24, now()
FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::timestamptz[], $7::bool[], $8::date[],
  $9::text[], $10::text[], $11::int[], $12::int[], $13::jsonb[], $14::bool[], $15::text[], $16::text[],
  $17::float8[], $18::float8[], $19::text[], $20::jsonb[], $21::jsonb[], $22::text[], $23::int[])
  AS x(l, s, h, a, v, st, stk, d, status, sd, hs, aws, ps, ns, r, su, t, w, stg, ms, ext, src, prio)
ON CONFLICT ("leagueId", "homeTeamId", "awayTeamId", "localDate") DO UPDATE SET
  ${Object.entries(GAME_MERGE)
    .map(([c, e]) => `"${c}" = ${e}`)
    .join(",\n  ")},
  "updatedAt" = now()
WHERE ${Object.entries(GAME_MERGE)
  .map(([c, e]) => `(${e}) IS DISTINCT FROM "Game"."${c}"`)
  .join("\n   OR ")}
RETURNING (xmax = 0) AS inserted`;

interface ResolvedGame {
  parsed: ParsedGame;
  index: number;
  leagueId: number;
  seasonId: number;
  homeTeamId: number;
  awayTeamId: number;
}

async function resolveGames(
  batch: ParsedBatch,
  contexts: Map<string, LeagueContext>,
  rejected: RowIssue[],
): Promise<ResolvedGame[]> {
  const byKey = new Map<string, ResolvedGame>();
  for (const [index, g] of batch.games.entries()) {
    const ctx = contexts.get(g.league.key)!;
    const home = await ctx.teams.resolve(g.home, g.season.startYear);
    const away = await ctx.teams.resolve(g.away, g.season.startYear);
    if (typeof home === "string" || typeof away === "string") {
      rejected.push({ line: g.line, message: typeof home === "string" ? home : (away as string) });
      continue;
    }
    if (home === away) {
      rejected.push({ line: g.line, message: `home and away are the same team (${g.home})` });
      continue;
    }
    const key = `${ctx.leagueId}|${home}|${away}|${g.localDate}`;
    const previous = byKey.get(key);
    if (previous) {
      rejected.push({ line: g.line, message: `same game as line ${previous.parsed.line} (teams and date)` });
      continue;
    }
    byKey.set(key, {
      parsed: g,
      index,
      leagueId: ctx.leagueId,
      seasonId: await ctx.seasonId(g.season.label, g.season.startYear),
      homeTeamId: home,
      awayTeamId: away,
    });
  }
  return [...byKey.values()];
}

async function upsertGames(
  db: Queryable,
  run: WriteRun,
  games: ResolvedGame[],
  venues: Map<string, number>,
): Promise<{ ids: Map<number, number>; inserted: number; updated: number }> {
  const { source } = run;
  if (games.length === 0) return { ids: new Map(), inserted: 0, updated: 0 };
  const col = <T>(f: (g: ResolvedGame) => T) => games.map(f);
  const p = (g: ResolvedGame) => g.parsed;
  const { rows } = await db.query<{ inserted: boolean }>(GAME_UPSERT_SQL, [
    col((g) => g.leagueId),
    col((g) => g.seasonId),
    col((g) => g.homeTeamId),
    col((g) => g.awayTeamId),
    col((g) => (p(g).venue ? venues.get(p(g).venue!.key)! : null)),
    col((g) => p(g).startsAt.toISOString()),
    col((g) => p(g).startTimeKnown),
    col((g) => p(g).localDate),
    col((g) => p(g).status),
    col((g) => p(g).statusDetail),
    col((g) => p(g).homeScore),
    col((g) => p(g).awayScore),
    col((g) => (p(g).periodScores ? JSON.stringify(p(g).periodScores) : null)),
    col((g) => p(g).neutralSite),
    col((g) => p(g).roof),
    col((g) => p(g).surface),
    col((g) => p(g).temperatureC),
    col((g) => p(g).windKph),
    col((g) => p(g).stage),
    col((g) => (p(g).matchStats ? JSON.stringify(p(g).matchStats) : null)),
    col((g) => JSON.stringify(p(g).externalId ? { [source]: p(g).externalId } : {})),
    col(() => source),
    col(() => SOURCE_PRIORITY[source]),
    run.importRunId,
  ]);
  const inserted = rows.filter((r) => r.inserted).length;
  const found = await db.query<{ id: number; i: number }>(
    `SELECT g.id, k.i FROM unnest($1::int[], $2::int[], $3::int[], $4::date[], $5::int[]) AS k(l, h, a, d, i)
     JOIN "Game" g ON g."leagueId" = k.l AND g."homeTeamId" = k.h AND g."awayTeamId" = k.a AND g."localDate" = k.d`,
    [col((g) => g.leagueId), col((g) => g.homeTeamId), col((g) => g.awayTeamId), col((g) => g.parsed.localDate), col((g) => g.index)],
  );
  await db.query(
    `INSERT INTO "ImportRunGame" ("importRunId", "gameId") SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`,
    [run.importRunId, found.rows.map((r) => r.id)],
  );
  return { ids: new Map(found.rows.map((r) => [r.i, r.id])), inserted, updated: rows.length - inserted };
}

const ODDS_UPSERT_SQL = `
INSERT INTO "OddsSnapshot" ("gameId", "bookmakerId", market, period, selection, phase, line, price, source, "importRunId")
SELECT g, b, m::"Market", p::"MarketPeriod", s::"Selection", ph::"OddsPhase", l, pr, $9, $10
FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::numeric[])
  AS x(g, b, m, p, s, ph, l, pr)
ON CONFLICT ("gameId", "bookmakerId", market, period, selection, phase, "capturedAt") DO UPDATE SET
  line = EXCLUDED.line, price = EXCLUDED.price, source = EXCLUDED.source
WHERE "OddsSnapshot".line IS DISTINCT FROM EXCLUDED.line OR "OddsSnapshot".price IS DISTINCT FROM EXCLUDED.price
RETURNING (xmax = 0) AS inserted`;

async function upsertOdds(
  db: Queryable,
  run: WriteRun,
  odds: ParsedOdds[],
  gameIds: Map<number, number>,
  books: Map<string, number>,
): Promise<{ count: number; inserted: number; updated: number }> {
  // One row per identity (a later column for the same price wins), only for games that were stored.
  const unique = new Map<string, [number, ParsedOdds]>();
  for (const o of odds) {
    const gameId = gameIds.get(o.game);
    if (gameId === undefined) continue;
    unique.set(`${gameId}|${o.bookmaker.key}|${o.market}|${o.period}|${o.selection}|${o.phase}`, [gameId, o]);
  }
  const rows = [...unique.values()];
  let inserted = 0;
  let updated = 0;
  for (let start = 0; start < rows.length; start += ODDS_CHUNK) {
    const chunk = rows.slice(start, start + ODDS_CHUNK);
    const result = await db.query<{ inserted: boolean }>(ODDS_UPSERT_SQL, [
      chunk.map(([g]) => g),
      chunk.map(([, o]) => books.get(o.bookmaker.key)!),
      chunk.map(([, o]) => o.market),
      chunk.map(([, o]) => o.period),
      chunk.map(([, o]) => o.selection),
      chunk.map(([, o]) => o.phase),
      chunk.map(([, o]) => o.line),
      chunk.map(([, o]) => o.price),
      run.source,
      run.importRunId,
    ]);
    const ins = result.rows.filter((r) => r.inserted).length;
    inserted += ins;
    updated += result.rows.length - ins;
  }
  return { count: rows.length, inserted, updated };
}

const STAT_COLUMNS = [
  "starter",
  "won",
  "position",
  "seconds",
  "points",
  "rebounds",
  "assists",
  "steals",
  "blocks",
  "turnovers",
  "fouls",
  "fgMade",
  "fgAttempted",
  "threesMade",
  "threesAttempted",
  "ftMade",
  "ftAttempted",
  "offensiveRebounds",
  "defensiveRebounds",
] as const;
// Every box-score column is an integer except these.
const STAT_TYPES: Partial<Record<(typeof STAT_COLUMNS)[number], string>> = { starter: "bool", won: "bool", position: "text" };

async function upsertPlayerStats(
  db: Queryable,
  importRunId: string,
  batch: ParsedBatch,
  contexts: Map<string, LeagueContext>,
  rejected: RowIssue[],
): Promise<{ count: number; inserted: number; updated: number }> {
  if (batch.playerStats.length === 0) return { count: 0, inserted: 0, updated: 0 };
  const league = batch.playerStats[0]!.league;
  const ctx = contexts.get(league.key)!;
  const resolved: { playerName: string; team: number; opponent: number; stat: (typeof batch.playerStats)[number] }[] = [];
  const seen = new Map<string, number>();
  for (const stat of batch.playerStats) {
    const season = Number(stat.gameDate.slice(0, 4));
    const team = await ctx.teams.resolve(stat.team, season);
    const opponent = await ctx.teams.resolve(stat.opponent, season);
    if (typeof team === "string" || typeof opponent === "string") {
      const name = typeof team === "string" ? stat.team : stat.opponent;
      rejected.push({ line: stat.line, message: `"${name}" is not an NBA team: exhibition or non-NBA game, not imported` });
      continue;
    }
    const playerName = cleanDisplayName(stat.player);
    const key = `${aliasKey(playerName)}|${stat.gameDate}`;
    if (seen.has(key)) {
      rejected.push({ line: stat.line, message: `same player and date as line ${seen.get(key)}` });
      continue;
    }
    seen.set(key, stat.line);
    resolved.push({ playerName, team, opponent, stat });
  }
  // Players: one row per alias key, current team from the latest appearance.
  const latest = new Map<string, (typeof resolved)[number]>();
  for (const r of resolved) {
    const k = aliasKey(r.playerName);
    const prev = latest.get(k);
    if (!prev || prev.stat.gameDate <= r.stat.gameDate) latest.set(k, r);
  }
  const players = [...latest.entries()];
  await db.query(
    `WITH input AS (SELECT * FROM unnest($2::text[], $3::text[], $4::int[], $5::text[]) AS x(alias, name, team, pos)),
     known AS (SELECT a."playerId", i.* FROM input i JOIN "PlayerAlias" a ON a."leagueId" = $1 AND a.alias = i.alias),
     updated AS (
       UPDATE "Player" p SET "currentTeamId" = k.team, position = k.pos FROM known k
       WHERE p.id = k."playerId" AND (p."currentTeamId" IS DISTINCT FROM k.team OR p.position IS DISTINCT FROM k.pos)),
     created AS (
       INSERT INTO "Player" ("leagueId", name, "currentTeamId", position)
       SELECT $1, i.name, i.team, i.pos FROM input i WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.alias = i.alias)
       ON CONFLICT ("leagueId", name) DO NOTHING RETURNING id, name)
     INSERT INTO "PlayerAlias" ("leagueId", "playerId", alias)
     SELECT $1, c.id, i.alias FROM created c JOIN input i ON i.name = c.name
     ON CONFLICT ("leagueId", alias) DO NOTHING`,
    [
      ctx.leagueId,
      players.map(([k]) => k),
      players.map(([, r]) => r.playerName),
      players.map(([, r]) => r.team),
      players.map(([, r]) => r.stat.position),
    ],
  );
  const cols = STAT_COLUMNS.map((c) => `"${c}"`).join(", ");
  const params = STAT_COLUMNS.map((c, i) => `$${i + 6}::${STAT_TYPES[c] ?? "int"}[]`).join(", ");
  const { rows } = await db.query<{ inserted: boolean }>(
    `INSERT INTO "PlayerGameStat" ("playerId", "teamId", "opponentId", "gameDate", "gameId", source, "importRunId", ${cols})
     SELECT a."playerId", x.team, x.opp, x.d,
       (SELECT g.id FROM "Game" g WHERE g."localDate" = x.d AND ((g."homeTeamId" = x.team AND g."awayTeamId" = x.opp)
         OR (g."homeTeamId" = x.opp AND g."awayTeamId" = x.team)) LIMIT 1),
       $25, $26, ${STAT_COLUMNS.map((c) => `x."${c}"`).join(", ")}
     FROM unnest($2::text[], $3::int[], $4::int[], $5::date[], ${params})
       AS x(alias, team, opp, d, ${cols})
     JOIN "PlayerAlias" a ON a."leagueId" = $1 AND a.alias = x.alias
     ON CONFLICT ("playerId", "gameDate") DO UPDATE SET
       "teamId" = EXCLUDED."teamId", "opponentId" = EXCLUDED."opponentId", "gameId" = EXCLUDED."gameId",
       ${STAT_COLUMNS.map((c) => `"${c}" = EXCLUDED."${c}"`).join(", ")}
     WHERE ("PlayerGameStat"."teamId", "PlayerGameStat"."opponentId", "PlayerGameStat"."gameId", ${STAT_COLUMNS.map((c) => `"PlayerGameStat"."${c}"`).join(", ")})
       IS DISTINCT FROM (EXCLUDED."teamId", EXCLUDED."opponentId", EXCLUDED."gameId", ${STAT_COLUMNS.map((c) => `EXCLUDED."${c}"`).join(", ")})
     RETURNING (xmax = 0) AS inserted`,
    [
      ctx.leagueId,
      resolved.map((r) => aliasKey(r.playerName)),
      resolved.map((r) => r.team),
      resolved.map((r) => r.opponent),
      resolved.map((r) => r.stat.gameDate),
      ...STAT_COLUMNS.map((c) => resolved.map((r) => r.stat[c])),
      batch.source,
      importRunId,
    ],
  );
  const inserted = rows.filter((r) => r.inserted).length;
  return { count: resolved.length, inserted, updated: rows.length - inserted };
}

interface WriteRun {
  importRunId: string;
  source: ImportSource;
}

export async function writeBatch(db: Queryable, batch: ParsedBatch, importRunId: string): Promise<WriteCounts> {
  const run: WriteRun = { importRunId, source: batch.source };
  const rejected: RowIssue[] = [];
  const leagues = new Map<string, LeagueRef>();
  for (const g of batch.games) leagues.set(g.league.key, g.league);
  for (const s of batch.playerStats) leagues.set(s.league.key, s.league);
  const contexts = new Map<string, LeagueContext>();
  for (const league of leagues.values()) contexts.set(league.key, await LeagueContext.open(db, league));

  const games = await resolveGames(batch, contexts, rejected);
  const venues = await upsertVenues(db, games.map((g) => g.parsed));
  const gameResult = await upsertGames(db, run, games, venues);
  const books = await upsertBookmakers(db, batch.odds.map((o) => o.bookmaker));
  const oddsResult = await upsertOdds(db, run, batch.odds, gameResult.ids, books);
  const statResult = await upsertPlayerStats(db, importRunId, batch, contexts, rejected);
  return {
    games: games.length,
    odds: oddsResult.count,
    playerStats: statResult.count,
    inserted: gameResult.inserted + oddsResult.inserted + statResult.inserted,
    updated: gameResult.updated + oddsResult.updated + statResult.updated,
    rejected,
  };
}

