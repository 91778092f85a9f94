import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCaller, type Who } from "../../support/api-caller";

const { prisma, pool, caller } = apiCaller();
const { evaluateAlerts } = await import("@/server/services/alerts/evaluate");
const { botSlipsAlertsOn } = await import("@/server/services/alerts/rules");
const { notifySlips } = await import("@/server/services/bots/notify-slips");
const { evaluateAlertsJob } = await import("@/inngest/jobs");
const { EVENTS } = await import("@/server/jobs/events");
const { bulkPool } = await import("@/server/db/client");

const LEAGUE = "alerts-test-league";
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000);

/** Pinnacle 2.10 / 3.40 / 3.60 (no-vig home 45.4 %) and bet365 2.40 / 3.30 / 3.50: home at bet365 is +9 % EV. */
async function upcomingGame(home: string, away: string) {
  const league = await prisma.league.findUniqueOrThrow({ where: { key: LEAGUE }, include: { seasons: true } });
  const [h, a] = await Promise.all(
    [home, away].map((name) => prisma.team.upsert({ where: { leagueId_name: { leagueId: league.id, name } }, create: { leagueId: league.id, name }, update: {} })),
  );
  const kickoff = hoursFromNow(20);
  const game = await prisma.game.create({
    data: { leagueId: league.id, seasonId: league.seasons[0]!.id, homeTeamId: h!.id, awayTeamId: a!.id, startsAt: kickoff, startTimeKnown: true, localDate: kickoff, primarySource: "test" },
  });
  const books = await Promise.all(["pinnacle", "bet365"].map((key) => prisma.bookmaker.upsert({ where: { key }, create: { key, name: key, isSharp: key === "pinnacle" }, update: {} })));
  const capturedAt = hoursFromNow(-1);
  const prices: [number, "HOME" | "DRAW" | "AWAY", number][] = [
    [books[0]!.id, "HOME", 2.1], [books[0]!.id, "DRAW", 3.4], [books[0]!.id, "AWAY", 3.6],
    [books[1]!.id, "HOME", 2.4], [books[1]!.id, "DRAW", 3.3], [books[1]!.id, "AWAY", 3.5],
  ];
  await prisma.oddsSnapshot.createMany({
    data: prices.map(([bookmakerId, selection, price]) => ({ gameId: game.id, bookmakerId, market: "ONE_X_TWO", selection, phase: "SNAPSHOT", price, capturedAt, receivedAt: capturedAt, source: "test" })),
  });
  return game.id;
}

describe("alert rules", () => {
  let alice: Who;
  let bob: Who;
  let gameId: number;

  beforeAll(async () => {
    const sport = await prisma.sport.upsert({ where: { key: "soccer" }, create: { key: "soccer", name: "Soccer" }, update: {} });
    await prisma.league.deleteMany({ where: { key: LEAGUE } });
    await prisma.league.create({ data: { key: LEAGUE, name: "Alerts Test League", sportId: sport.id, seasons: { create: { label: "2026-27", startYear: 2026 } } } });
    alice = await prisma.user.create({ data: { email: `alice-alerts-${Date.now()}@example.com` }, select: { id: true, role: true } });
    bob = await prisma.user.create({ data: { email: `bob-alerts-${Date.now()}@example.com` }, select: { id: true, role: true } });
    gameId = await upcomingGame("Ashcombe", "Brackwell");
  });

  afterAll(async () => {
    await prisma.user.deleteMany({ where: { id: { in: [alice.id, bob.id] } } });
    await prisma.league.deleteMany({ where: { key: LEAGUE } });
    await bulkPool.end();
  });

  it("odds stored: one notification per matching rule and selection, none on a re-run", async () => {
    const api = caller(alice);
    const matching = await api.alerts.create({ name: "EV 5+", kind: "VALUE_BET", params: { minEvPercent: 5, leagues: [LEAGUE], markets: ["ONE_X_TWO"] } });
    await api.alerts.create({ name: "EV 20+", kind: "VALUE_BET", params: { minEvPercent: 20, leagues: [], markets: [] } });
    await api.alerts.create({ name: "Other league", kind: "VALUE_BET", params: { minEvPercent: 1, leagues: ["nowhere"], markets: [] } });
    await api.alerts.create({ name: "Home at 2.35", kind: "TARGET_PRICE", params: { gameId, market: "ONE_X_TWO", selection: "HOME", targetPrice: 2.35 } });
    await api.alerts.create({ name: "Home at 2.50", kind: "TARGET_PRICE", params: { gameId, market: "ONE_X_TWO", selection: "HOME", targetPrice: 2.5 } });
    const off = await api.alerts.create({ name: "Off", kind: "VALUE_BET", params: { minEvPercent: 1, leagues: [], markets: [] } });
    await api.alerts.setEnabled({ ruleId: off.id, enabled: false });

    const first = await evaluateAlerts(pool, [gameId]);
    expect(first.notified).toBe(2);
    const notes = await prisma.notification.findMany({ where: { userId: alice.id }, orderBy: { id: "asc" } });
    expect(notes.map((n) => [n.kind, n.dedupeKey])).toEqual([
      ["alert.value-bet", `alert:${matching.id}:${gameId}:ONE_X_TWO:FULL_GAME:-:HOME:value`],
      ["alert.target-price", expect.stringMatching(new RegExp(`^alert:\\d+:${gameId}:ONE_X_TWO:FULL_GAME:-:HOME:target$`))],
    ]);
    expect(notes[0]!.body).toContain("bet365 @ 2.40");

    const again = await evaluateAlerts(pool, [gameId]);
    expect(again.matched).toBe(2);
    expect(again.notified).toBe(0);
    expect(await prisma.notification.count({ where: { userId: alice.id } })).toBe(2);
    expect(await prisma.notification.count({ where: { userId: bob.id } })).toBe(0);

    // The job on linesmith/odds.stored: the same matches, nothing sent again.
    expect(await evaluateAlertsJob.idle!()).toBeNull();
    const step = { run: <T>(_id: string, fn: () => Promise<T>) => fn() };
    const byJob = await evaluateAlertsJob.run({ event: { name: EVENTS.oddsStored, data: { gameIds: [gameId] } }, step });
    expect(byJob).toMatchObject({ matched: 2, notified: 0 });
    expect(await prisma.notification.count({ where: { userId: alice.id } })).toBe(2);
  });

  it("another user's rule is NOT_FOUND; bad parameters are BAD_REQUEST", async () => {
    const [rule] = await caller(alice).alerts.list();
    await expect(caller(bob).alerts.setEnabled({ ruleId: rule!.id, enabled: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(bob).alerts.remove({ ruleId: rule!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(bob).alerts.create({ name: "x", kind: "VALUE_BET", params: { minEvPercent: 0 } } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await caller(bob).alerts.list()).toEqual([]);
  });

  it("bot slips are notified unless the user turned their bot-slips rule off; one such rule per user", async () => {
    expect(await botSlipsAlertsOn(pool, bob.id)).toBe(true);
    const rule = await caller(bob).alerts.create({ name: "Bot slips", kind: "BOT_SLIPS", params: {} });
    await expect(caller(bob).alerts.create({ name: "Again", kind: "BOT_SLIPS", params: {} })).rejects.toMatchObject({ code: "CONFLICT" });
    await caller(bob).alerts.setEnabled({ ruleId: rule.id, enabled: false });
    expect(await botSlipsAlertsOn(pool, bob.id)).toBe(false);
    const slip = { slipId: 1, game: "Ashcombe v Brackwell", market: "ONE_X_TWO" as const, selection: "HOME" as const, line: null, bookmaker: "bet365", price: 2.4, minPrice: null, stakeCents: 500 };
    const bot = { id: 999_001, userId: bob.id, name: "Quiet bot", currency: "EUR" };
    await notifySlips(pool, bot, 1, [slip]);
    expect(await prisma.notification.count({ where: { userId: bob.id, kind: "bot.slips" } })).toBe(0);
    await caller(bob).alerts.setEnabled({ ruleId: rule.id, enabled: true });
    await notifySlips(pool, bot, 2, [slip]);
    expect(await prisma.notification.count({ where: { userId: bob.id, kind: "bot.slips" } })).toBe(1);
  });
});
