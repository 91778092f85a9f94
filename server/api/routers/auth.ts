import { z } from "zod";
import { env } from "@/server/env";
import { findAccount } from "@/server/services/auth/accounts";
import { endAllSessions } from "@/server/services/auth/sessions";
import { signUp } from "@/server/services/auth/sign-up";
import { protectedProcedure, publicProcedure, router } from "../trpc";

export const SignUpInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(254),
  password: z.string().min(10, "Use at least 10 characters").max(256, "Use at most 256 characters"),
  name: z.string().trim().max(80).optional(),
});

const Role = z.enum(["USER", "ADMIN"]);

export const authRouter = router({
  signUp: publicProcedure
    .input(SignUpInput)
    .output(z.object({ id: z.string(), email: z.string(), role: Role }))
    .mutation(async ({ ctx, input }) => {
      const { ADMIN_EMAIL, SIGN_UPS_PER_HOUR } = env();
      const client = { address: ctx.clientAddress ?? "unknown", signUpsPerHour: SIGN_UPS_PER_HOUR };
      const user = await signUp(ctx.db, input, { adminEmail: ADMIN_EMAIL, client });
      return { id: user.id, email: user.email, role: user.role };
    }),
  me: publicProcedure
    .output(z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), role: Role }).nullable())
    .query(({ ctx }) => (ctx.session?.user?.id ? findAccount(ctx.db, ctx.session.user.id) : null)),
  /** Ends every session of the caller, on every device, this one included. */
  signOutEverywhere: protectedProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    await endAllSessions(ctx.db, ctx.user.id);
    return { ok: true as const };
  }),
});
