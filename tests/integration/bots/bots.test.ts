import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL, testPool, testPrisma } from "../../support/test-db";
import { bookName } from "../../support/bookmakers";

process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const prisma = testPrisma();
const pool = testPool();
// Extra clients: concurrent runs go through separate connections and connection pools.
const others = [1, 2, 3].map(() => ({ db: testPrisma(), pool: testPool() }));
afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
  for (const o of others) {
    await o.db.$disconnect();
    await o.pool.end();
  }
});

const { createCaller } = await import("@/server/api/root");
const { createBot, setBotState, updateBot, moveBotPin } = await import("@/server/services/bots/bots");
const { runBot, runDueBots } = await import("@/server/services/bots/run");
const { registerProbabilityProvider, unregisterProbabilityProvider } = await import("@/server/services/bots/providers");
const { gradeBots } = await import("@/server/services/bots/grade");
const { confirmSlip, dismissSlip, listSlips, slipsCsv } = await import("@/server/services/bots/slips");
const { settleOpenBets } = await import("@/server/services/bets/settle");
const { exportRecordChain } = await import("@/server/services/records/chain");
const { verifyChain } = await import("@/server/domain/records/chain");

type Who = { id: string; role: "USER" | "ADMIN" };
const caller = (user: Who) => createCaller({ db: prisma, pool, session: { user, expires: "2999-01-01" } });
const deps = { db: prisma, pool };

const LEAGUE = "bots-test-league";
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000);

/** Pinnacle 2.10 / 3.40 / 3.60 (no-vig home 45.4%) and bet365 2.40 / 3.30 / 3.50: home at bet365 has a 9% edge. */
async function upcomingGame(home: string, away: string, kickoff: Date) {
  const league = await prisma.league.findUniqueOrThrow({ where: { key: LEAGUE }, include: { seasons: true } });
  const [h, a] = await Promise.all(
    [home, away].map((name) => prisma.team.upsert({ where: { leagueId_name: { leagueId: league.id, name } }, create: { leagueId: league.id, name }, update: {} })),
  );
  const game = await prisma.game.create({
    data: { leagueId: league.id, seasonId: league.seasons[0]!.id, homeTeamId: h!.id, awayTeamId: a!.id, startsAt: kickoff, startTimeKnown: true, localDate: kickoff, primarySource: "test" },
  });
  const books = await Promise.all(["pinnacle", "bet365"].map((key) => prisma.bookmaker.upsert({ where: { key }, create: { key, name: bookName(key), isSharp: key === "pinnacle" }, update: {} })));
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
    data: prices.map(([bookmakerId, selection, price]) => ({ gameId: game.id, bookmakerId, market: "ONE_X_TWO", selection, phase: "SNAPSHOT", price, capturedAt, receivedAt: capturedAt, source: "test" })),
  });
  return game.id;
}

const strategyJson = (over: object = {}) => ({
  schemaVersion: 1,
  name: "Value at the best price",
  markets: ["1x2"],
  leagues: [LEAGUE],
  probability: "market:pinnacle-opening",
  price: "best",
  decideAt: "opening",
  when: { all: [{ field: "edge", op: "gte", value: 0.05 }] },
  stake: { kind: "percent", fraction: 0.02 },
  ...over,
});

describe("bots: paper trading, exactly-once picks, limits, slips and the record", () => {
  let alice: Who;
  let bob: Who;
  let strategyId: number;
  let games: number[];

  async function activeBot(name: string, strategy = strategyId, over: object = {}) {
    const bot = await createBot(prisma, alice.id, { name, strategyId: strategy, leagues: [], markets: [], windowHours: 48, schedule: "on-odds", runTimes: [], currency: "USD", initialDepositCents: 100_000, ...over });
    await setBotState(prisma, alice.id, bot.id, bot.version, "ACTIVE");
    return prisma.bot.findUniqueOrThrow({ where: { id: bot.id } });
  }

  beforeAll(async () => {
    const sport = await prisma.sport.upsert({ where: { key: "soccer" }, create: { key: "soccer", name: "Soccer" }, update: {} });
    await prisma.league.deleteMany({ where: { key: LEAGUE } });
    await prisma.league.create({ data: { key: LEAGUE, name: "Bots Test League", sportId: sport.id, seasons: { create: { label: "2026-27", startYear: 2026 } } } });
    alice = await prisma.user.create({ data: { email: `alice-bots-${Date.now()}@example.com` }, select: { id: true, role: true } });
    bob = await prisma.user.create({ data: { email: `bob-bots-${Date.now()}@example.com` }, select: { id: true, role: true } });
    strategyId = (await caller(alice).strategies.save({ strategy: strategyJson() })).id;
    games = [await upcomingGame("Ashcombe", "Brackwell", hoursFromNow(20)), await upcomingGame("Coldharbour", "Dunmere", hoursFromNow(30)), await upcomingGame("Fennick", "Glassford", hoursFromNow(72))];
  });

  it("writes each pick once when a run is retried: paper bet, stake, record entries and slip together", async () => {
    const bot = await activeBot("Retry bot");
    const first = await runBot(deps, bot.id, new Date());
    expect(first).toMatchObject({ games: 2, signals: 2, taken: 2, skipped: 0, written: 2 });
    const again = await runBot(deps, bot.id, new Date());
    expect(again).toMatchObject({ signals: 0, taken: 0, written: 0 });
    const picks = await prisma.botPick.findMany({ where: { botId: bot.id }, include: { bet: true } });
    expect(picks.map((p) => [p.gameId, p.selection, p.bookmakerKey, Number(p.price), Number(p.stakeCents)]).sort()).toEqual([
      [games[0], "HOME", "bet365", 2.4, 2_000],
      [games[1], "HOME", "bet365", 2.4, 2_000],
    ]);
    expect(picks.every((p) => p.bet?.origin === "BOT" && p.bet.bankrollId === bot.bankrollId && p.bet.status === "OPEN")).toBe(true);
    const ledger = await prisma.ledgerEntry.aggregate({ where: { bankrollId: bot.bankrollId }, _sum: { amountCents: true } });
    expect(Number(ledger._sum.amountCents)).toBe(100_000 - 4_000);
    const exported = await exportRecordChain(prisma, bot.slug);
    expect(exported!.entries.map((e) => [e.seq, e.payload.kind])).toEqual([
      [1, "prediction"],
      [2, "pick"],
      [3, "prediction"],
      [4, "pick"],
    ]);
    expect(exported!.entries[1]!.payload).toMatchObject({ price: 2.4, bookmaker: "bet365", stakeCents: 2_000, market: "ONE_X_TWO", selection: "HOME" });
    expect(await verifyChain(exported)).toMatchObject({ ok: true, entries: 4 });
    const slips = await prisma.slip.findMany({ where: { botId: bot.id } });
    expect(slips.map((s) => [Number(s.priceSeen), Number(s.minPrice), s.status])).toEqual([
      [2.4, 2.32, "PROPOSED"],
      [2.4, 2.32, "PROPOSED"],
    ]);
  });

  it("writes each pick once when four runs overlap on separate connections", async () => {
    const bot = await activeBot("Concurrent bot");
    const now = new Date();
    const runs = await Promise.all([deps, ...others].map((d) => runBot(d, bot.id, now)));
    expect(runs.reduce((n, r) => n + r!.written, 0)).toBe(2);
    expect(await prisma.botPick.count({ where: { botId: bot.id } })).toBe(2);
    expect(await prisma.bet.count({ where: { bankrollId: bot.bankrollId } })).toBe(2);
    expect(await prisma.ledgerEntry.count({ where: { bankrollId: bot.bankrollId, kind: "STAKE" } })).toBe(2);
    expect(await prisma.slip.count({ where: { botId: bot.id } })).toBe(2);
    const exported = await exportRecordChain(prisma, bot.slug);
    expect(exported!.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(await verifyChain(exported)).toMatchObject({ ok: true });
    // A run that lost the race records the signal as skipped because another run locked it first.
    const decisions = await prisma.botDecision.findMany({ where: { botId: bot.id } });
    expect(decisions.filter((d) => d.taken)).toHaveLength(2);
    expect(decisions.filter((d) => !d.taken).every((d) => d.reason === "alreadyLocked")).toBe(true);
  });

  it("stops bets at the strategy's limits and the kill switch, and records why", async () => {
    const limited = (await caller(alice).strategies.save({ strategy: strategyJson({ name: "One a day", limits: { maxBetsPerDay: 1 } }) })).id;
    const bot = await activeBot("Limited bot", limited);
    const run = await runBot(deps, bot.id, new Date());
    expect(run).toMatchObject({ signals: 2, taken: 1, skipped: 1 });
    const decisions = await prisma.botDecision.findMany({ where: { runId: run!.runId }, orderBy: { id: "asc" } });
    expect(decisions.map((d) => [d.gameId, d.taken, d.reason])).toEqual([
      [games[0], true, null],
      [games[1], false, "maxBetsPerDay"],
    ]);
    expect(await prisma.botPick.count({ where: { botId: bot.id } })).toBe(1);

    const killed = await activeBot("Killed bot");
    await updateBot(prisma, alice.id, killed.id, killed.version, { killSwitch: true });
    const none = await runBot(deps, killed.id, new Date());
    expect(none).toMatchObject({ taken: 0, skipped: 2 });
    expect((await prisma.botDecision.findMany({ where: { runId: none!.runId } })).map((d) => d.reason)).toEqual(["killSwitch", "killSwitch"]);
    expect(await prisma.botPick.count({ where: { botId: killed.id } })).toBe(0);
    expect((await prisma.botEvent.findMany({ where: { botId: killed.id }, orderBy: { id: "asc" } })).map((e) => e.action)).toEqual(["CREATE", "STATE", "KILL_SWITCH"]);
  });

  it("keeps an active bot on its pinned version when the strategy is edited; moving is explicit and recorded", async () => {
    const own = (await caller(alice).strategies.save({ strategy: strategyJson({ name: "Pinned" }) })).id;
    const bot = await activeBot("Pinned bot", own);
    const head = await caller(alice).strategies.get({ id: own });
    const saved = await caller(alice).strategies.save({ id: own, version: head.version, strategy: strategyJson({ name: "Pinned", when: { all: [{ field: "edge", op: "gte", value: 0.5 }] } }) });
    const after = await prisma.bot.findUniqueOrThrow({ where: { id: bot.id }, include: { strategyVersion: true } });
    expect(after.strategyVersionId).toBe(bot.strategyVersionId);
    expect(after.strategyVersion.hash).toBe(head.hash);
    // Still picks by the pinned rule (5% edge), not the edited one (50%).
    expect(await runBot(deps, bot.id, new Date())).toMatchObject({ taken: 2 });
    const moved = await moveBotPin(prisma, alice.id, bot.id, after.version);
    const now = await prisma.bot.findUniqueOrThrow({ where: { id: bot.id }, include: { strategyVersion: true } });
    expect(now.strategyVersion.hash).toBe(saved.hash);
    expect(moved.version).toBe(after.version + 1);
    const event = await prisma.botEvent.findFirstOrThrow({ where: { botId: bot.id, action: "MOVE_PIN" } });
    expect(event.changes).toEqual({ from: head.hash, to: saved.hash });
    await expect(moveBotPin(prisma, alice.id, bot.id, after.version)).resolves.toMatchObject({ version: after.version + 1 });
  });

  it("turns a confirmed slip into one tracked bet at the price obtained, however often it is confirmed", async () => {
    const bot = await activeBot("Slip bot");
    await runBot(deps, bot.id, new Date());
    const day = { from: hoursFromNow(-1), to: hoursFromNow(1) };
    const slips = await listSlips(prisma, alice.id, { botId: bot.id, ...day });
    expect(slips).toHaveLength(2);
    const csv = slipsCsv(slips).trim().split("\n");
    expect(csv[0]).toBe("slip,bot,kickoff_utc,league,home,away,market,selection,line,bookmaker,price_seen,min_price,stake,currency,status");
    expect(csv[1]).toContain(",1x2,home,,bet365,2.40,2.32,20.00,USD,proposed");
    const real = await caller(alice).bankrolls.create({ name: "Real money", initialDepositCents: 50_000 });
    const confirm = { slipId: slips[0]!.id, price: 2.36, stakeCents: 1_500, bankrollId: real.id, placedAt: new Date(Math.floor(Date.now() / 1000) * 1000) };
    const [a, b] = await Promise.all([confirmSlip(prisma, pool, alice.id, confirm), confirmSlip(others[0]!.db, others[0]!.pool, alice.id, confirm)]);
    expect(a.betId).toBe(b.betId);
    const again = await confirmSlip(prisma, pool, alice.id, confirm);
    expect(again).toMatchObject({ betId: a.betId, duplicate: true });
    const tracked = await prisma.bet.findMany({ where: { bankrollId: real.id } });
    expect(tracked.map((t) => [Number(t.price), Number(t.stakeCents), t.origin, t.externalRef])).toEqual([[2.36, 1_500, "BOT", `slip:${slips[0]!.id}`]]);
    expect(await prisma.slip.findUniqueOrThrow({ where: { id: slips[0]!.id } })).toMatchObject({ status: "PLACED", trackedBetId: a.betId });
    // The bot's paper bankroll is not a place for real bets.
    await expect(confirmSlip(prisma, pool, alice.id, { ...confirm, slipId: slips[1]!.id, bankrollId: bot.bankrollId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(dismissSlip(prisma, alice.id, slips[0]!.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(dismissSlip(prisma, alice.id, slips[1]!.id)).resolves.toMatchObject({ status: "DISMISSED" });
    await expect(confirmSlip(prisma, pool, alice.id, { ...confirm, slipId: slips[1]!.id })).rejects.toMatchObject({ code: "CONFLICT" });
    // Another user's slip and bot do not exist for them.
    await expect(confirmSlip(prisma, pool, bob.id, confirm)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setBotState(prisma, bob.id, bot.id, bot.version + 1, "PAUSED")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("serves bots through the API to their owner only, with bounded input", async () => {
    const a = caller(alice);
    const b = caller(bob);
    const created = await a.bots.create({ name: "API bot", strategyId, initialDepositCents: 50_000, currency: "USDT", windowHours: 48 });
    await expect(a.bots.create({ name: "Too far", strategyId, initialDepositCents: 50_000, windowHours: 100_000 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(a.bots.create({ name: "Wider", strategyId, initialDepositCents: 50_000, markets: ["total"] })).rejects.toThrow(/not one of the strategy's markets/);
    await expect(a.bots.create({ name: "Bad times", strategyId, initialDepositCents: 50_000, schedule: "fixed", runTimes: [] })).rejects.toThrow(/at least one run time/);
    await expect(b.bots.create({ name: "Stolen strategy", strategyId, initialDepositCents: 50_000 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await a.bots.setState({ id: created.id, version: created.version, state: "ACTIVE" });
    const run = await a.bots.runNow({ id: created.id });
    expect(run).toMatchObject({ taken: 2 });
    const dash = await a.bots.dashboard({ id: created.id });
    expect(dash.bot).toMatchObject({ state: "ACTIVE", currency: "USDT", isPublic: false });
    expect(dash.figures).toMatchObject({ openStakeCents: 2_000, openBets: 2, balanceCents: 48_000, equityCents: 50_000 });
    expect(dash.runs[0]!.decisions.map((d) => d.taken)).toEqual([true, true]);
    expect(dash.paperVsReal.paper).toMatchObject({ bets: 2, open: 2 });
    expect((await a.bots.setPublic({ id: created.id, isPublic: true })).isPublic).toBe(true);
    const range = { from: hoursFromNow(-1), to: hoursFromNow(1) };
    expect((await a.bots.exportSlipsCsv({ ...range, botId: created.id })).csv.trim().split("\n")).toHaveLength(3);
    await expect(a.bots.slips({ from: hoursFromNow(-24 * 8), to: hoursFromNow(1) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    for (const attempt of [
      () => b.bots.get({ id: created.id }),
      () => b.bots.runNow({ id: created.id }),
      () => b.bots.setPublic({ id: created.id, isPublic: false }),
      () => b.bots.update({ id: created.id, version: 2, changes: { killSwitch: true } }),
      () => b.bots.movePin({ id: created.id, version: 2 }),
      () => b.bots.slips({ ...range, botId: created.id }),
      () => b.bots.picks({ id: created.id }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await b.bots.list()).toEqual([]);
    expect((await b.bots.exportSlipsCsv(range)).csv.trim().split("\n")).toHaveLength(1);
    // Stopped is final.
    const stopped = await a.bots.setState({ id: created.id, version: 2, state: "STOPPED" });
    await expect(a.bots.setState({ id: created.id, version: stopped.version, state: "ACTIVE" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await a.bots.runNow({ id: created.id })).toBeNull();
  });

  it("takes a provider's probabilities, locks the analyst's words with the prediction, and refuses malformed answers", async () => {
    const asked: string[] = [];
    registerProbabilityProvider("fake-analyst", (userId) => ({
      id: "fake-analyst",
      minConfidence: 0.65,
      probabilities: async (facts, ctx) => (
        asked.push(`${userId}:${ctx.userId}`),
        new Map([
          [facts.find((f) => f.gameId === games[0])!.gameId, { probabilities: { home: 0.5, draw: 0.25, away: 0.25 }, confidence: 0.7, modelVersion: "fake@1", analyst: { prompt: "Who wins?", answer: "Home, 50%." } }],
          // Sums to 1.3: refused, never a bet.
          [facts.find((f) => f.gameId === games[1])!.gameId, { probabilities: { home: 0.8, draw: 0.25, away: 0.25 }, confidence: 0.9, modelVersion: "fake@1" }],
          // Below the provider's confidence gate: left out.
          [facts.find((f) => f.gameId === games[2])!.gameId, { probabilities: { home: 0.9, draw: 0.05, away: 0.05 }, confidence: 0.5, modelVersion: "fake@1" }],
        ])
      ),
    }));
    try {
      const modelStrategy = (await caller(alice).strategies.save({ strategy: strategyJson({ name: "Analyst", probability: "model:fake" }) })).id;
      const bot = await activeBot("Analyst bot", modelStrategy, { probabilitySource: "provider:fake-analyst", windowHours: 80 });
      expect(await runBot(deps, bot.id, new Date())).toMatchObject({ games: 3, signals: 1, taken: 1 });
      // The provider was made for the bot's owner and asked for that user.
      expect(asked).toEqual([`${alice.id}:${alice.id}`]);
      const exported = await exportRecordChain(prisma, bot.slug);
      expect(exported!.entries[0]!.payload).toMatchObject({ kind: "prediction", probability: 0.5, modelVersion: "fake@1", source: "provider:fake-analyst", analyst: { prompt: "Who wins?", answer: "Home, 50%." } });
      expect(exported!.entries[1]!.payload).toMatchObject({ kind: "pick", game: { id: games[0] }, price: 2.4 });
      await expect(createBot(prisma, alice.id, { name: "Nobody", strategyId: modelStrategy, leagues: [], markets: [], windowHours: 48, schedule: "on-odds", runTimes: [], currency: "USD", initialDepositCents: 1_000, probabilitySource: "provider:nobody" })).rejects.toThrow(/No probability provider "nobody"/);
    } finally {
      unregisterProbabilityProvider("fake-analyst");
    }
  });

  it("runs due bots: on-odds bots when odds were stored, fixed-time bots at their time", async () => {
    await prisma.bot.updateMany({ where: { state: "ACTIVE" }, data: { state: "PAUSED" } });
    const onOdds = await activeBot("On odds");
    const fixed = await activeBot("Fixed", strategyId, { schedule: "fixed", runTimes: ["00:00"] });
    await prisma.bot.update({ where: { id: fixed.id }, data: { lastRunAt: new Date() } });
    const quiet = await runDueBots(deps, new Date());
    expect(quiet.bots).toBe(0);
    const afterOdds = await runDueBots(deps, new Date(), { oddsStored: true });
    expect(afterOdds.results).toEqual([{ botId: onOdds.id, ok: true, taken: 2 }]);
    await prisma.bot.update({ where: { id: fixed.id }, data: { lastRunAt: new Date(Date.now() - 2 * 86_400_000) } });
    const due = await runDueBots(deps, new Date());
    expect(due.results).toEqual([{ botId: fixed.id, ok: true, taken: 2 }]);
  });

  it("settles paper bets with the tracker's settlement and appends result entries once", async () => {
    const bot = await activeBot("Graded bot");
    await runBot(deps, bot.id, new Date());
    await prisma.game.update({ where: { id: games[0]! }, data: { status: "FINAL", homeScore: 2, awayScore: 0 } });
    await prisma.game.update({ where: { id: games[1]! }, data: { status: "FINAL", homeScore: 0, awayScore: 1 } });
    await settleOpenBets(pool, { gameIds: games.slice(0, 2) });
    const graded = await gradeBots(prisma, { botIds: [bot.id] });
    expect(graded).toMatchObject({ picks: 2, appended: 2 });
    expect(await gradeBots(prisma, { botIds: [bot.id] })).toMatchObject({ picks: 0, appended: 0 });
    const exported = await exportRecordChain(prisma, bot.slug);
    const results = exported!.entries.filter((e) => e.payload.kind === "result").map((e) => e.payload);
    expect(results.map((r) => [r.pickSeq, r.outcome, r.profitCents]).sort()).toEqual([
      [2, "WIN", 2_800],
      [4, "LOSS", -2_000],
    ]);
    expect(await verifyChain(exported)).toMatchObject({ ok: true, entries: 6 });
    const ledger = await prisma.ledgerEntry.aggregate({ where: { bankrollId: bot.bankrollId }, _sum: { amountCents: true } });
    expect(Number(ledger._sum.amountCents)).toBe(100_000 + 2_800 - 2_000);
    await prisma.game.updateMany({ where: { id: { in: games.slice(0, 2) } }, data: { status: "SCHEDULED", homeScore: null, awayScore: null } });
  });
});
