import { aliasKey, cleanDisplayName } from "@/server/domain/names/normalize";
import { nbaFranchises } from "@/server/domain/teams/nba";
import { nflFranchises } from "@/server/domain/teams/nfl";
import { resolveBySpelling, type TeamResolution } from "@/server/domain/teams/registry";
import type { LeagueRef } from "@/server/domain/imports/types";
import type { Queryable } from "@/server/db/pool";

/**
 * Maps a source's spelling of a team (or tennis player) to a Team row, creating the team and its aliases
 * on first sight. NFL and NBA names go through the curated franchise lists; other leagues use the spelling.
 */
export class TeamResolver {
  private readonly aliasToTeam = new Map<string, number>();
  private readonly cache = new Map<string, number | string>();

  private constructor(
    private readonly db: Queryable,
    private readonly league: LeagueRef,
    private readonly leagueId: number,
  ) {}

  static async load(db: Queryable, league: LeagueRef, leagueId: number): Promise<TeamResolver> {
    const resolver = new TeamResolver(db, league, leagueId);
    const { rows } = await db.query<{ alias: string; teamId: number }>(
      `SELECT alias, "teamId" FROM "TeamAlias" WHERE "leagueId" = $1`,
      [leagueId],
    );
    for (const r of rows) resolver.aliasToTeam.set(r.alias, r.teamId);
    return resolver;
  }

  private resolution(rawName: string, season: number): TeamResolution {
    if (this.league.naming === "nfl") {
      const r = nflFranchises.resolve(rawName, season);
      // Historic NFL clubs (FiveThirtyEight goes back to 1920) are teams of their own.
      return r.kind === "unknown" ? resolveBySpelling(rawName) : r;
    }
    if (this.league.naming === "nba") return nbaFranchises.resolve(rawName, season);
    return resolveBySpelling(rawName);
  }

  /** The team id, or an error message that says why the name cannot be resolved. */
  async resolve(rawName: string, season: number): Promise<number | string> {
    const cacheKey = `${rawName}|${season}`;
    let result = this.cache.get(cacheKey);
    if (result === undefined) {
      result = await this.resolveUncached(rawName, season);
      this.cache.set(cacheKey, result);
    }
    return result;
  }

  /**
   * The team id of a known name, or an error message; never creates a team (live collection: an unknown
   * name goes to the admins' review queue instead).
   */
  find(rawName: string, season: number): number | string {
    const resolution = this.resolution(rawName, season);
    if (resolution.kind === "ambiguous")
      return `team name "${rawName}" is ambiguous (${resolution.candidates.join(" or ")})`;
    const known = resolution.kind === "unknown" ? undefined : this.aliasToTeam.get(aliasKey(resolution.name));
    return known ?? this.aliasToTeam.get(aliasKey(rawName)) ?? `unknown team "${cleanDisplayName(rawName)}"`;
  }

  private async resolveUncached(rawName: string, season: number): Promise<number | string> {
    const resolution = this.resolution(rawName, season);
    if (resolution.kind === "ambiguous") {
      return `team name "${rawName}" is ambiguous (${resolution.candidates.join(" or ")})`;
    }
    if (resolution.kind === "unknown") {
      return `"${cleanDisplayName(rawName)}" is not a known ${this.league.name} team`;
    }
    const key = aliasKey(resolution.name);
    const known = this.aliasToTeam.get(key);
    if (known !== undefined) {
      // A seasonal alias ("Los Angeles" in 2016) is deliberately not stored: it would be wrong in 2017.
      return known;
    }
    const inserted = await this.db.query<{ id: number }>(
      `INSERT INTO "Team" ("leagueId", name, abbreviation, kind) VALUES ($1, $2, $3, $4::"CompetitorKind")
       ON CONFLICT ("leagueId", name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [this.leagueId, resolution.name, resolution.abbreviation, this.league.competitorKind],
    );
    const teamId = inserted.rows[0]!.id;
    const aliases = [...new Set([key, ...resolution.aliases])];
    await this.db.query(
      `INSERT INTO "TeamAlias" ("leagueId", "teamId", alias) SELECT $1, $2, unnest($3::text[])
       ON CONFLICT ("leagueId", alias) DO NOTHING`,
      [this.leagueId, teamId, aliases],
    );
    for (const a of aliases) this.aliasToTeam.set(a, teamId);
    return teamId;
  }
}
