import { NextResponse } from "next/server";
import { idFromParam } from "@/server/api/schemas";
import { getSession } from "@/server/auth/session";
import { bulkPool } from "@/server/db/client";
import { AppError, HTTP_STATUS } from "@/server/errors";
import { apiKeyUserOrNull } from "@/server/http/api-auth";
import { backtestBetsCsv } from "@/server/services/backtests/export";

function fail(error: AppError) {
  return NextResponse.json(
    { error: { code: error.code, message: error.message } },
    { status: HTTP_STATUS[error.code] },
  );
}

/**
 * GET /api/v1/backtests/{id}/bets.csv: every bet of one of the user's finished backtests. The user is the signed-in
 * one, or the owner of the API key (scope `read`) in the Authorization header.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const byKey = await apiKeyUserOrNull(req, "read");
  if (byKey instanceof Response) return byKey;
  const userId = byKey?.userId ?? (await getSession())?.user?.id;
  if (!userId) return fail(new AppError("UNAUTHORIZED", "Sign in to export a backtest."));
  const id = idFromParam((await params).id);
  if (id === null) return fail(new AppError("NOT_FOUND", "No such backtest."));
  try {
    const { csv, fileName } = await backtestBetsCsv(bulkPool, userId, id);
    return new NextResponse(csv, {
      headers: {
        ...byKey?.headers,
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    throw error;
  }
}
