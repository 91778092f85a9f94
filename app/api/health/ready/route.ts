import { NextResponse } from "next/server";
import { bulkPool } from "@/server/db/client";
import { env } from "@/server/env";
import { checkReadiness } from "@/server/services/health/readiness";

export const dynamic = "force-dynamic";

/**
 * GET /api/health/ready: readiness. 200 with `{"status":"ready","checks":{...}}` when the database answers and
 * the job runner recorded a run within HEALTH_JOB_MAX_AGE_SECONDS; else 503 with `"status":"not ready"` and the
 * same checks. Collectors' circuits are listed for operators but do not decide readiness.
 */
export async function GET() {
  const result = await checkReadiness(bulkPool, { maxJobAgeSeconds: env().HEALTH_JOB_MAX_AGE_SECONDS });
  return NextResponse.json(
    { status: result.ready ? "ready" : "not ready", checks: result.checks },
    { status: result.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
