import { describe, expect, it } from "vitest";
import { matchAlerts, type AlertFacts } from "@/server/domain/alerts/match";
import { alertRuleInput, parseStoredRule, type AlertRule } from "@/server/domain/alerts/rules";
import type { ValueBet } from "@/server/domain/scanners/scan";

const games = [
  { id: 1, league: "epl", home: "Arsenal", away: "Chelsea" },
  { id: 2, league: "nfl", home: "Bills", away: "Jets" },
];
const value = (over: Partial<ValueBet>): ValueBet => ({
  gameId: 1, market: "ONE_X_TWO", period: "FULL_GAME", line: null, selection: "HOME", bookmaker: "bet365", price: 2.1,
  fairProbability: 0.5, fairSource: "pinnacle", ev: 0.05, kelly: 0.01, ...over,
});
const facts = (over: Partial<AlertFacts> = {}): AlertFacts => ({ games, valueBets: [], steam: [], lines: [], ...over });
const rule = (r: Omit<AlertRule, "userId" | "name" | "enabled" | "id"> & Partial<AlertRule>): AlertRule =>
  ({ id: 7, userId: "u1", name: "mine", enabled: true, ...r }) as AlertRule;

describe("value bet rules", () => {
  const vb = rule({ kind: "VALUE_BET", params: { minEvPercent: 4, leagues: ["epl"], markets: ["ONE_X_TWO"] } });

  it("match a value bet at or above the EV threshold in a chosen league and market", () => {
    const m = matchAlerts([vb], facts({ valueBets: [value({ ev: 0.04 })] }));
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ userId: "u1", kind: "alert.value-bet", dedupeKey: "alert:7:1:ONE_X_TWO:FULL_GAME:-:HOME:value", url: "/games/1" });
    expect(m[0]!.body).toContain("bet365 @ 2.10, EV 4.0 %");
  });

  it("skip bets below the threshold, in other leagues or other markets", () => {
    expect(matchAlerts([vb], facts({ valueBets: [value({ ev: 0.0399 })] }))).toEqual([]);
    expect(matchAlerts([vb], facts({ valueBets: [value({ gameId: 2 })] }))).toEqual([]);
    expect(matchAlerts([vb], facts({ valueBets: [value({ market: "TOTAL", line: 2.5, selection: "OVER" })] }))).toEqual([]);
  });

  it("with no leagues or markets chosen, match all; a disabled rule matches nothing", () => {
    const all = rule({ kind: "VALUE_BET", params: { minEvPercent: 1, leagues: [], markets: [] } });
    expect(matchAlerts([all], facts({ valueBets: [value({ gameId: 2, market: "TOTAL", line: 44.5, selection: "OVER" })] }))).toHaveLength(1);
    expect(matchAlerts([{ ...all, enabled: false }], facts({ valueBets: [value({})] }))).toEqual([]);
  });

  it("key the event by selection, not by price: a better price for the same bet is the same alert", () => {
    const a = matchAlerts([vb], facts({ valueBets: [value({ price: 2.1 })] }));
    const b = matchAlerts([vb], facts({ valueBets: [value({ price: 2.2, bookmaker: "unibet", ev: 0.1 })] }));
    expect(a[0]!.dedupeKey).toBe(b[0]!.dedupeKey);
  });
});

describe("steam rules", () => {
  const steam = { gameId: 2, market: "MONEYLINE" as const, period: "FULL_GAME" as const, selection: "AWAY" as const, direction: "shortening" as const,
    start: new Date("2026-12-02T10:00:00Z"), end: new Date("2026-12-02T10:05:00Z"), bookmakers: ["a", "b", "c"], impliedChange: 0.03 };

  it("match a steam move only on a followed game, once per burst", () => {
    const r = rule({ kind: "STEAM_MOVE", params: { gameIds: [2], followed: false } });
    const m = matchAlerts([r], facts({ steam: [steam, { ...steam, gameId: 1 }] }));
    expect(m).toHaveLength(1);
    expect(m[0]!.dedupeKey).toBe("alert:7:2:MONEYLINE:FULL_GAME:AWAY:steam:2026-12-02T10:00:00.000Z");
    expect(m[0]!.body).toContain("Away shortening at 3 books");
  });

  it("on followed games, match the games the rule's owner follows (and no one else's), once with named games", () => {
    const r = rule({ kind: "STEAM_MOVE", params: { gameIds: [], followed: true } });
    const moves = [steam, { ...steam, gameId: 1 }];
    expect(matchAlerts([r], facts({ steam: moves }))).toEqual([]);
    expect(matchAlerts([r], facts({ steam: moves, followed: new Map([["someone-else", new Set([1, 2])]]) }))).toEqual([]);
    const mine = matchAlerts([r], facts({ steam: moves, followed: new Map([["u1", new Set([1])]]) }));
    expect(mine.map((m) => m.dedupeKey)).toEqual(["alert:7:1:MONEYLINE:FULL_GAME:AWAY:steam:2026-12-02T10:00:00.000Z"]);
    const both = rule({ kind: "STEAM_MOVE", params: { gameIds: [1], followed: true } });
    expect(matchAlerts([both], facts({ steam: moves, followed: new Map([["u1", new Set([1])]]) }))).toHaveLength(1);
  });
});

describe("target price rules", () => {
  const r = rule({ kind: "TARGET_PRICE", params: { gameId: 2, market: "SPREAD", period: "FULL_GAME", selection: "HOME", line: -3.5, targetPrice: 2 } });
  const line = (price: number, l = -3.5) => ({ gameId: 2, market: "SPREAD" as const, period: "FULL_GAME" as const, line: l, best: [{ selection: "HOME" as const, bookmaker: "pinnacle", price, books: 4 }] });

  it("match when the best price reaches the target at the rule's line", () => {
    expect(matchAlerts([r], facts({ lines: [line(1.99)] }))).toEqual([]);
    expect(matchAlerts([r], facts({ lines: [line(2.05, -3)] }))).toEqual([]);
    const m = matchAlerts([r], facts({ lines: [line(2)] }));
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ kind: "alert.target-price", dedupeKey: "alert:7:2:SPREAD:FULL_GAME:-3.5:HOME:target" });
  });
});

describe("rule parameters", () => {
  it("refuse out-of-bounds parameters and accept defaults", () => {
    expect(alertRuleInput.safeParse({ kind: "VALUE_BET", params: { minEvPercent: 0.1 } }).success).toBe(false);
    expect(alertRuleInput.safeParse({ kind: "STEAM_MOVE", params: { gameIds: [] } }).success).toBe(false);
    expect(alertRuleInput.safeParse({ kind: "TARGET_PRICE", params: { gameId: 1, market: "TOTAL", selection: "OVER", line: 2.3, targetPrice: 2 } }).success).toBe(false);
    expect(alertRuleInput.parse({ kind: "VALUE_BET", params: { minEvPercent: 3 } })).toEqual({ kind: "VALUE_BET", params: { minEvPercent: 3, leagues: [], markets: [] } });
  });

  it("skip a stored rule whose JSON no longer fits its kind", () => {
    expect(parseStoredRule({ id: 1, userId: "u", name: "x", enabled: true, kind: "VALUE_BET", params: { minEvPercent: "high" } })).toBeNull();
  });
});
