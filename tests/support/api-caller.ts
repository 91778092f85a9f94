import { pool, prisma } from "./app-db";

const { createCaller } = await import("@/server/api/root");

export type Who = { id: string; role: "USER" | "ADMIN" };

/** The test database's Prisma client and pool (closed after the file), and a tRPC caller signed in as `user` or signed out. */
export function apiCaller() {
  const caller = (user: Who | null) => createCaller({ db: prisma, pool, session: user ? { user, expires: "2999-01-01" } : null });
  return { prisma, pool, caller };
}
