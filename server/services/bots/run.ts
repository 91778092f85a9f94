import type pg from "pg";
import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { fixedRunDue } from "@/server/domain/bots/schedule";
import { decideBot, predictionKey, pickKey, type BotSkipReason, type Decision } from "@/server/domain/bots/decide";
import { winnerProbabilities, type ProbabilityContext, type ProviderProbability, type UpcomingGameFacts } from "@/server/domain/bots/probability-source";
import type { PickPayload, PredictionPayload } from "@/server/domain/records/payload";
import { marketFromKey, winnerMarketOf, type MarketKey } from "@/server/domain/vocabulary";
import { AppError } from "@/server/errors";
import { insertBets } from "@/server/services/bets/bets";
import { appendRecordEntries } from "@/server/services/records/chain";
import { strategyOfVersion } from "./bots";
import { notifySlips, type NewSlipNote } from "./notify-slips";
import { loadBankrollState, loadModelProbabilities, loadUpcomingGames, type UpcomingGame } from "./load";
import { PROVIDER_SOURCE, probabilityProvider } from "./providers";
import { topUpWeekly } from "./weekly-top-up";
import { ANALYST_PROVIDER_ID } from "@/server/services/analyst/provider";
import { log } from "@/server/log";
import { getSystemSettings } from "@/server/services/system-settings/settings";

const logger = log.child({ module: "bots" });

type Tx = Prisma.TransactionClient;

export interface BotDeps {
  db: PrismaClient;
  pool: pg.Pool;
}

export interface RunSummary {
  runId: number;
  games: number;
  signals: number;
  taken: number;
  skipped: number;
  /** Picks this run wrote (a concurrent run may have written others of the same decisions). */
  written: number;
}

/** Where a pick's probability came from, for its record entry. */
interface SourceFacts {
  modelVersion: string | null;
  analyst?: { prompt: string; answer: string };
}

type WriteOutcome = { written: true; pickId: number; slipId: number } | { written: false; reason: BotSkipReason };

const iso = (d: Date) => d.toISOString();

/**
 * Writes one pick exactly once, in one transaction: the pick row (its unique key refuses a second one, also
 * from a concurrent run, which waits on the key and then finds it taken), the paper bet with its stake on
 * the bot's ledger, the prediction and pick entries of the bot's record chain, and the slip.
 */
async function writePick(
  db: PrismaClient,
  bot: { id: number; userId: string; slug: string; bankrollId: number; recordChainId: number; probabilitySource: string },
  runId: number,
  strategyHash: string,
  game: UpcomingGame,
  d: Decision,
  source: SourceFacts,
  bookmakerId: number | null,
  now: Date,
): Promise<WriteOutcome> {
  try {
    return await db.$transaction(async (tx: Tx): Promise<WriteOutcome> => {
      // Never at or after kick-off by the real clock, whatever time the run was asked to decide at.
      const [open] = await tx.$queryRaw<{ open: boolean }[]>`SELECT "startsAt" > clock_timestamp() AS open FROM "Game" WHERE id = ${d.gameId}`;
      if (!open?.open) return { written: false, reason: "kickoffPassed" };
      const inserted = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO "BotPick" ("botId", "runId", "gameId", market, selection, line, "bookmakerKey", price, probability, "modelVersion", "stakeCents", "lockedAt")
        VALUES (${bot.id}, ${runId}, ${d.gameId}, ${d.market}::"Market", ${d.selection}::"Selection", ${d.line}::numeric, ${d.bookmaker}, ${d.price}::numeric,
                ${d.probability}, ${source.modelVersion}, ${d.stakeCents}::int8, ${now})
        ON CONFLICT ("botId", "gameId", market, selection) DO NOTHING
        RETURNING id`;
      const pickId = inserted[0]?.id;
      if (pickId === undefined) return { written: false, reason: "alreadyLocked" };
      const [betId] = await insertBets(
        tx,
        bot.userId,
        bot.bankrollId,
        [
          {
            input: { gameId: d.gameId, market: d.market, selection: d.selection, line: d.line, bookmakerKey: d.bookmaker, price: d.price, stakeCents: d.stakeCents, placedAt: now, note: `Paper bet of bot ${bot.slug}`, externalRef: `bot-pick:${pickId}` },
            bookmakerId,
            lateEntry: false,
          },
        ],
        "BOT",
      );
      const recordGame = { id: game.gameId, league: game.league, home: game.home, away: game.away, kickoff: iso(game.startsAt) };
      const prediction: PredictionPayload = {
        kind: "prediction",
        game: recordGame,
        market: d.market,
        selection: d.selection,
        line: d.line,
        probability: d.probability,
        modelVersion: source.modelVersion,
        source: bot.probabilitySource,
        lockedAt: iso(now),
        ...(source.analyst ? { analyst: source.analyst } : {}),
      };
      const pick: PickPayload = {
        kind: "pick",
        game: recordGame,
        market: d.market,
        selection: d.selection,
        line: d.line,
        price: d.price,
        bookmaker: d.bookmaker!,
        probability: d.probability,
        modelVersion: source.modelVersion,
        strategyHash,
        stakeCents: d.stakeCents,
        lockedAt: iso(now),
      };
      const [p, k] = await appendRecordEntries(tx, bot.recordChainId, [
        { key: predictionKey(bot.id, d.gameId, d.market, d.selection), payload: prediction, lockedAt: now },
        { key: pickKey(bot.id, d.gameId, d.market, d.selection), payload: pick, lockedAt: now },
      ]);
      await tx.botPick.update({ where: { id: pickId }, data: { betId: betId!, predictionSeq: p!.seq, pickSeq: k!.seq } });
      const slip = await tx.slip.create({
        select: { id: true },
        data: {
          pickId,
          botId: bot.id,
          userId: bot.userId,
          bookmakerKey: d.bookmaker!,
          market: d.market,
          selection: d.selection,
          line: d.line,
          priceSeen: d.price,
          minPrice: d.minPrice,
          suggestedStakeCents: d.stakeCents,
        },
      });
      return { written: true, pickId, slipId: slip.id };
    });
  } catch (e) {
    // The stake no longer fits (another writer spent the balance since the run read it): a skip, not a failure.
    if (e instanceof AppError && e.field === "stakeCents") return { written: false, reason: "bankrollExhausted" };
    throw e;
  }
}

function factsOf(games: UpcomingGame[]): UpcomingGameFacts[] {
  return games.map((g) => ({
    gameId: g.gameId,
    league: g.league,
    sport: g.sport,
    home: g.home,
    away: g.away,
    kickoff: g.startsAt,
    prices: g.quotes.map((q) => ({ bookmaker: q.bookmaker.key, market: q.market, selection: q.selection, line: q.line, price: q.price, capturedAt: q.capturedAt })),
  }));
}

/**
 * One run of a bot as of `now`: read, decide, then one transaction per pick. Safe to retry and to run
 * concurrently with itself: every pick is written once (see writePick); each run records its decisions.
 * A stopped bot does not run; a draft or paused one records what it would have done, with that reason.
 */
export async function runBot(deps: BotDeps, botId: number, now: Date, trigger = "manual"): Promise<RunSummary | null> {
  const { db, pool } = deps;
  const bot = await db.bot.findUnique({ where: { id: botId }, include: { strategyVersion: { select: { hash: true, definition: true } }, bankroll: { select: { currency: true } } } });
  if (!bot || bot.state === "STOPPED") return null;
  const run = await db.botRun.create({ data: { botId, trigger, asOf: now }, select: { id: true } });
  try {
    const strategy = strategyOfVersion(bot.strategyVersion.definition);
    const leagues = bot.leagues.length ? bot.leagues : strategy.leagues.length ? strategy.leagues : null;
    const games = await loadUpcomingGames(pool, now, bot.windowHours, leagues);
    const gameById = new Map(games.map((g) => [g.gameId, g]));
    const sources = new Map<number, SourceFacts>();
    let modelProbabilities: Map<number, { home: number; draw: number | null; away: number }> | null = null;
    const provider = PROVIDER_SOURCE.exec(bot.probabilitySource);
    if (provider) {
      modelProbabilities = await providerProbabilities(provider[1]!, games, { now, userId: bot.userId, botId, markets: strategy.markets.map((m) => marketFromKey(m as MarketKey)!) }, sources);
    } else if (strategy.probability.startsWith("model:")) {
      const loaded = await loadModelProbabilities(db, bot.modelVersionIds, games.map((g) => g.gameId), now);
      modelProbabilities = new Map([...loaded].map(([id, { modelVersion, ...p }]) => (sources.set(id, { modelVersion }), [id, p])));
    }
    if (provider?.[1] === ANALYST_PROVIDER_ID) await topUpWeekly(db, bot.bankrollId, now);
    const { state: bankroll, lockedKeys } = await loadBankrollState(db, bot, now);
    const outcome = decideBot({
      strategy,
      state: bot.state,
      killSwitch: bot.killSwitch,
      leagues: bot.leagues,
      markets: bot.markets as MarketKey[],
      windowHours: bot.windowHours,
      now,
      games,
      modelProbabilities,
      bankroll,
      lockedKeys,
      tiers: (await getSystemSettings(pool)).tiers,
    });
    const taken = outcome.decisions.filter((d) => d.taken);
    const books = taken.length
      ? new Map((await db.bookmaker.findMany({ where: { key: { in: [...new Set(taken.map((d) => d.bookmaker!))] } }, select: { id: true, key: true } })).map((b) => [b.key, b.id]))
      : new Map<string, number>();
    let written = 0;
    const recorded = [];
    const slips: NewSlipNote[] = [];
    for (const d of outcome.decisions) {
      if (!d.taken) {
        recorded.push(d);
        continue;
      }
      const source = sources.get(d.gameId) ?? { modelVersion: null };
      const result = await writePick(db, bot, run.id, bot.strategyVersion.hash, gameById.get(d.gameId)!, d, source, books.get(d.bookmaker!) ?? null, now);
      if (result.written) {
        written++;
        const g = gameById.get(d.gameId)!;
        slips.push({ slipId: result.slipId, game: `${g.home} v ${g.away}`, market: d.market, selection: d.selection, line: d.line, bookmaker: d.bookmaker!, price: d.price, minPrice: d.minPrice, stakeCents: d.stakeCents });
      }
      recorded.push(result.written ? d : { ...d, taken: false, reason: result.reason });
    }
    await db.botDecision.createMany({
      data: recorded.map((d) => ({
        runId: run.id,
        botId,
        gameId: d.gameId,
        market: d.market,
        selection: d.selection,
        line: d.line,
        taken: d.taken,
        reason: d.reason,
        bookmakerKey: d.bookmaker,
        price: d.price,
        probability: d.probability,
        edge: d.edge,
        stakeCents: BigInt(d.stakeCents),
      })),
    });
    const summary = { runId: run.id, games: outcome.games, signals: outcome.signals, taken: recorded.filter((d) => d.taken).length, skipped: recorded.filter((d) => !d.taken).length, written };
    await db.botRun.update({ where: { id: run.id }, data: { finishedAt: new Date(), games: summary.games, signals: summary.signals, taken: summary.taken, skipped: summary.skipped } });
    await db.bot.update({ where: { id: botId }, data: { lastRunAt: now } });
    if (slips.length > 0) await notifySlips(pool, { id: botId, userId: bot.userId, name: bot.name, currency: bot.bankroll.currency }, run.id, slips);
    return summary;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await db.botRun.update({ where: { id: run.id }, data: { finishedAt: new Date(), error: message.slice(0, 2000) } });
    throw e;
  }
}

/** A provider's answers as winner-market probabilities; malformed answers are logged and left out, never bet on. */
async function providerProbabilities(
  id: string,
  games: UpcomingGame[],
  ctx: ProbabilityContext,
  sources: Map<number, SourceFacts>,
) {
  const provider = probabilityProvider(id, ctx.userId);
  if (!provider) throw new Error(`no probability provider "${id}" is registered`);
  const answers: Map<number, ProviderProbability> = games.length ? await provider.probabilities(factsOf(games), ctx) : new Map();
  const out = new Map<number, { home: number; draw: number | null; away: number }>();
  for (const g of games) {
    const answer = answers.get(g.gameId);
    if (!answer) continue;
    if (provider.minConfidence !== undefined && !(answer.confidence >= provider.minConfidence)) {
      logger.info(`[bots] provider ${id}: game ${g.gameId} left out, confidence ${answer.confidence} is below ${provider.minConfidence}`);
      continue;
    }
    const p = winnerProbabilities(answer, winnerMarketOf(g.sport) === "ONE_X_TWO");
    if ("problem" in p) {
      logger.warn(`[bots] provider ${id} answer for game ${g.gameId} refused: ${p.problem}`);
      continue;
    }
    out.set(g.gameId, p);
    sources.set(g.gameId, { modelVersion: answer.modelVersion, ...(answer.analyst ? { analyst: answer.analyst } : {}) });
  }
  return out;
}

/**
 * Runs the active bots that are due: fixed-time bots whose time has come, and on-odds bots when new prices
 * were stored (for all of them, or those whose window may hold `gameIds`). Each bot's failure is recorded on
 * its run and does not stop the others.
 */
export async function runDueBots(deps: BotDeps, now: Date, opts: { oddsStored?: boolean; trigger?: string } = {}) {
  const bots = await deps.db.bot.findMany({ where: { state: "ACTIVE", killSwitch: false }, select: { id: true, schedule: true, runTimes: true, lastRunAt: true } });
  const due = bots.filter((b) => (b.schedule === "fixed" ? fixedRunDue(b.runTimes, b.lastRunAt, now) : opts.oddsStored === true));
  const results: { botId: number; ok: boolean; taken?: number; error?: string }[] = [];
  for (const b of due) {
    try {
      const r = await runBot(deps, b.id, now, opts.trigger ?? (b.schedule === "fixed" ? "schedule" : "odds"));
      results.push({ botId: b.id, ok: true, taken: r?.taken ?? 0 });
    } catch (e) {
      results.push({ botId: b.id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { bots: due.length, results };
}
