import { z } from "zod";
import { allowanceFor } from "@/server/services/billing/limits";
import { availableProviders } from "@/server/services/bots/providers";
import { botDashboard, listPicks } from "@/server/services/bots/dashboard";
import { createBot, listBots, moveBotPin, requireOwnBot, setBotPublic, setBotState, updateBot } from "@/server/services/bots/bots";
import { runBot } from "@/server/services/bots/run";
import { confirmSlip, dismissSlip, listSlips, slipsCsv, slipsText } from "@/server/services/bots/slips";
import { DbId } from "../../schemas";
import { protectedProcedure, rateLimited, router } from "../../trpc";
import { BotRef, ConfirmSlipInput, CreateBotInput, MovePinInput, SetStateInput, SlipRange, UpdateBotInput } from "./schemas";

const Changed = z.object({ id: z.number(), version: z.number() });

/** Bots: thin procedures over server/services/bots; every object is checked against the signed-in user there. */
export const botsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listBots(ctx.db, ctx.user.id)),
  // Probability sources a bot may use besides its strategy's own (Benny when an LLM is configured).
  providers: protectedProcedure.query(() => availableProviders()),

  get: protectedProcedure.input(BotRef).query(({ ctx, input }) => botDashboard(ctx.db, ctx.user.id, input.id)),

  /** The dashboard's figures (the same as `get`, named for the page that shows them). */
  dashboard: protectedProcedure.input(BotRef).query(({ ctx, input }) => botDashboard(ctx.db, ctx.user.id, input.id)),

  create: protectedProcedure
    .use(rateLimited("bots.create", 30, 60 * 60_000))
    .input(CreateBotInput)
    .output(z.object({ id: z.number(), slug: z.string(), version: z.number() }))
    .mutation(({ ctx, input }) => createBot(ctx.db, ctx.user.id, input)),

  update: protectedProcedure
    .input(UpdateBotInput)
    .output(Changed)
    .mutation(({ ctx, input }) => updateBot(ctx.db, ctx.user.id, input.id, input.version, input.changes)),

  setState: protectedProcedure
    .input(SetStateInput)
    .output(Changed)
    .mutation(async ({ ctx, input }) =>
      setBotState(ctx.db, ctx.user.id, input.id, input.version, input.state, input.state === "ACTIVE" ? await allowanceFor(ctx.pool, ctx.user.id, "activeBots") : undefined),
    ),

  movePin: protectedProcedure
    .input(MovePinInput)
    .output(Changed)
    .mutation(({ ctx, input }) => moveBotPin(ctx.db, ctx.user.id, input.id, input.version, input.strategyVersionId)),

  setPublic: protectedProcedure
    .input(z.object({ id: DbId, isPublic: z.boolean() }))
    .output(z.object({ slug: z.string(), isPublic: z.boolean() }))
    .mutation(({ ctx, input }) => setBotPublic(ctx.db, ctx.user.id, input.id, input.isPublic)),

  /** Runs the bot once now (a paused or draft bot records what it would have done, and why it did not). */
  runNow: protectedProcedure
    .use(rateLimited("bots.runNow", 60, 60 * 60_000))
    .input(BotRef)
    .mutation(async ({ ctx, input }) => {
      await requireOwnBot(ctx.db, ctx.user.id, input.id);
      return runBot({ db: ctx.db, pool: ctx.pool }, input.id, new Date(), "manual");
    }),

  runs: protectedProcedure.input(BotRef).query(async ({ ctx, input }) => (await botDashboard(ctx.db, ctx.user.id, input.id)).runs),

  decisions: protectedProcedure
    .input(z.object({ id: DbId, runId: DbId }))
    .query(async ({ ctx, input }) => {
      await requireOwnBot(ctx.db, ctx.user.id, input.id);
      const rows = await ctx.db.botDecision.findMany({ where: { botId: input.id, runId: input.runId }, orderBy: { id: "asc" }, take: 2000 });
      return rows.map((d) => ({ ...d, id: Number(d.id), line: d.line === null ? null : Number(d.line), price: Number(d.price), stakeCents: Number(d.stakeCents) }));
    }),

  picks: protectedProcedure
    .input(z.object({ id: DbId, cursor: DbId.optional(), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listPicks(ctx.db, ctx.user.id, input.id, input)),

  slips: protectedProcedure.input(SlipRange).query(({ ctx, input }) => listSlips(ctx.db, ctx.user.id, input)),

  /** The range's slips as CSV and as clipboard text (also at GET /api/v1/bots/slips.csv). */
  exportSlipsCsv: protectedProcedure
    .input(SlipRange)
    .output(z.object({ csv: z.string(), text: z.string(), fileName: z.string() }))
    .query(async ({ ctx, input }) => {
      const slips = await listSlips(ctx.db, ctx.user.id, input);
      return { csv: slipsCsv(slips), text: slipsText(slips), fileName: `slips-${input.from.toISOString().slice(0, 10)}.csv` };
    }),

  confirmSlip: protectedProcedure
    .input(ConfirmSlipInput)
    .output(z.object({ slipId: z.number(), betId: z.number(), duplicate: z.boolean() }))
    .mutation(({ ctx, input }) => confirmSlip(ctx.db, ctx.pool, ctx.user.id, input)),

  dismissSlip: protectedProcedure
    .input(z.object({ slipId: DbId }))
    .output(z.object({ slipId: z.number(), status: z.literal("DISMISSED") }))
    .mutation(({ ctx, input }) => dismissSlip(ctx.db, ctx.user.id, input.slipId)),
});
