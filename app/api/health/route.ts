import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/**
 * GET /api/health: liveness. 200 whenever this process can answer HTTP; touches no database, so an orchestrator
 * restarts the process only when it is truly stuck (readiness is /api/health/ready).
 */
export function GET() {
  return NextResponse.json({ status: "ok", time: new Date().toISOString() }, { headers: { "cache-control": "no-store" } });
}
