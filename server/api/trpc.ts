import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { bulkPool, db } from "@/server/db/client";
import { getSession } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { clientAddressOf } from "@/server/http/client-address";
import { PlanLimitError } from "@/server/services/billing/limits";
import { enforceRateLimit } from "@/server/services/rate-limits/rate-limits";
// Loads the boundary schemas first: they set zod's plain-words messages for every router.
import "./schemas";
import { log } from "@/server/log";

const logger = log.child({ module: "trpc" });

/** Prisma for ordinary reads and writes, the `pg` pool for set-based SQL and row locks. */
export interface Context {
  db: typeof db;
  pool: typeof bulkPool;
  session: Awaited<ReturnType<typeof getSession>>;
  /** Resolved by our HTTP server (see server/http/client-address.ts); absent for in-process callers. */
  clientAddress?: string;
}

export async function createContext(opts?: { req: Request }): Promise<Context> {
  return { db, pool: bulkPool, session: await getSession(), clientAddress: clientAddressOf(opts?.req.headers.get("x-forwarded-for")) };
}

function readableZodMessage(error: ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // The one place application errors become tRPC/HTTP errors; causes are logged, never sent.
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    const field = error.cause instanceof AppError ? error.cause.field : undefined;
    // A plan limit tells the page which limit and which plan lifts it, so it can offer the upgrade.
    const planLimit =
      error.cause instanceof PlanLimitError
        ? { limit: error.cause.limit, plan: error.cause.plan, upgradeTo: error.cause.upgradeTo }
        : undefined;
    return {
      ...shape,
      message: zod ? readableZodMessage(zod) : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        fieldErrors: zod ? zod.flatten().fieldErrors : field ? { [field]: [shape.message] } : undefined,
        planLimit,
      },
    };
  },
});

/**
 * The one middleware that turns application errors into tRPC errors. A PlanLimitError is an AppError with code
 * PAYMENT_REQUIRED (HTTP 402), so plan limits thrown anywhere below a procedure arrive here as PAYMENT_REQUIRED
 * with the message that names the limit and the plan that lifts it.
 */
const appErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof ZodError) {
      result.error = new TRPCError({ code: "BAD_REQUEST", message: readableZodMessage(cause), cause });
    } else if (cause instanceof AppError) {
      result.error = new TRPCError({ code: cause.code, message: cause.message, cause });
    } else if (result.error.code === "INTERNAL_SERVER_ERROR") {
      logger.error({ err: cause ?? result.error }, `[trpc] ${path} failed:`);
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
  if (ctx.session.twoFactorPending) throw new TRPCError({ code: "UNAUTHORIZED", message: "Enter your two-factor code to finish signing in." });
  return next({ ctx: { ...ctx, user: ctx.session.user } });
});

/**
 * Limits how often one user may call an expensive procedure: `limit` calls per `windowMs`, counted in
 * PostgreSQL so every server process shares the count. Past it: TOO_MANY_REQUESTS, "try again in N seconds".
 */
export function rateLimited(name: string, limit: number, windowMs: number) {
  return t.middleware(async ({ ctx, next }) => {
    const userId = ctx.session?.user?.id;
    if (!userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
    await enforceRateLimit(ctx.db, { key: `${name}:user:${userId}`, limit, windowMs });
    return next();
  });
}

/** Checks the role in the database, not only in the token, so a demoted admin loses access at once. */
export const adminProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const user = await ctx.db.user.findUnique({ where: { id: ctx.user.id }, select: { role: true } });
  if (user?.role !== "ADMIN") throw new TRPCError({ code: "FORBIDDEN", message: "Only administrators can do this." });
  return next();
});
