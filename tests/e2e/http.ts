import type { APIRequestContext } from "@playwright/test";
import pg from "pg";
import superjson from "superjson";
import { databaseUrl } from "../support/database";

/**
 * Talking to the built server over HTTP as any client could: tRPC calls in superjson's wire format and
 * next-auth's credentials form. The server runs with TRUST_PROXY=1, so the last X-Forwarded-For entry plays the
 * address our proxy saw and anything before it is what a client wrote itself.
 */
export const PASSWORD = "a long enough password";
export const via = (address: string, spoofed = "6.6.6.6") => ({ "x-forwarded-for": `${spoofed}, ${address}` });

export async function signUp(request: APIRequestContext, email: string, address: string) {
  return request.post("/api/trpc/auth.signUp", { data: { json: { email, password: PASSWORD } }, headers: via(address) });
}

/** Posts the credentials form as the sign-in page does; returns next-auth's error code or message, or null on success. */
export async function signIn(request: APIRequestContext, email: string, password: string, headers: Record<string, string>) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    headers,
  });
  const { url } = (await response.json()) as { url: string };
  const params = new URL(url).searchParams;
  return params.get("csrf") ? "CSRF" : params.get("error");
}

export interface TrpcAnswer<T = unknown> {
  status: number;
  data?: T;
  message?: string;
}

async function answer<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<TrpcAnswer<T>> {
  const body = (await response.json()) as { result?: { data: { json: unknown; meta?: unknown } }; error?: { json: { message: string } } };
  if (body.result) return { status: response.status(), data: superjson.deserialize(body.result.data as never) as T };
  return { status: response.status(), message: body.error?.json.message };
}

export async function trpcQuery<T = unknown>(request: APIRequestContext, path: string, input?: unknown): Promise<TrpcAnswer<T>> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  return answer<T>(await request.get(`/api/trpc/${path}${query}`));
}

export async function trpcMutation<T = unknown>(request: APIRequestContext, path: string, input: unknown): Promise<TrpcAnswer<T>> {
  return answer<T>(await request.post(`/api/trpc/${path}`, { data: superjson.serialize(input) }));
}

/** Removes the accounts a spec made, so the specs that follow still find an installation without users. */
export async function deleteUsers(emailPattern: string) {
  const db = new pg.Client({ connectionString: databaseUrl("linesmith_test_e2e") });
  await db.connect();
  // A bot's record is append-only: its entries go only chain by chain, with the erase permission set for
  // that chain in the same transaction (see server/services/records/chain.ts).
  await db.query("BEGIN");
  const chains = await db.query<{ id: number }>(
    `SELECT c.id FROM "RecordChain" c JOIN "User" u ON u.id = c."userId" WHERE u.email LIKE $1`,
    [emailPattern],
  );
  for (const { id } of chains.rows) {
    await db.query(`SELECT set_config('linesmith.erase_record_chain', $1, true)`, [String(id)]);
    await db.query(`DELETE FROM "RecordEntry" WHERE "chainId" = $1`, [id]);
    await db.query(`DELETE FROM "RecordChain" WHERE id = $1`, [id]);
  }
  await db.query(`DELETE FROM "User" WHERE "email" LIKE $1`, [emailPattern]);
  await db.query("COMMIT");
  await db.end();
}

/**
 * Makes a signed-up user an administrator. The first account of an empty installation is the admin, but specs
 * run in one database in file order, so a spec that needs an admin cannot count on signing up first.
 */
export async function makeAdmin(email: string) {
  const db = new pg.Client({ connectionString: databaseUrl("linesmith_test_e2e") });
  await db.connect();
  await db.query(`UPDATE "User" SET role = 'ADMIN' WHERE email = $1`, [email]);
  await db.end();
}
