import { beforeAll, describe, expect, it } from "vitest";
import { pool, prisma } from "../support/app-db";

const { createCaller } = await import("@/server/api/root");
const trpcRoute = await import("@/app/api/trpc/[trpc]/route");
const inngestRoute = await import("@/app/api/inngest/route");

describe("tRPC batches", () => {
  const batch = (n: number) => {
    const paths = Array.from({ length: n }, () => "auth.me").join(",");
    const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: null }]));
    return new Request(`http://localhost/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
  };

  it("refuses a batch of more than 25 calls with a readable 400 before running any", async () => {
    const response = await trpcRoute.GET(batch(1_000));
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("Send at most 25 calls in one request");
  });
});

describe("expensive procedures are rate-limited per user", () => {
  let userId: string;
  beforeAll(async () => {
    await prisma.rateLimitBucket.deleteMany();
    userId = (await prisma.user.create({ data: { email: `limits-${Date.now()}@example.com` } })).id;
  });

  it("answers TOO_MANY_REQUESTS with the wait once a user has imported too many bet files", async () => {
    const caller = createCaller({ db: prisma, pool, session: { user: { id: userId, role: "USER" }, expires: "2999-01-01" } });
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) {
      // The bankroll does not exist: the first ten fail on that, the rest never get that far.
      const error = (await caller.bets.importCsv({ bankrollId: 999_999, csv: "x" }).then(
        () => ({ code: "OK", message: "" }),
        (e: { code: string; message: string }) => e,
      ));
      codes.push(error.code);
      if (error.code === "TOO_MANY_REQUESTS") expect(error.message).toMatch(/^Too many requests, try again in \d+ seconds?\.$/);
    }
    expect(codes.slice(0, 10).every((c) => c !== "TOO_MANY_REQUESTS")).toBe(true);
    expect(codes.slice(10)).toEqual(["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
  });
});

describe("/api/inngest without Inngest configured", () => {
  it("answers a clean 404 with a message, never a 500", async () => {
    const response = await inngestRoute.GET(new Request("http://localhost/api/inngest") as never, undefined as never);
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).toMatch(/not configured/);
  });
});
