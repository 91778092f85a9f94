import { z } from "zod";
import { env } from "@/server/env";
import { signUp } from "@/server/services/auth/sign-up";
import { publicProcedure, router } from "../trpc";

export const SignUpInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(254),
  password: z.string().min(10, "Use at least 10 characters").max(256, "Use at most 256 characters"),
  name: z.string().trim().max(80).optional(),
});

export const authRouter = router({
  signUp: publicProcedure
    .input(SignUpInput)
    .output(z.object({ id: z.string(), email: z.string(), role: z.enum(["USER", "ADMIN"]) }))
    .mutation(async ({ ctx, input }) => {
      const user = await signUp(ctx.db, input, env().ADMIN_EMAIL);
      return { id: user.id, email: user.email, role: user.role };
    }),
  me: publicProcedure
    .output(z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), role: z.enum(["USER", "ADMIN"]) }).nullable())
    .query(async ({ ctx }) => {
      if (!ctx.session?.user?.id) return null;
      return ctx.db.user.findUnique({ where: { id: ctx.session.user.id }, select: { id: true, email: true, name: true, role: true } });
    }),
});
