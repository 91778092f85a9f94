import { beforeAll, describe, expect, it } from "vitest";
import { apiCaller, type Who } from "../support/api-caller";

const { prisma, caller } = apiCaller();

const box = { starter: true, seconds: 1800, points: 0, rebounds: 0, assists: 0, steals: 0, blocks: 0, turnovers: 0, fouls: 0, fgMade: 0, fgAttempted: 0, threesMade: 0, threesAttempted: 0, ftMade: 0, ftAttempted: 0, offensiveRebounds: 0, defensiveRebounds: 0, source: "test" };

describe("players: search and game logs", () => {
  let user: Who;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    user = await prisma.user.create({ data: { email: `players-${Date.now()}@example.com` }, select: { id: true, role: true } });
    const sport = await prisma.sport.upsert({ where: { key: "basketball" }, update: {}, create: { key: "basketball", name: "Basketball" } });
    const league = await prisma.league.upsert({ where: { key: "test-hoops" }, update: {}, create: { key: "test-hoops", name: "Test Hoops", sportId: sport.id } });
    const [home, away] = await Promise.all(
      ["Testville Tigers", "Sample City Owls"].map((name) =>
        prisma.team.upsert({ where: { leagueId_name: { leagueId: league.id, name } }, update: {}, create: { leagueId: league.id, name } }),
      ),
    );
    for (const name of ["Ann 100% Shooter", "Bo_b Builder", "Cara Baker"]) {
      const p = await prisma.player.upsert({ where: { leagueId_name: { leagueId: league.id, name } }, update: {}, create: { leagueId: league.id, name, currentTeamId: home!.id } });
      ids[name] = p.id;
    }
    await prisma.playerGameStat.deleteMany({ where: { playerId: ids["Cara Baker"] } });
    // 30 logs: two pages of 25.
    await prisma.playerGameStat.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({ ...box, playerId: ids["Cara Baker"]!, teamId: home!.id, opponentId: away!.id, gameDate: new Date(Date.UTC(2023, 0, 1 + i)), points: i })),
    });
  });

  it("finds players by part of the name, with '%' and '_' matched literally", async () => {
    const c = caller(user);
    expect((await c.players.search({ term: "baker" })).map((p) => p.name)).toEqual(["Cara Baker"]);
    expect((await c.players.search({ term: "100%" })).map((p) => p.name)).toEqual(["Ann 100% Shooter"]);
    expect((await c.players.search({ term: "%%" })).map((p) => p.name)).toEqual([]);
    expect((await c.players.search({ term: "o_b" })).map((p) => p.name)).toEqual(["Bo_b Builder"]);
    expect((await c.players.search({ term: "__" })).map((p) => p.name)).toEqual([]);
    const [cara] = await c.players.search({ term: "cara" });
    expect(cara).toMatchObject({ league: "Test Hoops", team: "Testville Tigers", games: 30 });
  });

  it("pages a player's game logs newest first", async () => {
    const c = caller(user);
    const first = await c.players.get({ id: ids["Cara Baker"]! });
    expect(first).toMatchObject({ name: "Cara Baker", games: 30, page: 1, pages: 2, league: { key: "test-hoops" } });
    expect(first.logs).toHaveLength(25);
    expect(first.logs[0]).toMatchObject({ points: 29, opponent: { name: "Sample City Owls" } });
    const second = await c.players.get({ id: ids["Cara Baker"]!, page: 2 });
    expect(second.logs.map((l) => l.points)).toEqual([4, 3, 2, 1, 0]);
  });

  it.each([
    [{ term: "a" }, /type at least 2 letters/],
    [{ term: "x".repeat(81) }, /use at most 80 characters/],
    [{ term: "ab\u0000" }, /must not contain NUL characters/],
    [{ term: "ab", limit: 51 }, /limit: must be at most 50/],
  ])("refuses search input %j with a readable 400", async (input, message) => {
    const attempt = caller(user).players.search(input);
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(attempt).rejects.toThrow(message);
  });

  it("answers 400 for impossible ids and pages, 404 for unknown players, 401 when signed out", async () => {
    const c = caller(user);
    await expect(c.players.get({ id: 2 ** 31 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(c.players.get({ id: 1, page: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(c.players.get({ id: 2_000_000_000 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(null).players.search({ term: "cara" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
