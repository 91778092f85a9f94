import { z } from "zod";
import { appRouter } from "@/server/api/root";
import { SetStateInput } from "@/server/api/routers/bots/schemas";
import { DbId } from "@/server/api/schemas";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { defineEndpoint, type Endpoint } from "@/server/http/api-auth";
import { requireOwnBot } from "@/server/services/bots/bots";
import { exportRecordChain } from "@/server/services/records/chain";

/**
 * Every /api/v1 JSON endpoint, defined once: the route files serve these and /api/v1/openapi.json documents them.
 * Inputs and outputs are the tRPC procedures' own zod schemas; a query string is first turned into the types
 * those schemas expect (numbers, booleans), then validated by them.
 */
type ProcedureDef = { inputs: z.ZodType[]; output?: z.ZodType };
function procedure(path: string): ProcedureDef {
  const p = (appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef } | undefined>)[path];
  if (!p) throw new Error(`no tRPC procedure ${path}`);
  return p._def;
}
const inputOf = (path: string): z.ZodType => procedure(path).inputs[0] ?? z.undefined();
const outputOf = (path: string): z.ZodType | undefined => procedure(path).output;

/** Query-string values (always text) as the numbers and booleans the tRPC input expects, then that input. */
function fromQuery(path: string, numbers: string[] = [], booleans: string[] = []): z.ZodType {
  return z.preprocess((raw) => {
    const q = { ...(raw as Record<string, string>) };
    const out: Record<string, unknown> = { ...q };
    for (const k of numbers) if (q[k] !== undefined) out[k] = /^-?\d+(\.\d+)?$/.test(q[k]) ? Number(q[k]) : q[k];
    for (const k of booleans) if (q[k] !== undefined) out[k] = q[k] === "true" ? true : q[k] === "false" ? false : q[k];
    return out;
  }, inputOf(path));
}

/** A path id: digits only, then the same DbId the procedures use. */
export const IdParams = z.object({ id: z.string().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(DbId) });
type Id = z.output<typeof IdParams>;

export const RecordExport = z.object({
  bot: z.string(),
  entries: z.array(z.object({ seq: z.number(), prevHash: z.string(), hash: z.string(), payload: z.record(z.string(), z.unknown()) })),
});

export const endpoints = {
  gamesList: defineEndpoint<undefined, Parameters<ReturnType<typeof appRouter.createCaller>["games"]["list"]>[0]>({
    method: "GET",
    path: "/games",
    scope: "read",
    summary: "Games with their latest odds, newest first (cursor paging).",
    query: fromQuery("games.list", ["teamId", "cursor", "limit"]) as never,
    response: outputOf("games.list"),
    run: ({ caller, query }) => caller.games.list(query),
  }),
  game: defineEndpoint<Id>({
    method: "GET",
    path: "/games/{id}",
    scope: "read",
    summary: "One game with its odds by market and bookmaker.",
    params: IdParams,
    response: outputOf("games.byId"),
    run: ({ caller, params }) => caller.games.byId({ id: params.id }),
  }),
  gamePredictions: defineEndpoint<Id>({
    method: "GET",
    path: "/games/{id}/predictions",
    scope: "read",
    summary: "Your models' predictions for one game.",
    params: IdParams,
    response: outputOf("models.forGame"),
    run: ({ caller, params }) => caller.models.forGame({ gameId: params.id }),
  }),
  gameFollow: defineEndpoint<Id>({
    method: "GET",
    path: "/games/{id}/follow",
    scope: "read",
    summary: "Whether you follow one game (steam alerts can watch the games you follow).",
    params: IdParams,
    response: outputOf("games.following"),
    run: ({ caller, params }) => caller.games.following({ gameId: params.id }),
  }),
  strategies: defineEndpoint<undefined, { archived?: boolean }>({
    method: "GET",
    path: "/strategies",
    scope: "read",
    summary: "Your strategies (archived=true for the archived ones).",
    query: fromQuery("strategies.list", [], ["archived"]) as never,
    response: outputOf("strategies.list"),
    run: ({ caller, query }) => caller.strategies.list(query),
  }),
  strategy: defineEndpoint<Id>({
    method: "GET",
    path: "/strategies/{id}",
    scope: "read",
    summary: "One of your strategies with its definition, versions and backtests.",
    params: IdParams,
    response: outputOf("strategies.get"),
    run: ({ caller, params }) => caller.strategies.get({ id: params.id }),
  }),
  backtest: defineEndpoint<Id>({
    method: "GET",
    path: "/backtests/{id}",
    scope: "read",
    summary: "One of your backtests with its report.",
    params: IdParams,
    response: outputOf("strategies.backtest"),
    run: ({ caller, params }) => caller.strategies.backtest({ id: params.id }),
  }),
  bots: defineEndpoint({
    method: "GET",
    path: "/bots",
    scope: "read",
    summary: "Your bots.",
    response: outputOf("bots.list"),
    run: ({ caller }) => caller.bots.list(),
  }),
  bot: defineEndpoint<Id>({
    method: "GET",
    path: "/bots/{id}",
    scope: "read",
    summary: "One of your bots with its dashboard figures and recent runs.",
    params: IdParams,
    response: outputOf("bots.get"),
    run: ({ caller, params }) => caller.bots.get({ id: params.id }),
  }),
  botRecord: defineEndpoint<Id>({
    method: "GET",
    path: "/bots/{id}/record",
    scope: "read",
    summary: "One of your bots' hash-chained record (the public export format), public or not.",
    params: IdParams,
    response: RecordExport,
    run: async ({ principal, params }) => {
      const bot = await requireOwnBot(db, principal.userId, params.id);
      const chain = await db.recordChain.findUnique({ where: { id: bot.recordChainId }, select: { slug: true } });
      const record = chain ? await exportRecordChain(db, chain.slug) : null;
      if (!record) throw new AppError("NOT_FOUND", "No such bot.");
      return record;
    },
  }),
  botState: defineEndpoint<Id, undefined, { version: number; state: "ACTIVE" | "PAUSED" | "STOPPED" }>({
    method: "POST",
    path: "/bots/{id}/state",
    scope: "bots:write",
    summary: "Activates, pauses or stops one of your bots (version: the bot's current version, for concurrent edits).",
    params: IdParams,
    body: SetStateInput.omit({ id: true }),
    response: outputOf("bots.setState"),
    run: ({ caller, params, body }) => caller.bots.setState({ ...body, id: params.id }),
  }),
  bets: defineEndpoint<undefined, Parameters<ReturnType<typeof appRouter.createCaller>["bets"]["list"]>[0]>({
    method: "GET",
    path: "/bets",
    scope: "read",
    summary: "Your bets, newest first (cursor paging), filtered by bankroll, status, market, league and time.",
    query: fromQuery("bets.list", ["bankrollId", "cursor", "limit"]) as never,
    response: outputOf("bets.list"),
    run: ({ caller, query }) => caller.bets.list(query),
  }),
  placeBet: defineEndpoint<undefined, undefined, Parameters<ReturnType<typeof appRouter.createCaller>["bets"]["create"]>[0]>({
    method: "POST",
    path: "/bets",
    scope: "bets:write",
    summary: "Records a bet you placed (stake in integer cents, decimal price); settled when the game is final.",
    body: inputOf("bets.create") as never,
    response: outputOf("bets.create"),
    status: 201,
    run: ({ caller, body }) => caller.bets.create(body),
  }),
  bankrolls: defineEndpoint({
    method: "GET",
    path: "/bankrolls",
    scope: "read",
    summary: "Your bankrolls with their balances (integer cents).",
    response: outputOf("bankrolls.list"),
    run: ({ caller }) => caller.bankrolls.list(),
  }),
};

/** Every endpoint, for the OpenAPI document and the reference page. */
export const ENDPOINT_LIST: readonly Endpoint<never, never, never>[] = Object.values(endpoints) as unknown as Endpoint<never, never, never>[];
