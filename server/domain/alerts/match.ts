import type { LiveSteamMove } from "../scanners/line-moves";
import type { BestPrice, ValueBet } from "../scanners/scan";
import { MARKETS, PERIODS, SELECTIONS, type Market, type Period, type Selection } from "../vocabulary";
import type { AlertRule } from "./rules";

/**
 * Matches alert rules against what the scanners found on freshly stored odds. Pure: the service loads the
 * quotes and runs the existing scanners (value bets, best prices, steam); this decides who hears about what.
 * Every match carries a dedupe key naming (rule, game, selection, event), so re-running on the same or newer
 * odds never notifies twice for one event.
 */
export interface AlertGame {
  id: number;
  league: string;
  home: string;
  away: string;
}

export interface PricedLine {
  gameId: number;
  market: Market;
  period: Period;
  line: number | null;
  best: BestPrice[];
}

export interface AlertFacts {
  games: AlertGame[];
  valueBets: ValueBet[];
  steam: LiveSteamMove[];
  lines: PricedLine[];
  /** Per user, the games they follow (for steam rules "on the games I follow"). */
  followed?: ReadonlyMap<string, ReadonlySet<number>>;
}

export interface AlertMatch {
  ruleId: number;
  userId: string;
  kind: "alert.value-bet" | "alert.steam" | "alert.target-price" | "alert.model-calibration";
  dedupeKey: string;
  title: string;
  body: string;
  url: string;
}

function pick(market: Market, period: Period, selection: Selection, line: number | null): string {
  const side = SELECTIONS[selection].label;
  const withLine = line === null ? side : `${side} ${line > 0 && market === "SPREAD" ? "+" : ""}${line}`;
  return `${MARKETS[market].label}${period === "FULL_GAME" ? "" : ` (${PERIODS[period].label})`}: ${withLine}`;
}

const lineKey = (line: number | null) => (line === null ? "-" : String(line));

export function matchAlerts(rules: AlertRule[], facts: AlertFacts): AlertMatch[] {
  const games = new Map(facts.games.map((g) => [g.id, g]));
  const title = (g: AlertGame) => `${g.home} v ${g.away}`;
  const matches: AlertMatch[] = [];
  for (const rule of rules) {
    if (!rule.enabled) continue;
    const base = { ruleId: rule.id, userId: rule.userId };
    if (rule.kind === "VALUE_BET") {
      const { minEvPercent, leagues, markets } = rule.params;
      for (const v of facts.valueBets) {
        const game = games.get(v.gameId);
        if (!game || v.ev * 100 < minEvPercent) continue;
        if (leagues.length > 0 && !leagues.includes(game.league)) continue;
        if (markets.length > 0 && !markets.includes(v.market)) continue;
        matches.push({
          ...base,
          kind: "alert.value-bet",
          dedupeKey: `alert:${rule.id}:${v.gameId}:${v.market}:${v.period}:${lineKey(v.line)}:${v.selection}:value`,
          title: `Value bet: ${title(game)}`,
          body: `${pick(v.market, v.period, v.selection, v.line)} at ${v.bookmaker} @ ${v.price.toFixed(2)}, EV ${(v.ev * 100).toFixed(1)} % (rule "${rule.name}")`,
          url: `/games/${v.gameId}`,
        });
      }
    } else if (rule.kind === "STEAM_MOVE") {
      const followed = new Set([...rule.params.gameIds, ...(rule.params.followed ? (facts.followed?.get(rule.userId) ?? []) : [])]);
      for (const s of facts.steam) {
        const game = games.get(s.gameId);
        if (!game || !followed.has(s.gameId)) continue;
        matches.push({
          ...base,
          kind: "alert.steam",
          // One burst is one event: its start names it (a later, separate burst is news again). The key does not
          // say why the game was watched, so a game both named and followed is still one notification.
          dedupeKey: `alert:${rule.id}:${s.gameId}:${s.market}:${s.period}:${s.selection}:steam:${s.start.toISOString()}`,
          title: `Steam move: ${title(game)}`,
          body: `${pick(s.market, s.period, s.selection, null)} ${s.direction} at ${s.bookmakers.length} books (${s.bookmakers.join(", ")}) (rule "${rule.name}")`,
          url: `/games/${s.gameId}`,
        });
      }
    } else if (rule.kind === "TARGET_PRICE") {
      const p = rule.params;
      const game = games.get(p.gameId);
      if (!game) continue;
      const line = facts.lines.find((l) => l.gameId === p.gameId && l.market === p.market && l.period === p.period && l.line === p.line);
      const best = line?.best.find((b) => b.selection === p.selection);
      if (!best || best.price < p.targetPrice) continue;
      matches.push({
        ...base,
        kind: "alert.target-price",
        // A target is reached once: the rule has done its job (the user sets a new target to hear again).
        dedupeKey: `alert:${rule.id}:${p.gameId}:${p.market}:${p.period}:${lineKey(p.line)}:${p.selection}:target`,
        title: `Target price reached: ${title(game)}`,
        body: `${pick(p.market, p.period, p.selection, p.line)} at ${best.bookmaker} @ ${best.price.toFixed(2)} (target ${p.targetPrice.toFixed(2)}) (rule "${rule.name}")`,
        url: `/games/${p.gameId}`,
      });
    }
  }
  return matches;
}
