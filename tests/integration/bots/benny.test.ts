import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLlmServer, type FakeLlmServer } from "@/server/integrations/llm/fake-server";
import { TEST_DATABASE_URL, testPool, testPrisma } from "../../support/test-db";
import { bookName } from "../../support/bookmakers";

/**
 * Benny end to end against the fake LLM server, through the built-in "analyst" provider the server offers when
 * an LLM is configured: the template's strategy, a bot on it, a run that asks the LLM about each upcoming game,
 * locks the prompt and answer with the prediction, and bets half Kelly only on well-formed answers at 65%
 * confidence or more; the weekly $100 top-up happens once per week.
 */
let llm: FakeLlmServer;
process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const prisma = testPrisma();
const pool = testPool();
afterAll(async () => {
  await llm?.close();
  await prisma.$disconnect();
  await pool.end();
});

const LEAGUE = "benny-test-league";
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000);
const answer = (home: number, draw: number, away: number, confidence: number) =>
  JSON.stringify({ probabilities: { home, draw, away }, confidence, reasons: ["Form.", "Prices.", "Injuries."] });

describe("Benny, the AI analyst bot", () => {
  let userId: string;
  let botId: number;
  let bankrollId: number;
  let slug: string;
  const games: number[] = [];
  let mod: {
    runBot: typeof import("@/server/services/bots/run").runBot;
    exportRecordChain: typeof import("@/server/services/records/chain").exportRecordChain;
    topUpWeekly: typeof import("@/server/services/bots/weekly-top-up").topUpWeekly;
  };

  beforeAll(async () => {
    llm = await startFakeLlmServer();
    // Before anything reads the environment: the built-in analyst is on because an LLM is configured.
    Object.assign(process.env, {
      LLM_PROVIDER: "openai",
      LLM_MODEL: "fake-analyst",
      LLM_BASE_URL: llm.url,
      LLM_API_KEY: "test-key",
    });
    const { createCaller } = await import("@/server/api/root");
    const { createBot, setBotState } = await import("@/server/services/bots/bots");
    const { STRATEGY_TEMPLATES } = await import("@/server/domain/strategies/templates");
    mod = {
      runBot: (await import("@/server/services/bots/run")).runBot,
      exportRecordChain: (await import("@/server/services/records/chain")).exportRecordChain,
      topUpWeekly: (await import("@/server/services/bots/weekly-top-up")).topUpWeekly,
    };

    const sport = await prisma.sport.upsert({
      where: { key: "soccer" },
      create: { key: "soccer", name: "Soccer" },
      update: {},
    });
    await prisma.game.deleteMany({ where: { league: { key: LEAGUE } } });
    await prisma.league.deleteMany({ where: { key: LEAGUE } });
    const league = await prisma.league.create({
      data: {
        key: LEAGUE,
        name: "Benny Test League",
        sportId: sport.id,
        seasons: { create: { label: "2026-27", startYear: 2026 } },
      },
      include: { seasons: true },
    });
    const books = await Promise.all(
      ["pinnacle", "bet365"].map((key) =>
        prisma.bookmaker.upsert({
          where: { key },
          create: { key, name: bookName(key), isSharp: key === "pinnacle" },
          update: {},
        }),
      ),
    );
    // Four games, one hour apart, so the analyst is asked in this order; bet365's home price 2.40 everywhere.
    for (const [i, [home, away]] of [
      ["Ashcombe", "Brackwell"],
      ["Coldharbour", "Dunmere"],
      ["Fennick", "Glassford"],
      ["Holloway", "Ivybridge"],
    ].entries()) {
      const [h, a] = await Promise.all(
        [home!, away!].map((name) =>
          prisma.team.upsert({
            where: { leagueId_name: { leagueId: league.id, name } },
            create: { leagueId: league.id, name },
            update: {},
          }),
        ),
      );
      const kickoff = hoursFromNow(20 + i);
      const game = await prisma.game.create({
        data: {
          leagueId: league.id,
          seasonId: league.seasons[0]!.id,
          homeTeamId: h!.id,
          awayTeamId: a!.id,
          startsAt: kickoff,
          startTimeKnown: true,
          localDate: kickoff,
          primarySource: "test",
        },
      });
      games.push(game.id);
      const capturedAt = hoursFromNow(-1);
      const prices: [number, "HOME" | "DRAW" | "AWAY", number][] = [
        [books[0]!.id, "HOME", 2.1],
        [books[0]!.id, "DRAW", 3.4],
        [books[0]!.id, "AWAY", 3.6],
        [books[1]!.id, "HOME", 2.4],
        [books[1]!.id, "DRAW", 3.3],
        [books[1]!.id, "AWAY", 3.5],
      ];
      await prisma.oddsSnapshot.createMany({
        data: prices.map(([bookmakerId, selection, price]) => ({
          gameId: game.id,
          bookmakerId,
          market: "ONE_X_TWO",
          selection,
          phase: "SNAPSHOT",
          price,
          capturedAt,
          receivedAt: capturedAt,
          source: "test",
        })),
      });
    }
    const user = await prisma.user.create({
      data: { email: `benny-${Date.now()}@example.com` },
      select: { id: true, role: true },
    });
    userId = user.id;
    const caller = createCaller({ db: prisma, pool, session: { user, expires: "2999-01-01" } });
    const template = STRATEGY_TEMPLATES.find((t) => t.id === "benny")!;
    const strategyId = (
      await caller.strategies.save({ strategy: { ...template.strategy, leagues: [LEAGUE], markets: ["1x2"] } })
    ).id;
    // The form offers Benny because an LLM is configured.
    expect(await caller.bots.providers()).toContainEqual(expect.objectContaining({ id: "analyst", available: true }));
    // Never backtested: the request is refused with the reason.
    await expect(
      caller.strategies.requestBacktest({ strategyId, idempotencyKey: crypto.randomUUID() } as never),
    ).rejects.toThrow(/never backtested/);
    const bot = await createBot(prisma, userId, {
      name: "Benny",
      strategyId,
      leagues: [],
      markets: [],
      windowHours: 48,
      schedule: "on-odds",
      runTimes: [],
      currency: "USD",
      initialDepositCents: 10_000,
      probabilitySource: "provider:analyst",
    });
    await setBotState(prisma, userId, bot.id, bot.version, "ACTIVE");
    ({ id: botId, bankrollId, slug } = await prisma.bot.findUniqueOrThrow({ where: { id: bot.id } }));
  });

  it("bets half Kelly only on well-formed answers at 65% confidence or more, and locks the prompt and answer", async () => {
    llm.enqueue(
      { kind: "text", text: answer(0.5, 0.25, 0.25, 0.7) },
      { kind: "text", text: "Home looks strong, I would say 60%." },
      { kind: "text", text: answer(0.8, 0.25, 0.25, 0.9) },
      { kind: "text", text: answer(0.6, 0.2, 0.2, 0.6) },
    );
    const summary = await mod.runBot({ db: prisma, pool }, botId, new Date());
    expect(summary).toMatchObject({ games: 4, taken: 1, written: 1 });
    expect(llm.requests).toHaveLength(4);
    const picks = await prisma.botPick.findMany({ where: { botId } });
    // Edge 0.5 x 2.40 - 1 = 20%; Kelly 0.2 / 1.4 = 14.3%, half 7.1%, capped at the template's 5% of 10,000 cents.
    expect(picks.map((p) => [p.gameId, p.selection, Number(p.price), Number(p.stakeCents)])).toEqual([
      [games[0], "HOME", 2.4, 500],
    ]);
    const calls = await prisma.llmCall.findMany({ where: { userId }, orderBy: { id: "asc" } });
    expect(calls.map((c) => c.ok)).toEqual([true, false, false, true]);
    const record = await mod.exportRecordChain(prisma, slug);
    const prediction = record!.entries.find((e) => e.payload.kind === "prediction")!.payload as {
      analyst?: { prompt: string; answer: string };
      source: string;
    };
    expect(prediction.source).toBe("provider:analyst");
    expect(prediction.analyst!.answer).toBe(answer(0.5, 0.25, 0.25, 0.7));
    expect(prediction.analyst!.prompt).toContain("Ashcombe");
    // A low-confidence answer is never a pick; malformed ones never reach the record at all.
    expect(record!.entries.filter((e) => e.payload.kind === "pick")).toHaveLength(1);
  });

  it("tops the paper bankroll up to $100 once a week, from the balance at the week's start", async () => {
    // As if the bot had been created a fortnight ago with $100 and lost $60 before this week.
    const fortnightAgo = new Date(Date.now() - 14 * 86_400_000);
    await prisma.bankroll.update({ where: { id: bankrollId }, data: { createdAt: fortnightAgo } });
    await prisma.ledgerEntry.updateMany({
      where: { bankrollId, idempotencyKey: "deposit:initial" },
      data: { occurredAt: fortnightAgo },
    });
    await prisma.ledgerEntry.create({
      data: {
        bankrollId,
        kind: "WITHDRAWAL",
        amountCents: -6_000n,
        idempotencyKey: "test:loss",
        occurredAt: fortnightAgo,
      },
    });
    const now = new Date();
    const results = await Promise.all([0, 1, 2].map(() => mod.topUpWeekly(prisma, bankrollId, now)));
    expect(results.map(Number).sort()).toEqual([0, 0, 6_000]);
    expect(await mod.topUpWeekly(prisma, bankrollId, new Date(now.getTime() + 1_000))).toBe(0n);
  });
});
