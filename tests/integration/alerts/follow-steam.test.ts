import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCaller, type Who } from "../../support/api-caller";

const { prisma, pool, caller } = apiCaller();
const { evaluateAlerts } = await import("@/server/services/alerts/evaluate");
const { bulkPool } = await import("@/server/db/client");

const LEAGUE = "follow-steam-test-league";
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/**
 * A game 20 h ahead whose home price shortens 2.00 -> 1.85 at three books within six minutes, ten minutes
 * ago: real steam for findSteam on the stored snapshots (draw and away stay put).
 */
async function steamedGame(home: string, away: string, day: number) {
  const league = await prisma.league.findUniqueOrThrow({ where: { key: LEAGUE }, include: { seasons: true } });
  const [h, a] = await Promise.all(
    [home, away].map((name) => prisma.team.upsert({ where: { leagueId_name: { leagueId: league.id, name } }, create: { leagueId: league.id, name }, update: {} })),
  );
  const kickoff = new Date(Date.now() + 20 * 3_600_000);
  const game = await prisma.game.create({
    data: { leagueId: league.id, seasonId: league.seasons[0]!.id, homeTeamId: h!.id, awayTeamId: a!.id, startsAt: kickoff, startTimeKnown: true, localDate: new Date(Date.UTC(2030, 0, day)), primarySource: "test" },
  });
  const books = await Promise.all(["bet365", "williamhill", "unibet"].map((key) => prisma.bookmaker.upsert({ where: { key }, create: { key, name: key }, update: {} })));
  const rows = books.flatMap((b, i) => [
    { bookmakerId: b.id, selection: "HOME" as const, price: 2.0, capturedAt: minutesAgo(60) },
    { bookmakerId: b.id, selection: "DRAW" as const, price: 3.4, capturedAt: minutesAgo(60) },
    { bookmakerId: b.id, selection: "AWAY" as const, price: 3.8, capturedAt: minutesAgo(60) },
    { bookmakerId: b.id, selection: "HOME" as const, price: 1.85, capturedAt: minutesAgo(16 - i * 3) },
  ]);
  await prisma.oddsSnapshot.createMany({
    data: rows.map((r) => ({ ...r, gameId: game.id, market: "ONE_X_TWO" as const, phase: "SNAPSHOT" as const, receivedAt: r.capturedAt, source: "test" })),
  });
  return game.id;
}

describe("following games and steam on followed games", () => {
  let alice: Who;
  let bob: Who;
  let followedGame: number;
  let otherGame: number;

  beforeAll(async () => {
    const sport = await prisma.sport.upsert({ where: { key: "soccer" }, create: { key: "soccer", name: "Soccer" }, update: {} });
    await prisma.league.deleteMany({ where: { key: LEAGUE } });
    await prisma.league.create({ data: { key: LEAGUE, name: "Follow Steam League", sportId: sport.id, seasons: { create: { label: "2026-27", startYear: 2026 } } } });
    alice = await prisma.user.create({ data: { email: `alice-follow-${Date.now()}@example.com` }, select: { id: true, role: true } });
    bob = await prisma.user.create({ data: { email: `bob-follow-${Date.now()}@example.com` }, select: { id: true, role: true } });
    followedGame = await steamedGame("Follow Home", "Follow Away", 1);
    otherGame = await steamedGame("Other Home", "Other Away", 2);
  });

  afterAll(async () => {
    await prisma.user.deleteMany({ where: { id: { in: [alice.id, bob.id] } } });
    await prisma.league.deleteMany({ where: { key: LEAGUE } });
    await bulkPool.end();
  });

  it("follow and unfollow are idempotent under parallel calls", async () => {
    const api = caller(alice);
    const follows = await Promise.all(Array.from({ length: 8 }, () => api.games.follow({ gameId: followedGame })));
    expect(follows.every((f) => f.following)).toBe(true);
    expect(await prisma.gameFollow.count({ where: { userId: alice.id } })).toBe(1);

    const unfollows = await Promise.all(Array.from({ length: 8 }, () => api.games.unfollow({ gameId: followedGame })));
    expect(unfollows.every((f) => !f.following)).toBe(true);
    expect(await prisma.gameFollow.count({ where: { userId: alice.id } })).toBe(0);

    // Follows and unfollows racing each other never fail; whatever wins, there is at most one row.
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? api.games.unfollow : api.games.follow)({ gameId: followedGame })));
    expect(await prisma.gameFollow.count({ where: { userId: alice.id } })).toBeLessThanOrEqual(1);

    await api.games.follow({ gameId: followedGame });
    expect(await api.games.following({ gameId: followedGame })).toEqual({ gameId: followedGame, following: true });
    await expect(api.games.follow({ gameId: 2_000_000_000 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("another user's follows are invisible; the upcoming view's Followed filter shows only mine", async () => {
    expect(await caller(bob).games.following({ gameId: followedGame })).toEqual({ gameId: followedGame, following: false });
    expect((await caller(bob).upcoming.list({ hours: 48, league: LEAGUE, followed: true })).games).toEqual([]);
    const bobAll = await caller(bob).upcoming.list({ hours: 48, league: LEAGUE });
    expect(bobAll.games.map((g) => [g.id, g.followed])).toEqual([[followedGame, false], [otherGame, false]]);

    const mine = await caller(alice).upcoming.list({ hours: 48, league: LEAGUE, followed: true });
    expect(mine.games.map((g) => [g.id, g.followed])).toEqual([[followedGame, true]]);
    // Bob unfollowing Alice's game touches only his own (absent) follow.
    await caller(bob).games.unfollow({ gameId: followedGame });
    expect(await caller(alice).games.following({ gameId: followedGame })).toMatchObject({ following: true });
    await expect(caller(null).games.follow({ gameId: followedGame })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("a steam rule on followed games notifies once for the followed game and never for others", async () => {
    const rule = await caller(alice).alerts.create({ name: "Steam on my games", kind: "STEAM_MOVE", params: { followed: true } });
    expect(rule.params).toEqual({ followed: true, gameIds: [] });
    // Bob follows nothing and has the same rule: the same steam is none of his business.
    await caller(bob).alerts.create({ name: "Steam on my games", kind: "STEAM_MOVE", params: { followed: true } });

    const first = await evaluateAlerts(pool, [followedGame, otherGame]);
    expect(first.notified).toBeGreaterThanOrEqual(1);
    const notes = await prisma.notification.findMany({ where: { userId: alice.id } });
    expect(notes.map((n) => n.kind)).toEqual(["alert.steam"]);
    expect(notes[0]!.dedupeKey).toMatch(new RegExp(`^alert:${rule.id}:${followedGame}:ONE_X_TWO:FULL_GAME:HOME:steam:`));
    expect(notes[0]!.body).toContain("Home shortening at 3 books");
    expect(await prisma.notification.count({ where: { userId: bob.id } })).toBe(0);

    await evaluateAlerts(pool, [followedGame, otherGame]);
    expect(await prisma.notification.count({ where: { userId: alice.id } })).toBe(1);

    // Followed later: the rule resolves follows at evaluation time, so the other game's burst is news now.
    await caller(alice).games.follow({ gameId: otherGame });
    await evaluateAlerts(pool, [followedGame, otherGame]);
    const after = await prisma.notification.findMany({ where: { userId: alice.id }, orderBy: { id: "asc" } });
    expect(after.map((n) => n.dedupeKey.split(":")[2])).toEqual([String(followedGame), String(otherGame)]);
  });

  it("rules stored before following existed (gameIds only) still parse and match; an empty rule is refused", async () => {
    const legacy = await prisma.alertRule.create({ data: { userId: bob.id, kind: "STEAM_MOVE", name: "Old style", params: { gameIds: [otherGame] } } });
    const listed = await caller(bob).alerts.list();
    expect(listed.find((r) => r.id === legacy.id)?.params).toEqual({ gameIds: [otherGame], followed: false });
    await evaluateAlerts(pool, [otherGame]);
    const bobNotes = await prisma.notification.findMany({ where: { userId: bob.id } });
    expect(bobNotes.map((n) => n.dedupeKey.split(":").slice(0, 3).join(":"))).toEqual([`alert:${legacy.id}:${otherGame}`]);
    await expect(caller(bob).alerts.create({ name: "Nothing", kind: "STEAM_MOVE", params: { followed: false, gameIds: [] } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
