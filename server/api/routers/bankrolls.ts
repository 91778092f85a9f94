import { z } from "zod";
import { createBankroll, getBankroll, listBankrolls, moveMoney } from "@/server/services/bets/bankrolls";
import { DbId, MoneyMoveCents, safeText } from "../schemas";
import { protectedProcedure, router } from "../trpc";

const TrackRecord = z.object({
  settledBets: z.number(),
  stakedCents: z.number(),
  profitCents: z.number(),
  yield: z.number().nullable(),
  roi: z.number().nullable(),
  winRate: z.number().nullable(),
});
const Summary = TrackRecord.extend({
  balanceCents: z.number(),
  peakBalanceCents: z.number(),
  lowBalanceCents: z.number(),
  depositedCents: z.number(),
  withdrawnCents: z.number(),
  openStakeCents: z.number(),
  openBets: z.number(),
  maxDrawdownCents: z.number(),
  maxDrawdownShare: z.number().nullable(),
  lateEntries: z.number(),
  verified: TrackRecord.extend({ clvBets: z.number(), meanClv: z.number().nullable() }),
});
const BankrollHead = z.object({ id: z.number(), name: z.string(), currency: z.string(), kind: z.enum(["MANUAL", "BOT"]) });

export const bankrollsRouter = router({
  list: protectedProcedure.output(z.array(BankrollHead.extend({ summary: Summary }))).query(({ ctx }) => listBankrolls(ctx.db, ctx.user.id)),

  get: protectedProcedure
    .input(z.object({ id: DbId }))
    .output(
      BankrollHead.extend({
        summary: Summary.extend({ curve: z.array(z.object({ at: z.date(), balanceCents: z.number(), profitCents: z.number() })) }),
        recentEntries: z.array(z.object({ id: z.number(), kind: z.string(), amountCents: z.number(), betId: z.number().nullable(), occurredAt: z.date(), note: z.string().nullable() })),
      }),
    )
    .query(({ ctx, input }) => getBankroll(ctx.db, ctx.user.id, input.id)),

  create: protectedProcedure
    .input(
      z.object({
        name: safeText(60).pipe(z.string().min(1, "name the bankroll")),
        currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "currency is a three-letter code such as USD").default("USD"),
        initialDepositCents: MoneyMoveCents.or(z.literal(0)).default(0),
      }),
    )
    .output(z.object({ id: z.number() }))
    .mutation(async ({ ctx, input }) => ({ id: (await createBankroll(ctx.db, ctx.user.id, input)).id })),

  move: protectedProcedure
    .input(
      z.object({
        bankrollId: DbId,
        kind: z.enum(["DEPOSIT", "WITHDRAWAL"]),
        amountCents: MoneyMoveCents,
        requestId: z.string().trim().min(8).max(64).regex(/^[A-Za-z0-9-]+$/, "is not a request id"),
        note: safeText(200).optional(),
      }),
    )
    .output(z.object({ entryId: z.number(), duplicate: z.boolean() }))
    .mutation(({ ctx, input }) => moveMoney(ctx.db, ctx.user.id, input)),
});
