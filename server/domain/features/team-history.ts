import { WeightedMean } from "./weighted-mean";

const DAY_MS = 86_400_000;

interface Played {
  at: number;
  scored: number;
  conceded: number;
}

/** Each team's past results, in order, for form, rest and schedule features. */
export class TeamHistory {
  private readonly games = new Map<string, Played[]>();
  private readonly meetings = new Map<string, { at: number; homeMargin: number; home: string }[]>();
  /** Exponentially weighted goals/points for and against (attack and defence strength). */
  private readonly strength = new Map<string, { scored: WeightedMean; conceded: WeightedMean }>();

  constructor(private readonly decay = 0.9) {}

  record(home: string, away: string, at: Date, homeScore: number, awayScore: number): void {
    const t = at.getTime();
    this.push(home, { at: t, scored: homeScore, conceded: awayScore });
    this.push(away, { at: t, scored: awayScore, conceded: homeScore });
    const key = pairKey(home, away);
    const list = this.meetings.get(key) ?? [];
    list.push({ at: t, homeMargin: homeScore - awayScore, home });
    this.meetings.set(key, list);
  }

  private push(team: string, game: Played) {
    const list = this.games.get(team) ?? [];
    list.push(game);
    this.games.set(team, list);
    const s = this.strength.get(team) ?? { scored: new WeightedMean(this.decay), conceded: new WeightedMean(this.decay) };
    s.scored.add(game.scored);
    s.conceded.add(game.conceded);
    this.strength.set(team, s);
  }

  /** Last n games: win share (draws half), mean margin, mean for and against; NaN with no history. */
  form(team: string, n: number) {
    const recent = (this.games.get(team) ?? []).slice(-n);
    if (recent.length === 0) return { winShare: NaN, margin: NaN, scored: NaN, conceded: NaN };
    let wins = 0;
    let margin = 0;
    let scored = 0;
    let conceded = 0;
    for (const g of recent) {
      wins += g.scored > g.conceded ? 1 : g.scored === g.conceded ? 0.5 : 0;
      margin += g.scored - g.conceded;
      scored += g.scored;
      conceded += g.conceded;
    }
    const k = recent.length;
    return { winShare: wins / k, margin: margin / k, scored: scored / k, conceded: conceded / k };
  }

  weightedStrength(team: string): { scored: number; conceded: number } {
    const s = this.strength.get(team);
    return s ? { scored: s.scored.value, conceded: s.conceded.value } : { scored: NaN, conceded: NaN };
  }

  /** Days since the team last played, capped; NaN before its first game. */
  restDays(team: string, at: Date, cap: number): number {
    const last = this.games.get(team)?.at(-1);
    return last ? Math.min(cap, (at.getTime() - last.at) / DAY_MS) : NaN;
  }

  gamesWithin(team: string, at: Date, days: number): number {
    const since = at.getTime() - days * DAY_MS;
    const list = this.games.get(team) ?? [];
    let n = 0;
    for (let i = list.length - 1; i >= 0 && list[i]!.at >= since; i--) n++;
    return n;
  }

  /** Mean margin from `home`'s side over the last n meetings, and how many there were. */
  headToHead(home: string, away: string, n: number): { margin: number; count: number } {
    const recent = (this.meetings.get(pairKey(home, away)) ?? []).slice(-n);
    if (recent.length === 0) return { margin: NaN, count: 0 };
    const sum = recent.reduce((s, m) => s + (m.home === home ? m.homeMargin : -m.homeMargin), 0);
    return { margin: sum / recent.length, count: recent.length };
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
