import { beforeAll, describe, expect, it } from "vitest";
import { apiCaller } from "../../support/api-caller";

const { prisma, pool, caller } = apiCaller();
const { modelInverseView } = await import("@/server/services/analyst/inverse");

const NOW = new Date("2032-05-01T00:00:00Z");
let alice = { id: "", role: "USER" as const };
let bob = { id: "", role: "USER" as const };
let bobsCall = 0;

beforeAll(async () => {
  alice = {
    id: (await prisma.user.create({ data: { email: `inverse-alice-${Date.now()}@example.com` } })).id,
    role: "USER",
  };
  bob = {
    id: (await prisma.user.create({ data: { email: `inverse-bob-${Date.now()}@example.com` } })).id,
    role: "USER",
  };
  const sport = await pool.query<{ id: number }>(
    `INSERT INTO "Sport" (key, name) VALUES ('soccer', 'Soccer') ON CONFLICT (key) DO UPDATE SET name = "Sport".name RETURNING id`,
  );
  const leagueId = (
    await pool.query<{ id: number }>(
      `INSERT INTO "League" ("sportId", key, name) VALUES ($1, 'inverse-test', 'Inverse Test League') RETURNING id`,
      [sport.rows[0]!.id],
    )
  ).rows[0]!.id;
  const seasonId = (
    await pool.query<{ id: number }>(
      `INSERT INTO "Season" ("leagueId", label, "startYear") VALUES ($1, '2031-32', 2031) RETURNING id`,
      [leagueId],
    )
  ).rows[0]!.id;
  const team = async (name: string) =>
    (
      await pool.query<{ id: number }>(`INSERT INTO "Team" ("leagueId", name) VALUES ($1, $2) RETURNING id`, [
        leagueId,
        name,
      ])
    ).rows[0]!.id;
  const [home, away] = [await team("Inverse Home"), await team("Inverse Away")];
  await pool.query(
    `INSERT INTO "Bookmaker" (key, name, "isSharp") VALUES ('pinnacle', 'Pinnacle', true) ON CONFLICT (key) DO NOTHING`,
  );
  const model = (
    await pool.query<{ id: number }>(
      `INSERT INTO "ModelVersion" ("userId", "leagueId", name, kind, "featureGroup", version, "trainedFrom", "trainedTo", "trainGames", "featureNames", params, metrics, "artifactSha256", "artifactBytes")
     VALUES ($1, $2, 'favourites', 'logistic', 'elo', 1, '2020-01-01', '2031-06-01', 1000, '{}', '{}', '{}', repeat('0', 64), 0) RETURNING id`,
      [alice.id, leagueId],
    )
  ).rows[0]!.id;
  // 36 games, one a day before NOW: the model always picks home; home wins 1 in 4 (at 2.0), the others split.
  for (let i = 0; i < 36; i++) {
    const startsAt = new Date(NOW.getTime() - (i + 1) * 86_400_000 + 15 * 3_600_000);
    const [hs, as] = i % 4 === 0 ? [2, 0] : i % 4 === 1 ? [1, 1] : [0, 1];
    const game = (
      await pool.query<{ id: number }>(
        `INSERT INTO "Game" ("leagueId", "seasonId", "homeTeamId", "awayTeamId", "startsAt", "startTimeKnown", "localDate", status, "homeScore", "awayScore", "primarySource")
       VALUES ($1, $2, $3, $4, $5::timestamptz, true, ($5::timestamptz AT TIME ZONE 'UTC')::date, 'FINAL', $6, $7, 'test') RETURNING id`,
        [leagueId, seasonId, home, away, startsAt, hs, as],
      )
    ).rows[0]!.id;
    // The last game has no closing price: it cannot be graded.
    if (i < 35) {
      for (const [selection, price] of [
        ["HOME", 2.0],
        ["DRAW", 3.5],
        ["AWAY", 4.0],
      ] as const) {
        await pool.query(
          `INSERT INTO "OddsSnapshot" ("gameId", "bookmakerId", market, period, selection, phase, price, source)
           SELECT $1, id, 'ONE_X_TWO', 'FULL_GAME', $2::"Selection", 'CLOSING', $3, 'test' FROM "Bookmaker" WHERE key = 'pinnacle'`,
          [game, selection, price],
        );
      }
    }
    // Game 2's prediction was made after its kick-off: it is left out.
    const predictedAt = new Date(startsAt.getTime() + (i === 2 ? 3_600_000 : -86_400_000));
    await pool.query(
      `INSERT INTO "Prediction" ("modelVersionId", "gameId", probabilities, "featuresHash", "createdAt") VALUES ($1, $2, $3, 'h', $4)`,
      [model, game, JSON.stringify({ home: 0.5, draw: 0.3, away: 0.2 }), predictedAt],
    );
    if (i === 0) {
      bobsCall = (
        await prisma.llmCall.create({
          data: {
            userId: bob.id,
            gameId: game,
            provider: "openai",
            model: "m",
            promptVersion: "analyst-v1",
            prompt: "p",
            answer: "a",
            ok: true,
            tokens: 10,
          },
        })
      ).id;
    }
  }
});

describe("the inverse view of a user's models", () => {
  it("grades forward predictions at the closing reference price and gives a verdict per window", async () => {
    const view = await modelInverseView(pool, alice.id, NOW);
    expect(view.games).toBe(34);
    const byWindow = new Map(view.rows.map((r) => [r.windowDays, r]));
    expect([...byWindow.keys()]).toEqual([7, 30, 90]);
    expect(view.rows.every((r) => r.model === "favourites" && r.sport === "soccer" && r.market === "ONE_X_TWO")).toBe(
      true,
    );
    expect(byWindow.get(7)).toMatchObject({
      pick: { bets: 6 },
      verdict: "avoid",
      basis: expect.stringMatching(/6 graded games/),
    });
    const all = byWindow.get(90)!;
    expect(all.pick.bets).toBe(34);
    // Home wins 9 of 34 (games 0, 4, ... 32): pick profit 9 x 1.0 - 25 = -16.
    expect(all.pick.profit).toBeCloseTo(-16, 9);
    expect(all.inverse.roi!).toBeGreaterThan(0);
    expect(all.verdict).toBe("invert");
    expect(await modelInverseView(pool, bob.id, NOW)).toEqual({ rows: [], games: 0 });
  });
});

describe("the inverse view of a user's bots", () => {
  it("grades each bot's winner-market picks locked before kick-off against betting the other sides", async () => {
    const { createBot } = await import("@/server/services/bots/bots");
    const carol = {
      id: (await prisma.user.create({ data: { email: `inverse-carol-${Date.now()}@example.com` } })).id,
      role: "USER" as const,
    };
    const strategy = {
      schemaVersion: 1,
      name: "Away days",
      markets: ["1x2"],
      probability: "market:pinnacle-opening",
      price: "best",
      decideAt: "opening",
      when: { all: [{ field: "edge", op: "gte", value: 0.01 }] },
      stake: { kind: "percent", fraction: 0.01 },
    };
    const strategyId = (await caller(carol).strategies.save({ strategy })).id;
    const bot = await createBot(prisma, carol.id, {
      name: "Away days bot",
      strategyId,
      leagues: [],
      markets: [],
      windowHours: 48,
      schedule: "on-odds",
      runTimes: [],
      currency: "USD",
      initialDepositCents: 10_000,
    });
    const games = await pool.query<{ id: number; startsAt: Date }>(
      `SELECT g.id, g."startsAt" FROM "Game" g JOIN "League" l ON l.id = g."leagueId" WHERE l.key = 'inverse-test' ORDER BY g."startsAt" DESC`,
    );
    // The bot always backs the away side (4.0 at the close); the pick on game 5 was locked after its kick-off.
    for (const [i, g] of games.rows.entries()) {
      const lockedAt = new Date(g.startsAt.getTime() + (i === 5 ? 60_000 : -3_600_000));
      await pool.query(
        `INSERT INTO "BotPick" ("botId", "gameId", market, selection, "bookmakerKey", price, probability, "stakeCents", "lockedAt")
         VALUES ($1, $2, 'ONE_X_TWO', 'AWAY', 'pinnacle', 4.0, 0.3, 100, $3)`,
        [bot.id, g.id, lockedAt],
      );
    }
    const view = await modelInverseView(pool, carol.id, NOW);
    const all = view.rows.find((r) => r.windowDays === 90)!;
    expect(all.model).toBe("Bot: Away days bot");
    // 35 priced games less the late pick: away wins 17 of 34 at 4.0, so +3 x 17 - 17 = +34 units.
    expect(all.pick).toMatchObject({ bets: 34 });
    expect(all.pick.profit).toBeCloseTo(34, 9);
    expect(all.verdict).toBe("use");
  });
});

describe("the analyst router", () => {
  it("answers signed-in users only, and keeps each user's calls to themselves", async () => {
    await expect(caller(null).analyst.status()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const status = await caller(alice).analyst.status();
    expect(status).toMatchObject({
      on: false,
      reason: expect.stringMatching(/LLM_PROVIDER/),
      confidenceGate: 0.65,
      budget: 200_000,
      usage: { tokens: 0, requests: 0 },
    });
    expect(await caller(alice).analyst.recentCalls()).toEqual([]);
    expect((await caller(bob).analyst.recentCalls({ limit: 5 })).map((c) => c.id)).toEqual([bobsCall]);
    expect(await caller(bob).analyst.callDetail({ id: bobsCall })).toMatchObject({ prompt: "p", answer: "a" });
    await expect(caller(alice).analyst.callDetail({ id: bobsCall })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(alice).analyst.callDetail({ id: 2 ** 31 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller(alice).analyst.recentCalls({ limit: 1000 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const inverse = await caller(alice).analyst.inverse();
    expect(inverse.rule).toEqual({ minBets: 30, z: 1.645, windows: [7, 30, 90] });
  });
});
