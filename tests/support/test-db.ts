import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/db/generated/client";
import { createPool } from "@/server/db/pool";
import { databaseUrl } from "./database";

/** The database the integration global setup created and migrated. */
export const TEST_DATABASE_URL = databaseUrl("linesmith_test_integration");

export function testPrisma(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: TEST_DATABASE_URL }) });
}

export function testPool() {
  return createPool(TEST_DATABASE_URL);
}
