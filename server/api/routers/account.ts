import { z } from "zod";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { requireSecretBox, secretBoxFromEnv } from "@/server/services/crypto/secret-box";
import { beginTwoFactorSetup, disableTwoFactor, enableTwoFactor, twoFactorStatus } from "@/server/services/accounts/two-factor";
import { deleteAccount, exportAccountCsv, exportAccountJson } from "@/server/services/accounts/delete-account";
import { listSessions, signOutAllSessions, signOutSession } from "@/server/services/accounts/sessions";
import { linkMailFromEnv } from "@/server/services/accounts/deps";
import { requestPasswordReset, resetPassword, sendEmailVerification, verifyEmail } from "@/server/services/accounts/email-tokens";
import { protectedProcedure, publicProcedure, router } from "../trpc";
import { SignUpInput } from "./auth";

const box = () => requireSecretBox(secretBoxFromEnv(env()), "Two-factor authentication");
const Token = z.string().trim().min(1, "the link is incomplete").max(100);
const Code = z.string().trim().min(6, "enter the 6-digit code").max(32);

export const accountRouter = router({
  /** Same answer whether or not the address has an account. */
  requestPasswordReset: publicProcedure
    .input(z.object({ email: SignUpInput.shape.email }).strict())
    .mutation(async ({ ctx, input }) => ({ message: await requestPasswordReset(ctx.db, linkMailFromEnv(ctx.pool), input.email, new Date(), { awaitDelivery: false }) })),

  resetPassword: publicProcedure
    .input(z.object({ token: Token, password: SignUpInput.shape.password }).strict())
    .mutation(async ({ ctx, input }) => {
      await resetPassword(ctx.db, input.token, input.password);
      return { ok: true as const };
    }),

  verifyEmail: publicProcedure.input(z.object({ token: Token }).strict()).mutation(async ({ ctx, input }) => {
    await verifyEmail(ctx.db, input.token);
    return { ok: true as const };
  }),

  sendEmailVerification: protectedProcedure.mutation(async ({ ctx }) => {
    await sendEmailVerification(ctx.db, linkMailFromEnv(ctx.pool), ctx.user.id);
    return { ok: true as const };
  }),

  emailStatus: protectedProcedure.query(async ({ ctx }) => {
    const user = await ctx.db.user.findUnique({ where: { id: ctx.user.id }, select: { email: true, emailVerifiedAt: true } });
    if (!user) throw new AppError("NOT_FOUND", "Your account could not be found.");
    return user;
  }),

  /** The user's data to keep before deleting the account: everything as JSON, or the bets as CSV. */
  exportData: protectedProcedure
    .input(z.object({ format: z.enum(["json", "csv"], { error: "pick json or csv" }) }).strict())
    .query(async ({ ctx, input }) =>
      input.format === "json"
        ? { filename: "linesmith-account.json", mime: "application/json", content: await exportAccountJson(ctx.db, ctx.user.id) }
        : { filename: "linesmith-bets.csv", mime: "text/csv", content: await exportAccountCsv(ctx.db, ctx.user.id) },
    ),

  deleteAccount: protectedProcedure
    .input(z.object({ email: z.string().trim().max(254), password: z.string().max(256).optional() }).strict())
    .mutation(async ({ ctx, input }) => {
      await deleteAccount(ctx.db, ctx.user.id, input);
      return { ok: true as const };
    }),

  sessions: router({
    list: protectedProcedure.query(({ ctx }) => listSessions(ctx.db, ctx.user.id, ctx.session?.sid ?? null)),
    signOut: protectedProcedure
      .input(z.object({ id: z.string().trim().min(1).max(100) }).strict())
      .mutation(async ({ ctx, input }) => {
        await signOutSession(ctx.db, ctx.user.id, input.id);
        return { ok: true as const };
      }),
    signOutAll: protectedProcedure.mutation(async ({ ctx }) => {
      await signOutAllSessions(ctx.db, ctx.user.id);
      return { ok: true as const };
    }),
  }),

  twoFactor: router({
    status: protectedProcedure.query(({ ctx }) => twoFactorStatus(ctx.db, ctx.user.id)),

    beginSetup: protectedProcedure.mutation(async ({ ctx }) => {
      const user = await ctx.db.user.findUnique({ where: { id: ctx.user.id }, select: { id: true, email: true } });
      if (!user) throw new AppError("NOT_FOUND", "Your account could not be found.");
      return beginTwoFactorSetup(ctx.db, box(), user);
    }),

    enable: protectedProcedure
      .input(z.object({ code: Code }).strict())
      .mutation(async ({ ctx, input }) => ({ recoveryCodes: await enableTwoFactor(ctx.db, box(), ctx.user.id, input.code) })),

    disable: protectedProcedure
      .input(z.object({ code: Code }).strict())
      .mutation(async ({ ctx, input }) => {
        await disableTwoFactor(ctx.db, box(), ctx.user.id, input.code);
        return { enabled: false };
      }),
  }),
});
