import { NextResponse } from "next/server";
import { db } from "@/server/db/client";
import { AppError, HTTP_STATUS } from "@/server/errors";
import { clientAddressOf } from "@/server/http/client-address";
import { enforceRateLimit } from "@/server/services/rate-limits/rate-limits";
import { exportRecordChain, RECORD_SLUG } from "@/server/services/records/chain";

export const dynamic = "force-dynamic";

function fail(error: AppError) {
  return NextResponse.json({ error: { code: error.code, message: error.message } }, { status: HTTP_STATUS[error.code], headers: { "cache-control": "no-store" } });
}

/**
 * GET /api/public/records/{slug}: a public track record's whole hash chain as JSON, `{"bot", "entries"}` (format
 * in the README), for anyone's verifier. No sign-in. A private or unknown chain is the same 404, so the API
 * does not confirm that a private record exists. Cached briefly: a chain only grows, and a client that needs
 * the newest head asks again a minute later.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const notFound = new AppError("NOT_FOUND", `There is no public track record "${slug.slice(0, 80)}".`);
  if (!RECORD_SLUG.test(slug)) return fail(notFound);
  try {
    await enforceRateLimit(db, { key: `records.public:ip:${clientAddressOf(req.headers.get("x-forwarded-for"))}`, limit: 120, windowMs: 60_000 });
  } catch (error) {
    if (error instanceof AppError) return fail(error);
    throw error;
  }
  const exported = await exportRecordChain(db, slug, { requirePublic: true });
  if (!exported) return fail(notFound);
  return NextResponse.json(exported, {
    headers: {
      "cache-control": "public, max-age=60",
      "content-disposition": `inline; filename="${exported.bot}.record.json"`,
    },
  });
}
