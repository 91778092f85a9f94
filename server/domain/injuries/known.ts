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
