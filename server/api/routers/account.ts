import { z } from "zod";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { requireSecretBox, secretBoxFromEnv } from "@/server/services/crypto/secret-box";
import { beginTwoFactorSetup, disableTwoFactor, enableTwoFactor, twoFactorStatus } from "@/server/services/accounts/two-factor";
import { protectedProcedure, router } from "../trpc";

const box = () => requireSecretBox(secretBoxFromEnv(env()), "Two-factor authentication");
const Code = z.string().trim().min(6, "enter the 6-digit code").max(32);

export const accountRouter = router({
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
