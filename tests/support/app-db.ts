import { afterAll } from "vitest";
import { TEST_DATABASE_URL, testPool, testPrisma } from "./test-db";

/**
 * For test files that call server modules: sets the variables those modules read when imported (import them
 * after this, with `await import`), and opens a Prisma client and a pool on the test database, closed after
 * the file's tests.
 */
process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

export const prisma = testPrisma();
export const pool = testPool();
afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
});
