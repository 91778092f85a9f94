import { NextResponse } from "next/server";
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";
import { env } from "@/server/env";

// Inngest calls this endpoint to run functions (production, or `npx inngest-cli dev` on a normal machine).
// Without its keys the jobs run in-process (inngest/local-runner.ts) and nothing may be run from outside.
let handlers: ReturnType<typeof serve> | undefined;

type Handler = ReturnType<typeof serve>["GET"];

function route(method: "GET" | "POST" | "PUT"): Handler {
  return (req, ctx) => {
    if (!env().INNGEST_SIGNING_KEY) {
      return NextResponse.json(
        { error: { code: "NOT_FOUND", message: "Inngest is not configured on this server; background jobs run in-process." } },
        { status: 404 },
      ) as never;
    }
    handlers ??= serve({ client: inngest, functions });
    return handlers[method](req, ctx);
  };
}

export const GET = route("GET");
export const POST = route("POST");
export const PUT = route("PUT");
