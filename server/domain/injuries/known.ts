/**
 * What the injury reports said about a team at a moment: the players listed "Out" on each player's latest report
 * collected by then, and whether one of them is a quarterback (NFL: the position that moves lines most). A team
 * with no report at all has no value (archives carry no injury reports), which strategies treat as unknown.
 */
export interface TeamInjuries {
  out: number;
  quarterbackOut: boolean;
}

export interface GameInjuries {
  home: TeamInjuries | null;
  away: TeamInjuries | null;
}

export interface InjuryReportRow {
  teamId: number;
  player: string;
  position: string | null;
  status: string;
  collectedAt: Date;
}

const OUT = /^out$/i;
const QUARTERBACK = /^(qb|quarterback)$/i;

/** Each team's injuries from report rows collected at or before `at` (later rows are ignored). */
export function injuriesKnownAt(rows: readonly InjuryReportRow[], at: Date): Map<number, TeamInjuries> {
  const latest = new Map<string, InjuryReportRow>();
  for (const r of rows) {
    if (r.collectedAt.getTime() > at.getTime()) continue;
    const key = `${r.teamId}|${r.player}`;
    const seen = latest.get(key);
    if (!seen || seen.collectedAt.getTime() < r.collectedAt.getTime()) latest.set(key, r);
  }
  const teams = new Map<number, TeamInjuries>();
  for (const r of latest.values()) {
    const team = teams.get(r.teamId) ?? { out: 0, quarterbackOut: false };
    if (OUT.test(r.status.trim())) {
      team.out += 1;
      if (r.position && QUARTERBACK.test(r.position.trim())) team.quarterbackOut = true;
    }
    teams.set(r.teamId, team);
  }
  return teams;
}

/** A game and the moment its injuries are read at (its prediction's as-of time, never after kick-off). */
export interface GameAt {
  id: number;
  homeTeamId: number;
  awayTeamId: number;
  at: Date;
}

/** Each game's injuries as known at its own moment: `injuriesKnownAt` over its two teams' rows. */
export function gameInjuriesAt(rows: readonly InjuryReportRow[], games: readonly GameAt[]): Map<number, GameInjuries> {
  const byTeam = new Map<number, InjuryReportRow[]>();
  for (const r of rows) {
    const list = byTeam.get(r.teamId);
    if (list) list.push(r);
    else byTeam.set(r.teamId, [r]);
  }
  const out = new Map<number, GameInjuries>();
  for (const g of games) {
    const teamRows = [...(byTeam.get(g.homeTeamId) ?? []), ...(byTeam.get(g.awayTeamId) ?? [])];
    const teams = teamRows.length ? injuriesKnownAt(teamRows, g.at) : new Map<number, TeamInjuries>();
    out.set(g.id, { home: teams.get(g.homeTeamId) ?? null, away: teams.get(g.awayTeamId) ?? null });
  }
  return out;
}
