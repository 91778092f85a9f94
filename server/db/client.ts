import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/server/env";
import { PrismaClient } from "./generated/client";
import { createPool } from "./pool";

// One client and one bulk pool per server process, created on first use (not at import, so `next build`
// needs no database), and kept on globalThis because Next.js dev reloads modules.
const globalForDb = globalThis as unknown as { prisma?: PrismaClient; pool?: ReturnType<typeof createPool> };

function lazy<T extends object>(create: () => T): T {
  return new Proxy({} as T, {
    get(_, property) {
      const target = create();
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export const db: PrismaClient = lazy(() => {
  globalForDb.prisma ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: env().DATABASE_URL }) });
  return globalForDb.prisma;
});

export const bulkPool = lazy(() => {
  globalForDb.pool ??= createPool(env().DATABASE_URL, 3);
  return globalForDb.pool;
});
