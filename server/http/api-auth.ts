import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { z, ZodError } from "zod";
import { createCaller } from "@/server/api/root";
import { bulkPool, db } from "@/server/db/client";
import { AppError, HTTP_STATUS, type AppErrorCode } from "@/server/errors";
import { authenticateApiKey, type ApiPrincipal, type ApiScope } from "@/server/services/api-keys/api-keys";
import { consumeApiRequest, type ApiRateDecision } from "@/server/services/api-keys/rate-limit";
import { limitsFor } from "@/server/services/billing/limits";
import { countApiRequest } from "@/server/services/metrics/registry";
import { log } from "@/server/log";
import { bearerToken } from "./bearer-token";

const logger = log.child({ module: "api" });

/**
 * The one way app/api/v1 route handlers authenticate and answer. A request carries `Authorization: Bearer lsk_...`;
 * the key gives the user and scopes (401 for a missing, wrong, revoked or expired key; 403 for a missing scope);
 * it is counted against the plan's rate limit (429 with Retry-After; X-RateLimit-* on every answer); params,
 * query and body are validated by zod (400 with the field and the reason). The work itself goes through the tRPC
 * procedures with a caller signed in as the key's owner, so REST and the app share services, input schemas and
 * ownership checks (another user's object is 404 there). Errors are JSON `{ "error": { "code", "message" } }`.
 */
export type ApiCaller = ReturnType<typeof createCaller>;

export interface ApiContext<P, Q, B> {
  principal: ApiPrincipal;
  caller: ApiCaller;
  params: P;
  query: Q;
  body: B;
}

export interface Endpoint<P = unknown, Q = unknown, B = unknown> {
  method: "GET" | "POST";
  /** OpenAPI path under /api/v1, e.g. `/games/{id}`. */
  path: string;
  scope: ApiScope;
  summary: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The answer's schema, for the OpenAPI document (usually the tRPC procedure's output). */
  response?: z.ZodType;
  status?: number;
  run(ctx: ApiContext<P, Q, B>): Promise<unknown>;
}

export function defineEndpoint<P = undefined, Q = undefined, B = undefined>(e: Endpoint<P, Q, B>): Endpoint<P, Q, B> {
  return e;
}

/** A JSON-safe copy: BigInt cents become numbers (strings past 2^53, which no real amount reaches). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v));
}

function rateHeaders(d: ApiRateDecision | null): Record<string, string> {
  if (!d) return {};
  const h: Record<string, string> = {
    "X-RateLimit-Limit": String(d.limit),
    "X-RateLimit-Remaining": String(d.remaining),
    "X-RateLimit-Reset": String(Math.ceil(d.resetAt.getTime() / 1000)),
  };
  if (!d.allowed) h["Retry-After"] = String(d.retryAfterSeconds);
  return h;
}

export function apiError(code: AppErrorCode, message: string, status = HTTP_STATUS[code], headers: Record<string, string> = {}): Response {
  const extra: Record<string, string> = status === 401 ? { "WWW-Authenticate": 'Bearer realm="linesmith"' } : {};
  return new Response(toJson({ error: { code, message } }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...extra, ...headers },
  });
}

function zodMessage(error: ZodError, where: string): string {
  return error.issues.map((i) => `${[where, ...i.path].join(".")}: ${i.message}`).join("; ");
}

function errorResponse(error: unknown, headers: Record<string, string>): Response {
  if (error instanceof AppError) return apiError(error.code, error.message, HTTP_STATUS[error.code], headers);
  if (error instanceof TRPCError) {
    if (error.cause instanceof ZodError) return apiError("BAD_REQUEST", zodMessage(error.cause, "input"), 400, headers);
    const status = getHTTPStatusCodeFromError(error);
    if (status >= 500) {
      logger.error({ err: error.cause ?? error }, "[api/v1] failed:");
      return apiError("INTERNAL_SERVER_ERROR", "Something went wrong on our side.", 500, headers);
    }
    return apiError(error.code as AppErrorCode, error.message, status, headers);
  }
  logger.error({ err: error }, "[api/v1] failed:");
  return apiError("INTERNAL_SERVER_ERROR", "Something went wrong on our side.", 500, headers);
}

// Bodies are small JSON objects (one bet); anything larger is refused before parsing.
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Authenticates and rate-limits one request. Returns the principal and the rate-limit headers, or the error
 * Response to send. Used by apiHandler and by the CSV routes that also accept a session.
 */
export async function authenticateApiRequest(req: Request, scope: ApiScope): Promise<{ principal: ApiPrincipal; headers: Record<string, string> } | Response> {
  const header = req.headers.get("authorization");
  if (!header) return apiError("UNAUTHORIZED", "Send an API key in the Authorization header: Bearer lsk_...");
  const secret = bearerToken(header);
  if (!secret) return apiError("UNAUTHORIZED", "The Authorization header must be: Bearer lsk_...");
  let principal: ApiPrincipal;
  try {
    principal = await authenticateApiKey(db, secret);
  } catch (error) {
    return errorResponse(error, {});
  }
  const { limits } = await limitsFor(bulkPool, principal.userId);
  const decision = await consumeApiRequest(bulkPool, principal, limits.apiRequestsPerMinute);
  const headers = rateHeaders(decision);
  if (decision && !decision.allowed)
    return apiError("TOO_MANY_REQUESTS", `Rate limit of ${decision.limit} requests per minute reached; retry in ${decision.retryAfterSeconds} s.`, 429, headers);
  if (!principal.scopes.includes(scope)) return apiError("FORBIDDEN", `This API key lacks the "${scope}" scope.`, 403, headers);
  return { principal, headers };
}

async function readBody(req: Request): Promise<unknown> {
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The body may be at most ${MAX_BODY_BYTES / 1024} KB.`);
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The body may be at most ${MAX_BODY_BYTES / 1024} KB.`);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", "The body must be JSON.");
  }
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError("BAD_REQUEST", zodMessage(r.error, where));
  return r.data;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** The Next.js route handler for an endpoint, counted in linesmith_api_requests_total by path template and status. */
export function apiHandler<P, Q, B>(endpoint: Endpoint<P, Q, B>) {
  const handle = answer(endpoint);
  return async (req: Request, route: RouteContext): Promise<Response> => {
    try {
      const response = await handle(req, route);
      countApiRequest(endpoint.path, endpoint.method, response.status);
      return response;
    } catch (error) {
      countApiRequest(endpoint.path, endpoint.method, 500);
      throw error;
    }
  };
}

function answer<P, Q, B>(endpoint: Endpoint<P, Q, B>) {
  return async (req: Request, route: RouteContext): Promise<Response> => {
    const auth = await authenticateApiRequest(req, endpoint.scope);
    if (auth instanceof Response) return auth;
    const { principal, headers } = auth;
    try {
      const params = parsePart(endpoint.params, await route.params, "params");
      const query = parsePart(endpoint.query, Object.fromEntries(new URL(req.url).searchParams), "query");
      const body = parsePart(endpoint.body, endpoint.body ? await readBody(req) : undefined, "body");
      const caller = createCaller({ db, pool: bulkPool, session: { user: { id: principal.userId, role: principal.role }, expires: new Date(Date.now() + 60_000).toISOString() } });
      const result = await endpoint.run({ principal, caller, params, query, body });
      return new Response(toJson(result), {
        status: endpoint.status ?? 200,
        headers: { "content-type": "application/json; charset=utf-8", "cache-control": "private, no-store", ...headers },
      });
    } catch (error) {
      return errorResponse(error, headers);
    }
  };
}

/**
 * For routes that also serve the signed-in browser (the CSV exports): with an Authorization header, the key's
 * user and rate-limit headers, or the error Response; without one, null (the route falls back to the session).
 */
export async function apiKeyUserOrNull(req: Request, scope: ApiScope): Promise<{ userId: string; headers: Record<string, string> } | Response | null> {
  if (!req.headers.get("authorization")) return null;
  const auth = await authenticateApiRequest(req, scope);
  if (auth instanceof Response) return auth;
  return { userId: auth.principal.userId, headers: auth.headers };
}
