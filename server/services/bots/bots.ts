import { randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@/server/db/generated/client";
import { MAX_WINDOW_HOURS } from "@/server/domain/bots/decide";
import type { Strategy } from "@/server/domain/strategies/schema";
import { parseStrategy } from "@/server/domain/strategies/validate";
import { MARKET_KEYS } from "@/server/domain/vocabulary";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record";
import { isUniqueViolation } from "@/server/services/bets/bankrolls";
import { createRecordChain, RECORD_SLUG, setRecordChainPublic } from "@/server/services/records/chain";
import { hasProbabilityProvider, PROVIDER_SOURCE } from "./providers";

type Tx = Prisma.TransactionClient;

/** A bot's lifecycle: draft -> active <-> paused -> stopped (final; from any state). */
export const BOT_TRANSITIONS: Record<string, readonly string[]> = {
  DRAFT: ["ACTIVE", "STOPPED"],
  ACTIVE: ["PAUSED", "STOPPED"],
  PAUSED: ["ACTIVE", "STOPPED"],
  STOPPED: [],
};
export type BotStateName = "DRAFT" | "ACTIVE" | "PAUSED" | "STOPPED";

export const MAX_BOTS_PER_USER = 50;
export const RUN_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface BotSettings {
  name: string;
  leagues: string[];
  markets: string[];
  windowHours: number;
  schedule: "on-odds" | "fixed";
  runTimes: string[];
}

export interface CreateBotInput extends BotSettings {
  strategyId: number;
  slug?: string | undefined;
  /** "provider:<id>" to take probabilities from a registered provider; absent = the strategy's own source. */
  probabilitySource?: string | undefined;
  /** Pinned model versions for a "model:<name>" source; absent = the latest version of that model per league. */
  modelVersionIds?: number[] | undefined;
  currency: string;
  initialDepositCents: number;
}

/** The strategy version as the engine reads it; a stored definition that no longer parses is a server fault. */
export function strategyOfVersion(definition: unknown): Strategy {
  const parsed = parseStrategy(definition);
  if (!parsed.ok) throw new Error(`stored strategy version does not parse: ${parsed.errors[0]?.message}`);
  return parsed.strategy;
}

function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${base || "bot"}-${randomBytes(3).toString("hex")}`;
}

/** Leagues and markets must lie inside the strategy's: a bot narrows its strategy, it never widens it. */
function checkNarrowing(strategy: Strategy, settings: Pick<BotSettings, "leagues" | "markets">) {
  const badMarket = settings.markets.find((m) => !(MARKET_KEYS as readonly string[]).includes(m) || !(strategy.markets as string[]).includes(m));
  if (badMarket) throw new AppError("BAD_REQUEST", `"${badMarket}" is not one of the strategy's markets (${strategy.markets.join(", ")}).`, { field: "markets" });
  if (strategy.leagues.length) {
    const badLeague = settings.leagues.find((l) => !strategy.leagues.includes(l));
    if (badLeague) throw new AppError("BAD_REQUEST", `"${badLeague}" is not one of the strategy's leagues (${strategy.leagues.join(", ")}).`, { field: "leagues" });
  }
}

function checkSchedule(settings: Pick<BotSettings, "schedule" | "runTimes" | "windowHours">) {
  if (settings.schedule === "fixed" && settings.runTimes.length === 0)
    throw new AppError("BAD_REQUEST", 'A fixed schedule needs at least one run time (UTC "HH:MM").', { field: "runTimes" });
  const bad = settings.runTimes.find((t) => !RUN_TIME.test(t));
  if (bad) throw new AppError("BAD_REQUEST", `"${bad}" is not a time: use UTC "HH:MM", such as 09:30.`, { field: "runTimes" });
  if (!(settings.windowHours >= 1 && settings.windowHours <= MAX_WINDOW_HOURS))
    throw new AppError("BAD_REQUEST", `The window is 1 to ${MAX_WINDOW_HOURS} hours ahead.`, { field: "windowHours" });
}

/** Pins the model versions a "model:<name>" source reads: the ones given (the user's, of that name) or the latest per league. */
async function pinModels(tx: Tx, userId: string, strategy: Strategy, requested: number[] | undefined): Promise<number[]> {
  if (!strategy.probability.startsWith("model:")) return [];
  const name = strategy.probability.slice(6);
  if (requested?.length) {
    const found = await tx.modelVersion.findMany({ where: { id: { in: requested }, userId, name }, select: { id: true } });
    if (found.length !== new Set(requested).size)
      throw new AppError("BAD_REQUEST", `Pin only your own versions of the model "${name}".`, { field: "modelVersionIds" });
    return [...new Set(requested)].sort((a, b) => a - b);
  }
  const latest = await tx.modelVersion.findMany({ where: { userId, name }, orderBy: [{ leagueId: "asc" }, { version: "desc" }], select: { id: true, leagueId: true } });
  const perLeague = new Map<number, number>();
  for (const v of latest) if (!perLeague.has(v.leagueId)) perLeague.set(v.leagueId, v.id);
  return [...perLeague.values()].sort((a, b) => a - b);
}

async function event(tx: Tx, botId: number, userId: string | null, action: string, changes: object) {
  await tx.botEvent.create({ data: { botId, userId, action, changes: JSON.parse(JSON.stringify(changes)) as Prisma.InputJsonValue } });
}

/**
 * Creates a bot in DRAFT, in one transaction: its BOT bankroll with the initial paper deposit, its record
 * chain (same slug) and the pin on the strategy's current version.
 */
export async function createBot(db: PrismaClient, userId: string, input: CreateBotInput) {
  checkSchedule(input);
  const source = input.probabilitySource;
  if (source !== undefined) {
    const m = PROVIDER_SOURCE.exec(source);
    if (!m) throw new AppError("BAD_REQUEST", 'A bot\'s own source is "provider:<id>"; leave it out to use the strategy\'s.', { field: "probabilitySource" });
    if (!hasProbabilityProvider(m[1]!)) throw new AppError("BAD_REQUEST", `No probability provider "${m[1]}" is configured on this server.`, { field: "probabilitySource" });
  }
  const slug = (input.slug ?? slugify(input.name)).trim().toLowerCase();
  if (!RECORD_SLUG.test(slug)) throw new AppError("BAD_REQUEST", "The record's address is 3 to 80 lower-case letters, digits and dashes.", { field: "slug" });
  try {
    return await db.$transaction(async (tx) => {
      const strategyRow = await tx.strategy.findFirst({
        where: { id: input.strategyId, userId },
        select: { id: true, archivedAt: true, currentVersion: { select: { id: true, definition: true } } },
      });
      if (!strategyRow?.currentVersion) throw new AppError("NOT_FOUND", "No such strategy.", { field: "strategyId" });
      if (strategyRow.archivedAt) throw new AppError("CONFLICT", "This strategy is archived: restore or copy it first.", { field: "strategyId" });
      const strategy = strategyOfVersion(strategyRow.currentVersion.definition);
      checkNarrowing(strategy, input);
      if (source && !strategy.probability.startsWith("model:"))
        throw new AppError("BAD_REQUEST", 'A provider stands in for a model: use a strategy whose probability source is "model:<name>".', { field: "probabilitySource" });
      const modelVersionIds = source ? [] : await pinModels(tx, userId, strategy, input.modelVersionIds);
      if (!source && strategy.probability.startsWith("model:") && modelVersionIds.length === 0)
        throw new AppError("BAD_REQUEST", `You have no trained version of the model "${strategy.probability.slice(6)}": run an evaluation first.`, { field: "modelVersionIds" });
      const count = await tx.bot.count({ where: { userId, state: { not: "STOPPED" } } });
      if (count >= MAX_BOTS_PER_USER) throw new AppError("CONFLICT", `You have ${MAX_BOTS_PER_USER} bots that are not stopped: stop one first.`);

      const bankroll = await tx.bankroll.create({ data: { userId, name: `Bot: ${input.name} (${slug})`.slice(0, 200), kind: "BOT", currency: input.currency } });
      await tx.ledgerEntry.create({
        data: { bankrollId: bankroll.id, kind: "DEPOSIT", amountCents: input.initialDepositCents, idempotencyKey: "deposit:initial", occurredAt: new Date(), note: "Initial paper deposit" },
      });
      const chain = await createRecordChain(tx, { userId, slug, title: input.name });
      const bot = await tx.bot.create({
        data: {
          userId,
          slug,
          name: input.name,
          strategyId: strategyRow.id,
          strategyVersionId: strategyRow.currentVersion.id,
          probabilitySource: source ?? strategy.probability,
          modelVersionIds,
          leagues: input.leagues,
          markets: input.markets,
          windowHours: input.windowHours,
          schedule: input.schedule,
          runTimes: input.runTimes,
          bankrollId: bankroll.id,
          unitCents: BigInt(Math.max(1, Math.floor(input.initialDepositCents / strategy.bankroll))),
          recordChainId: chain.id,
        },
        select: { id: true, slug: true, version: true },
      });
      await event(tx, bot.id, userId, "CREATE", { strategyVersionId: strategyRow.currentVersion.id, probabilitySource: source ?? strategy.probability, modelVersionIds, initialDepositCents: input.initialDepositCents, currency: input.currency });
      return bot;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", `The address "${slug}" or the bankroll name is taken: choose another name or address.`, { field: "slug" });
    throw e;
  }
}

/** The caller's bot, or NOT_FOUND (another user's bot is never confirmed to exist). */
export async function requireOwnBot(db: PrismaClient | Tx, userId: string, botId: number) {
  const bot = await db.bot.findFirst({ where: { id: botId, userId } });
  if (!bot) throw new AppError("NOT_FOUND", `You have no bot with id ${botId}.`);
  return bot;
}

/** Changes under the optimistic lock: `version` is the one the user saw; the bump and the event go together. */
async function changeBot(
  db: PrismaClient,
  userId: string,
  botId: number,
  version: number,
  change: (bot: Awaited<ReturnType<typeof requireOwnBot>>, tx: Tx) => Promise<{ data: Prisma.BotUpdateManyMutationInput & { strategyVersionId?: number }; action: string; changes: object } | null>,
) {
  return db.$transaction(async (tx) => {
    const bot = await requireOwnBot(tx, userId, botId);
    const next = await change(bot, tx);
    if (!next) return { id: botId, version: bot.version };
    const updated = await tx.bot.updateMany({ where: { id: botId, userId, version }, data: { ...next.data, version: { increment: 1 } } });
    if (updated.count === 0) throw new AppError("CONFLICT", "This bot changed since you opened it. Reload and try again.");
    await event(tx, botId, userId, next.action, next.changes);
    if ("killSwitch" in next.data && next.data.killSwitch !== bot.killSwitch) {
      await recordAudit(tx, { actor: { id: userId }, action: next.data.killSwitch ? "bot.killSwitch.on" : "bot.killSwitch.off", target: { type: "bot", id: String(botId) } });
    }
    return { id: botId, version: version + 1 };
  });
}

export async function updateBot(db: PrismaClient, userId: string, botId: number, version: number, changes: Partial<BotSettings> & { killSwitch?: boolean | undefined }) {
  return changeBot(db, userId, botId, version, async (bot, tx) => {
    if (bot.state === "STOPPED") throw new AppError("CONFLICT", "This bot is stopped; stopped bots do not change.");
    const merged = {
      leagues: changes.leagues ?? bot.leagues,
      markets: changes.markets ?? bot.markets,
      windowHours: changes.windowHours ?? bot.windowHours,
      schedule: changes.schedule ?? (bot.schedule as BotSettings["schedule"]),
      runTimes: changes.runTimes ?? bot.runTimes,
    };
    checkSchedule(merged);
    const version = await tx.strategyVersion.findUniqueOrThrow({ where: { id: bot.strategyVersionId }, select: { definition: true } });
    checkNarrowing(strategyOfVersion(version.definition), merged);
    const data = Object.fromEntries(Object.entries({ ...changes }).filter(([, v]) => v !== undefined));
    const diff = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { from: (bot as Record<string, unknown>)[k], to: v }]));
    if (Object.keys(diff).length === 0) return null;
    return { data, action: changes.killSwitch !== undefined && Object.keys(diff).length === 1 ? "KILL_SWITCH" : "UPDATE", changes: diff };
  });
}

/**
 * Changes a bot's state. `activeAllowance` (the plan's active-bots check, `allowanceFor(pool, userId, "activeBots")`)
 * is applied when a bot becomes active: the user's row is locked first and the other active bots counted after
 * the lock, so two bots started at the same moment cannot both pass the limit. Callers without it (jobs, tests)
 * are not limited.
 */
export async function setBotState(
  db: PrismaClient,
  userId: string,
  botId: number,
  version: number,
  state: BotStateName,
  activeAllowance?: (current: number, adding?: number) => void,
) {
  return changeBot(db, userId, botId, version, async (bot, tx) => {
    if (bot.state === state) return null;
    if (!BOT_TRANSITIONS[bot.state]!.includes(state))
      throw new AppError("CONFLICT", bot.state === "STOPPED" ? "This bot is stopped, which is final: create a new bot." : `A ${bot.state.toLowerCase()} bot cannot become ${state.toLowerCase()}.`);
    if (state === "ACTIVE" && activeAllowance) {
      await tx.$queryRaw`SELECT 1 FROM "User" WHERE id = ${userId} FOR NO KEY UPDATE`;
      activeAllowance(await tx.bot.count({ where: { userId, state: "ACTIVE", id: { not: botId } } }));
    }
    return { data: { state }, action: "STATE", changes: { from: bot.state, to: state } };
  });
}

/** Moves the pin to another version of the bot's strategy (its current one unless named): explicit and recorded. */
export async function moveBotPin(db: PrismaClient, userId: string, botId: number, version: number, strategyVersionId?: number) {
  return changeBot(db, userId, botId, version, async (bot, tx) => {
    if (bot.state === "STOPPED") throw new AppError("CONFLICT", "This bot is stopped; stopped bots do not change.");
    const strategy = await tx.strategy.findFirstOrThrow({ where: { id: bot.strategyId }, select: { currentVersionId: true } });
    const targetId = strategyVersionId ?? strategy.currentVersionId!;
    const [from, to] = await Promise.all([
      tx.strategyVersion.findUniqueOrThrow({ where: { id: bot.strategyVersionId }, select: { hash: true, definition: true } }),
      tx.strategyVersion.findFirst({ where: { id: targetId, strategyId: bot.strategyId }, select: { id: true, hash: true, definition: true } }),
    ]);
    if (!to) throw new AppError("NOT_FOUND", "That version is not a version of this bot's strategy.", { field: "strategyVersionId" });
    if (to.id === bot.strategyVersionId) return null;
    const next = strategyOfVersion(to.definition);
    if (next.probability !== strategyOfVersion(from.definition).probability)
      throw new AppError("CONFLICT", "That version takes its probabilities from another source: create a new bot for it.");
    checkNarrowing(next, bot);
    return { data: { strategyVersionId: to.id }, action: "MOVE_PIN", changes: { from: from.hash, to: to.hash } };
  });
}

export async function setBotPublic(db: PrismaClient, userId: string, botId: number, isPublic: boolean) {
  const bot = await requireOwnBot(db, userId, botId);
  const result = await db.$transaction(async (tx) => {
    const chain = await setRecordChainPublic(tx, userId, bot.recordChainId, isPublic);
    await event(tx, botId, userId, "PUBLIC", { to: isPublic });
    return chain;
  });
  return { slug: result.slug, isPublic: result.isPublic };
}

export async function listBots(db: PrismaClient, userId: string) {
  const bots = await db.bot.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: {
      id: true,
      slug: true,
      name: true,
      state: true,
      killSwitch: true,
      schedule: true,
      lastRunAt: true,
      createdAt: true,
      strategy: { select: { id: true, name: true } },
      strategyVersion: { select: { hash: true } },
      bankroll: { select: { id: true, currency: true } },
      _count: { select: { picks: true } },
    },
  });
  return bots.map(({ _count, ...b }) => ({ ...b, picks: _count.picks }));
}
