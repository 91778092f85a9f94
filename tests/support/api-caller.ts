import { TEST_DATABASE_URL, testPrisma } from "./test-db";

// Set before the router (and the database client it imports) loads.
process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const { createCaller } = await import("@/server/api/root");

export type Who = { id: string; role: "USER" | "ADMIN" };

/** A Prisma client on the integration database and a tRPC caller signed in as `user` (or signed out). */
export function apiCaller() {
  const prisma = testPrisma();
  const caller = (user: Who | null) => createCaller({ db: prisma, session: user ? { user, expires: "2999-01-01" } : null });
  return { prisma, caller };
}
