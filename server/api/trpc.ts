import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { db } from "@/server/db/client";
import { getSession } from "@/server/auth/session";
import { AppError } from "@/server/errors";
// Loads the boundary schemas first: they set zod's plain-words messages for every router.
import "./schemas";

export async function createContext() {
  return { db, session: await getSession() };
}
export type Context = Awaited<ReturnType<typeof createContext>>;

function readableZodMessage(error: ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // The one place application errors become tRPC/HTTP errors; causes are logged, never sent.
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: zod ? readableZodMessage(zod) : shape.message,
      data: { ...shape.data, stack: undefined, fieldErrors: zod ? zod.flatten().fieldErrors : undefined },
    };
  },
});

const appErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof ZodError) {
      result.error = new TRPCError({ code: "BAD_REQUEST", message: readableZodMessage(cause), cause });
    } else if (cause instanceof AppError) {
      result.error = new TRPCError({ code: cause.code, message: cause.message, cause });
    } else if (result.error.code === "INTERNAL_SERVER_ERROR") {
      console.error(`[trpc] ${path} failed:`, cause ?? result.error);
      result.error = new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side." });
    }
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(appErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session?.user?.id) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, user: ctx.session.user } });
});

/** Checks the role in the database, not only in the token, so a demoted admin loses access at once. */
export const adminProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const user = await ctx.db.user.findUnique({ where: { id: ctx.user.id }, select: { role: true } });
  if (user?.role !== "ADMIN") throw new TRPCError({ code: "FORBIDDEN", message: "Only administrators can do this." });
  return next();
});
