import type { MatchStats } from "../imports/types";

import { WeightedMean as Weighted } from "./weighted-mean";

/** Shots and shots on target for and against, per team, from games already played. */
export class ShotHistory {
  private readonly teams = new Map<string, { shotsFor: Weighted; shotsAgainst: Weighted; targetFor: Weighted; targetAgainst: Weighted }>();

  private of(team: string) {
    let t = this.teams.get(team);
    if (!t) {
      t = { shotsFor: new Weighted(), shotsAgainst: new Weighted(), targetFor: new Weighted(), targetAgainst: new Weighted() };
      this.teams.set(team, t);
    }
    return t;
  }

  record(home: string, away: string, s: MatchStats | null): void {
    if (!s) return;
    const h = this.of(home);
    const a = this.of(away);
    if (s.homeShots !== undefined && s.awayShots !== undefined) {
      h.shotsFor.add(s.homeShots);
      h.shotsAgainst.add(s.awayShots);
      a.shotsFor.add(s.awayShots);
      a.shotsAgainst.add(s.homeShots);
    }
    if (s.homeShotsOnTarget !== undefined && s.awayShotsOnTarget !== undefined) {
      h.targetFor.add(s.homeShotsOnTarget);
      h.targetAgainst.add(s.awayShotsOnTarget);
      a.targetFor.add(s.awayShotsOnTarget);
      a.targetAgainst.add(s.homeShotsOnTarget);
    }
  }

  /** [shots for, shots against, on target for, on target against]. */
  of4(team: string): number[] {
    const t = this.teams.get(team);
    return t ? [t.shotsFor.value, t.shotsAgainst.value, t.targetFor.value, t.targetAgainst.value] : [NaN, NaN, NaN, NaN];
  }
}

/**
 * Starting quarterbacks: how experienced the starter is, whether he is the team's usual starter, and how
 * the team has done in his starts. Starters are announced before kick-off, so the current game's names
 * may be used; everything else comes from earlier games.
 */
export class QuarterbackHistory {
  private readonly starts = new Map<string, number>();
  private readonly margin = new Map<string, Weighted>();
  private readonly recentStarters = new Map<string, string[]>();

  record(team: string, quarterback: string | undefined, margin: number): void {
    if (!quarterback) return;
    this.starts.set(quarterback, (this.starts.get(quarterback) ?? 0) + 1);
    const m = this.margin.get(quarterback) ?? new Weighted();
    m.add(margin);
    this.margin.set(quarterback, m);
    const recent = this.recentStarters.get(team) ?? [];
    recent.push(quarterback);
    if (recent.length > 6) recent.shift();
    this.recentStarters.set(team, recent);
  }

  /** [log(1 + career starts), share of the team's last 6 games he started, weighted margin in his starts]. */
  features(team: string, quarterback: string | undefined): number[] {
    if (!quarterback) return [NaN, NaN, NaN];
    const recent = this.recentStarters.get(team) ?? [];
    const share = recent.length ? recent.filter((q) => q === quarterback).length / recent.length : NaN;
    return [Math.log1p(this.starts.get(quarterback) ?? 0), share, this.margin.get(quarterback)?.value ?? NaN];
  }
}
