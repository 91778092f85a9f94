import { z } from "zod";
import { betBreakdown } from "@/server/services/bets/breakdowns";
import { editBet, getBet, listBets, placeBet, voidBet } from "@/server/services/bets/bets";
import { exportBetsCsv, importBetsCsv } from "@/server/services/bets/csv-transfer";
import { MAX_CSV_CHARS } from "@/server/domain/bets/limits";
import { readBetCsv } from "../bet-csv";
import { BetFields, MarketSchema as Market, SelectionSchema as Selection, BetLine, BetNote, BookmakerKey, DbId as Id, PlacedAt, Price, safeText, StakeCents, UtcTime, Version } from "../schemas";
import { protectedProcedure, rateLimited, router } from "../trpc";


const Filters = z.object({
  bankrollId: Id.optional(),
  status: z.enum(["OPEN", "SETTLED", "VOID"]).optional(),
  market: Market.optional(),
  league: safeText(64).optional(),
  from: UtcTime.optional(),
  to: UtcTime.optional(),
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
  lateEntry: z.boolean(),
  status: z.enum(["OPEN", "SETTLED", "VOID"]),
  outcome: z.enum(["WIN", "HALF_WIN", "PUSH", "HALF_LOSS", "LOSS"]).nullable(),
  profitCents: z.number().nullable(),
  settledAt: z.date().nullable(),
  settlementError: z.string().nullable(),
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
const ClvSummary = z.object({ bets: z.number(), mean: z.number().nullable(), beatClose: z.number().nullable(), histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })) });
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
      BetFields.extend({
        bankrollId: Id,
        market: Market,
        selection: Selection,
        line: BetFields.shape.line.default(null),
        bookmakerKey: BetFields.shape.bookmakerKey.default(null),
        note: BetFields.shape.note.default(null),
        externalRef: BetFields.shape.externalRef.default(null),
      }),
    )
    .output(z.object({ id: z.number(), status: z.enum(["OPEN", "SETTLED", "VOID"]), lateEntry: z.boolean() }))
    .mutation(({ ctx, input }) => placeBet(ctx.db, ctx.pool, ctx.user.id, input)),

  edit: protectedProcedure
    .input(
      z.object({
        id: Id,
        version: Version,
        changes: z.object({ market: Market, selection: Selection, line: BetLine, bookmakerKey: BookmakerKey, price: Price, stakeCents: StakeCents, placedAt: PlacedAt, note: BetNote }).partial(),
      }),
    )
    .output(z.object({ id: z.number(), version: z.number() }))
    .mutation(({ ctx, input }) => editBet(ctx.db, ctx.user.id, input.id, input.version, input.changes)),

  void: protectedProcedure
    .input(z.object({ id: Id, reason: safeText(200).pipe(z.string().min(1, "say why the bet is void")) }))
    .output(z.object({ id: z.number() }))
    .mutation(({ ctx, input }) => voidBet(ctx.db, ctx.user.id, input.id, input.reason)),

  breakdown: protectedProcedure
    .input(z.object({ bankrollId: Id.optional() }))
    .output(
      z.object({
        byLeague: z.array(Row),
        byMarket: z.array(Row),
        byMonth: z.array(Row),
        clv: ClvSummary,
        verifiedClv: ClvSummary,
      }),
    )
    .query(({ ctx, input }) => betBreakdown(ctx.db, ctx.user.id, input.bankrollId)),

  exportCsv: protectedProcedure.input(Filters).output(z.object({ csv: z.string() })).query(async ({ ctx, input }) => ({ csv: await exportBetsCsv(ctx.db, ctx.user.id, input) })),

  importCsv: protectedProcedure
    .use(rateLimited("bets.importCsv", 10, 10 * 60_000))
    .input(z.object({ bankrollId: Id, csv: z.string().min(1, "the file is empty").max(MAX_CSV_CHARS, "bet files are limited to 2 MB") }))
    .output(z.object({ imported: z.number(), skippedAsDuplicates: z.number(), settled: z.number() }))
    .mutation(({ ctx, input }) => importBetsCsv(ctx.db, ctx.pool, ctx.user.id, input.bankrollId, readBetCsv(input.csv))),
});
