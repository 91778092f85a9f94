import { NextResponse } from "next/server";
import { bulkPool } from "@/server/db/client";
import { env } from "@/server/env";
import { bearerTokenMatches } from "@/server/http/bearer-token";
import { renderMetrics } from "@/server/services/metrics/database-gauges";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function refuse(status: 401 | 404, code: string, message: string): Response {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (status === 401) headers["WWW-Authenticate"] = 'Bearer realm="linesmith-metrics"';
  return NextResponse.json({ error: { code, message } }, { status, headers });
}

/**
 * GET /api/metrics: Prometheus text format, for a scraper holding METRICS_TOKEN (`Authorization: Bearer <token>`).
 * Off (404) while METRICS_TOKEN is unset; 401 for a missing or wrong token.
 */
export async function GET(req: Request): Promise<Response> {
  const token = env().METRICS_TOKEN;
  if (!token)
    return refuse(404, "NOT_FOUND", "Metrics are off: set METRICS_TOKEN (16 or more characters) to turn them on.");
  if (!bearerTokenMatches(req.headers.get("authorization"), token))
    return refuse(401, "UNAUTHORIZED", "Send the metrics token in the Authorization header: Bearer <METRICS_TOKEN>.");
  const { contentType, body } = await renderMetrics(bulkPool);
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
