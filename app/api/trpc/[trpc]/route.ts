import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { NextResponse } from "next/server";
import { batchCallCount, TRPC_MAX_BATCH } from "@/server/api/batch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";

const ENDPOINT = "/api/trpc";

function handler(req: Request) {
  // Refused before anything runs: one request must not make the server execute hundreds of procedures.
  if (batchCallCount(new URL(req.url), ENDPOINT) > TRPC_MAX_BATCH) {
    return NextResponse.json(
      { error: { code: "BAD_REQUEST", message: `Send at most ${TRPC_MAX_BATCH} calls in one request.` } },
      { status: 400 },
    );
  }
  return fetchRequestHandler({ endpoint: ENDPOINT, req, router: appRouter, createContext });
}

export { handler as GET, handler as POST };
