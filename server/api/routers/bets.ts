import { z } from "zod";
import { betBreakdown } from "@/server/services/bets/breakdowns";
import { createBet, editBet, getBet, listBets, voidBet } from "@/server/services/bets/bets";
import { exportBetsCsv, importBetsCsv } from "@/server/services/bets/csv-transfer";
import { settleOpenBets } from "@/server/services/bets/settle";
import { bulkPool } from "@/server/db/client";
import { protectedProcedure, router } from "../trpc";

const Id = z.number().int().positive();
const Market = z.enum(["MONEYLINE", "ONE_X_TWO", "SPREAD", "TOTAL"]);
const Selection = z.enum(["HOME", "AWAY", "DRAW", "OVER", "UNDER"]);
const Price = z.number().gt(1, "decimal odds must be above 1").lt(1001, "decimal odds above 1000 are not accepted");
const Stake = z.number().int("stakes are whole cents").positive("stake must be above 0").max(100_000_000, "stake is too large");
const Line = z.number().min(-200).max(500).multipleOf(0.25, "lines move in quarter points").nullable();
const BookmakerKey = z.string().trim().min(1).max(64).regex(/^[a-z0-9-]+$/).nullable();
const Note = z.string().trim().max(500).nullable();

const Filters = z.object({
  bankrollId: Id.optional(),
  status: z.enum(["OPEN", "SETTLED", "VOID"]).optional(),
  market: Market.optional(),
  league: z.string().trim().max(64).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});

const BetView = z.object({
  id: z.number(),
  bankrollId: z.number(),
  gameId: z.number(),
  market: Market,
  selection: Selection,
  line: z.number().nullable(),
  price: z.number(),
  stakeCents: z.number(),
  placedAt: z.date(),
  status: z.enum(["OPEN", "SETTLED", "VOID"]),
  outcome: z.enum(["WIN", "HALF_WIN", "PUSH", "HALF_LOSS", "LOSS"]).nullable(),
  profitCents: z.number().nullable(),
  settledAt: z.date().nullable(),
  closingPrice: z.number().nullable(),
  closingFairProbability: z.number().nullable(),
  clv: z.number().nullable(),
  closingLine: z.number().nullable(),
  clvPoints: z.number().nullable(),
  clvBasis: z.string().nullable(),
  origin: z.enum(["MANUAL", "CSV", "BOT"]),
  externalRef: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
  bookmaker: z.object({ key: z.string(), name: z.string() }).nullable(),
  bankroll: z.object({ name: z.string(), currency: z.string() }),
  game: z.object({
    startsAt: z.date(),
    status: z.enum(["SCHEDULED", "FINAL", "POSTPONED", "CANCELLED"]),
    homeScore: z.number().nullable(),
    awayScore: z.number().nullable(),
    league: z.object({ key: z.string(), name: z.string(), sport: z.object({ key: z.string() }) }),
    homeTeam: z.object({ name: z.string() }),
    awayTeam: z.object({ name: z.string() }),
  }),
});
const Row = z.object({ key: z.string(), bets: z.number(), stakedCents: z.number(), profitCents: z.number(), yield: z.number() });

export const betsRouter = router({
  list: protectedProcedure
    .input(Filters.extend({ cursor: Id.optional(), limit: z.number().int().min(1).max(100).default(25) }))
    .output(z.object({ items: z.array(BetView), nextCursor: z.number().nullable() }))
    .query(({ ctx, input }) => listBets(ctx.db, ctx.user.id, input)),

  get: protectedProcedure
    .input(z.object({ id: Id }))
    .output(BetView.extend({ events: z.array(z.object({ action: z.string(), changes: z.unknown(), at: z.date(), byGrader: z.boolean() })) }))
    .query(({ ctx, input }) => getBet(ctx.db, ctx.user.id, input.id)),

  create: protectedProcedure
    .input(
      z.object({
        bankrollId: Id,
        gameId: Id,
        market: Market,
        selection: Selection,
        line: Line.default(null),
        bookmakerKey: BookmakerKey.default(null),
        price: Price,
        stakeCents: Stake,
        placedAt: z.date(),
        note: Note.default(null),
        externalRef: z.string().trim().min(1).max(100).nullable().default(null),
      }),
    )
    .output(z.object({ id: z.number(), status: z.enum(["OPEN", "SETTLED", "VOID"]) }))
    .mutation(async ({ ctx, input }) => {
      const id = await createBet(ctx.db, ctx.user.id, input);
      // A bet entered after the game ended is graded at once.
      await settleOpenBets(bulkPool, { gameIds: [input.gameId] });
      const { status } = await getBet(ctx.db, ctx.user.id, id);
      return { id, status };
    }),

  edit: protectedProcedure
    .input(
      z.object({
        id: Id,
        version: z.number().int().positive(),
        changes: z.object({ market: Market, selection: Selection, line: Line, bookmakerKey: BookmakerKey, price: Price, stakeCents: Stake, placedAt: z.date(), note: Note }).partial(),
      }),
    )
    .output(z.object({ id: z.number(), version: z.number() }))
    .mutation(({ ctx, input }) => editBet(ctx.db, ctx.user.id, input.id, input.version, input.changes)),

  void: protectedProcedure
    .input(z.object({ id: Id, reason: z.string().trim().min(1, "say why the bet is void").max(200) }))
    .output(z.object({ id: z.number() }))
    .mutation(({ ctx, input }) => voidBet(ctx.db, ctx.user.id, input.id, input.reason)),

  breakdown: protectedProcedure
    .input(z.object({ bankrollId: Id.optional() }))
    .output(
      z.object({
        byLeague: z.array(Row),
        byMarket: z.array(Row),
        byMonth: z.array(Row),
        clv: z.object({ bets: z.number(), mean: z.number().nullable(), beatClose: z.number().nullable(), histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })) }),
      }),
    )
    .query(({ ctx, input }) => betBreakdown(ctx.db, ctx.user.id, input.bankrollId)),

  exportCsv: protectedProcedure.input(Filters).output(z.object({ csv: z.string() })).query(async ({ ctx, input }) => ({ csv: await exportBetsCsv(ctx.db, ctx.user.id, input) })),

  importCsv: protectedProcedure
    .input(z.object({ bankrollId: Id, csv: z.string().min(1, "the file is empty").max(2_000_000, "bet files are limited to 2 MB") }))
    .output(z.object({ imported: z.number(), skippedAsDuplicates: z.number(), settled: z.number() }))
    .mutation(async ({ ctx, input }) => {
      const result = await importBetsCsv(ctx.db, ctx.user.id, input.bankrollId, input.csv);
      const settled = result.betIds.length ? await settleOpenBets(bulkPool, {}) : { settled: 0 };
      return { imported: result.imported, skippedAsDuplicates: result.skippedAsDuplicates, settled: settled.settled };
    }),
});
