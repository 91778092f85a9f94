import type { PrismaClient } from "@/server/db/generated/client";
import { summarizeLedger } from "@/server/domain/bankroll/ledger";
import { pausedByLosses, SKIP_REASON_TEXT, type BotSkipReason } from "@/server/domain/bots/decide";
import { strategyOfVersion, requireOwnBot } from "./bots";
import { loadBankrollState } from "./load";

/** What settled bets did: count, stakes, profit, ROI on stakes (yield), mean CLV where known. */
function tally(bets: { status: string; stakeCents: bigint; profitCents: bigint | null; clv: number | null }[]) {
  const settled = bets.filter((b) => b.status === "SETTLED");
  const staked = settled.reduce((s, b) => s + Number(b.stakeCents), 0);
  const profit = settled.reduce((s, b) => s + Number(b.profitCents ?? 0n), 0);
  const clvs = settled.flatMap((b) => (b.clv === null ? [] : [b.clv]));
  return {
    bets: bets.filter((b) => b.status !== "VOID").length,
    open: bets.filter((b) => b.status === "OPEN").length,
    settled: settled.length,
    stakedCents: staked,
    profitCents: profit,
    roi: staked > 0 ? profit / staked : null,
    meanClv: clvs.length ? clvs.reduce((a, c) => a + c, 0) / clvs.length : null,
  };
}

/**
 * A bot's dashboard: equity curve from its BOT bankroll's ledger, exposure, ROI, CLV, drawdown, the state
 * of each limit, the last runs with their decisions, and paper vs confirmed real results side by side.
 */
export async function botDashboard(db: PrismaClient, userId: string, botId: number, now = new Date()) {
  const bot = await requireOwnBot(db, userId, botId);
  const [version, bankroll, entries, paperBets, realBets, runs, events, chain] = await Promise.all([
    db.strategyVersion.findUniqueOrThrow({
      where: { id: bot.strategyVersionId },
      select: {
        hash: true,
        definition: true,
        strategy: { select: { name: true, currentVersion: { select: { id: true, hash: true } } } },
      },
    }),
    db.bankroll.findUniqueOrThrow({ where: { id: bot.bankrollId }, select: { currency: true } }),
    db.ledgerEntry.findMany({
      where: { bankrollId: bot.bankrollId },
      select: { kind: true, amountCents: true, betId: true, occurredAt: true },
      orderBy: { id: "asc" },
    }),
    db.bet.findMany({
      where: { bankrollId: bot.bankrollId },
      select: {
        id: true,
        status: true,
        stakeCents: true,
        profitCents: true,
        clv: true,
        outcome: true,
        lateEntry: true,
      },
    }),
    db.bet.findMany({
      where: { slip: { botId } },
      select: { status: true, stakeCents: true, profitCents: true, clv: true },
    }),
    db.botRun.findMany({
      where: { botId },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: 10,
      include: {
        decisions: {
          orderBy: { id: "asc" },
          take: 200,
          include: {
            game: {
              select: { startsAt: true, homeTeam: { select: { name: true } }, awayTeam: { select: { name: true } } },
            },
          },
        },
      },
    }),
    db.botEvent.findMany({ where: { botId }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 50 }),
    db.recordChain.findUniqueOrThrow({ where: { id: bot.recordChainId }, select: { slug: true, isPublic: true } }),
  ]);
  const facts = new Map(paperBets.map((b) => [b.id, b]));
  const summary = summarizeLedger(
    entries.map((e) => ({ ...e, amountCents: Number(e.amountCents) })),
    (id) => facts.get(id),
  );
  const strategy = strategyOfVersion(version.definition);
  const { state } = await loadBankrollState(db, bot, now);
  const limits = strategy.limits ?? {};
  const drawdownNow =
    state.peakEquityCents > 0 ? (state.peakEquityCents - state.equityCents) / state.peakEquityCents : 0;
  return {
    bot: {
      id: bot.id,
      slug: bot.slug,
      name: bot.name,
      state: bot.state,
      killSwitch: bot.killSwitch,
      version: bot.version,
      probabilitySource: bot.probabilitySource,
      modelVersionIds: bot.modelVersionIds,
      leagues: bot.leagues,
      markets: bot.markets,
      windowHours: bot.windowHours,
      schedule: bot.schedule,
      runTimes: bot.runTimes,
      lastRunAt: bot.lastRunAt,
      createdAt: bot.createdAt,
      currency: bankroll.currency,
      bankrollId: bot.bankrollId,
      isPublic: chain.isPublic,
    },
    strategy: {
      id: bot.strategyId,
      name: version.strategy.name,
      pinnedHash: version.hash,
      currentHash: version.strategy.currentVersion?.hash ?? null,
      /** The strategy was edited since the pin: the owner may move the bot to the new version. */
      newerVersion:
        version.strategy.currentVersion !== null && version.strategy.currentVersion.id !== bot.strategyVersionId,
    },
    figures: {
      balanceCents: summary.balanceCents,
      equityCents: state.equityCents,
      openStakeCents: summary.openStakeCents,
      openBets: summary.openBets,
      settledBets: summary.settledBets,
      profitCents: summary.profitCents,
      roi: summary.yield,
      meanClv: summary.verified.meanClv,
      maxDrawdownCents: summary.maxDrawdownCents,
      maxDrawdownShare: summary.maxDrawdownShare,
    },
    equity: summary.curve.map((p) => ({ at: p.at, balanceCents: p.balanceCents, profitCents: p.profitCents })),
    limits: [
      {
        name: "killSwitch",
        label: "Kill switch",
        limit: null,
        current: bot.killSwitch ? 1 : 0,
        blocking: bot.killSwitch,
      },
      // Limits that count against a bound: current use and whether the next pick would be refused.
      ...gauge("maxBetsPerDay", "Bets today", limits.maxBetsPerDay, state.picksToday, (l) => state.picksToday >= l),
      ...gauge(
        "maxDailyExposure",
        "Staked today (share of bankroll)",
        limits.maxDailyExposure,
        state.equityCents > 0 ? state.stakedTodayCents / state.equityCents : 0,
        (l) => state.stakedTodayCents >= l * state.equityCents,
      ),
      ...gauge(
        "maxOpenExposure",
        "Open stakes (share of bankroll)",
        limits.maxOpenExposure,
        state.equityCents > 0 ? state.openStakeCents / state.equityCents : 0,
        (l) => state.openStakeCents >= l * state.equityCents,
      ),
      ...gauge(
        "stopAfterDrawdown",
        "Drawdown from peak",
        limits.stopAfterDrawdown,
        drawdownNow,
        (l) => drawdownNow >= l,
      ),
      ...(limits.pauseAfterLosses !== undefined
        ? [
            {
              name: "pauseAfterLosses",
              label: `Pause after ${limits.pauseAfterLosses.losses} losses in ${limits.pauseAfterLosses.lastBets}`,
              limit: null,
              current: null,
              blocking: pausedByLosses(strategy, state.recentSettled, now),
            },
          ]
        : []),
      ...(limits.maxBetsPerGame !== undefined
        ? [
            {
              name: "maxBetsPerGame",
              label: "Bets per game",
              limit: limits.maxBetsPerGame,
              current: null,
              blocking: false,
            },
          ]
        : []),
    ],
    runs: runs.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      asOf: r.asOf,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      games: r.games,
      signals: r.signals,
      taken: r.taken,
      skipped: r.skipped,
      error: r.error,
      decisions: r.decisions.map((d) => ({
        id: Number(d.id),
        gameId: d.gameId,
        game: `${d.game.homeTeam.name} v ${d.game.awayTeam.name}`,
        kickoff: d.game.startsAt,
        market: d.market,
        selection: d.selection,
        line: d.line === null ? null : Number(d.line),
        taken: d.taken,
        reason: d.reason,
        reasonText: d.reason ? (SKIP_REASON_TEXT[d.reason as BotSkipReason] ?? d.reason) : null,
        bookmakerKey: d.bookmakerKey,
        price: Number(d.price),
        probability: d.probability,
        edge: d.edge,
        stakeCents: Number(d.stakeCents),
      })),
    })),
    paperVsReal: { paper: tally(paperBets), real: tally(realBets) },
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      changes: e.changes,
      at: e.at,
      bySystem: e.userId === null,
    })),
  };
}

export async function listPicks(
  db: PrismaClient,
  userId: string,
  botId: number,
  opts: { cursor?: number | undefined; limit: number },
) {
  await requireOwnBot(db, userId, botId);
  const rows = await db.botPick.findMany({
    where: { botId },
    orderBy: [{ lockedAt: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    include: {
      game: { select: { startsAt: true, homeTeam: { select: { name: true } }, awayTeam: { select: { name: true } } } },
      bet: { select: { status: true, outcome: true, profitCents: true, clv: true, closingPrice: true } },
    },
  });
  const page = rows.slice(0, opts.limit).map((p) => ({
    id: p.id,
    gameId: p.gameId,
    game: `${p.game.homeTeam.name} v ${p.game.awayTeam.name}`,
    kickoff: p.game.startsAt,
    market: p.market,
    selection: p.selection,
    line: p.line === null ? null : Number(p.line),
    bookmakerKey: p.bookmakerKey,
    price: Number(p.price),
    probability: p.probability,
    stakeCents: Number(p.stakeCents),
    lockedAt: p.lockedAt,
    pickSeq: p.pickSeq,
    resultSeq: p.resultSeq,
    betId: p.betId,
    status: p.bet?.status ?? null,
    outcome: p.bet?.outcome ?? null,
    profitCents: p.bet?.profitCents === null || p.bet?.profitCents === undefined ? null : Number(p.bet.profitCents),
    clv: p.bet?.clv ?? null,
  }));
  return { items: page, nextCursor: rows.length > opts.limit ? page.at(-1)!.id : null };
}

/** One limit's state for the dashboard, or nothing when the strategy does not set it. */
function gauge(
  name: string,
  label: string,
  limit: number | undefined,
  current: number,
  blocking: (limit: number) => boolean,
) {
  return limit === undefined ? [] : [{ name, label, limit, current, blocking: blocking(limit) }];
}
