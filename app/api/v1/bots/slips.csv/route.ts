import { NextResponse } from "next/server";
import { SlipRange } from "@/server/api/routers/bots/schemas";
import { getSession } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { AppError, HTTP_STATUS } from "@/server/errors";
import { apiKeyUserOrNull } from "@/server/http/api-auth";
import { listSlips, slipsCsv } from "@/server/services/bots/slips";

function fail(error: AppError) {
  return NextResponse.json({ error: { code: error.code, message: error.message } }, { status: HTTP_STATUS[error.code] });
}

/**
 * GET /api/v1/bots/slips.csv?from=<ISO>&to=<ISO>[&botId=<id>]: the signed-in user's slips proposed in the
 * range (at most 7 days), as CSV. Nothing here talks to a bookmaker. The user is the signed-in one, or the owner of
 * the API key (scope `read`) in the Authorization header.
 */
export async function GET(req: Request) {
  const byKey = await apiKeyUserOrNull(req, "read");
  if (byKey instanceof Response) return byKey;
  const userId = byKey?.userId ?? (await getSession())?.user?.id;
  if (!userId) return fail(new AppError("UNAUTHORIZED", "Sign in to export slips."));
  const params = new URL(req.url).searchParams;
  const parsed = SlipRange.safeParse({
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    botId: params.get("botId") === null ? undefined : Number(params.get("botId")),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(new AppError("BAD_REQUEST", `${issue.path.join(".") || "query"}: ${issue.message}`));
  }
  try {
    const csv = slipsCsv(await listSlips(db, userId, parsed.data));
    return new NextResponse(csv, {
      headers: {
        ...byKey?.headers,
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="slips-${parsed.data.from.toISOString().slice(0, 10)}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    throw error;
  }
}
