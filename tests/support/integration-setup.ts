import { createFreshDatabase } from "./database";

export default async function setup() {
  const url = await createFreshDatabase("linesmith_test_integration");
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";
}
