import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL, testPool, testPrisma } from "../support/test-db";
import { deleteAllUsers } from "../support/users";

process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const prisma = testPrisma();
const pool = testPool();
afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
});

const { createCaller } = await import("@/server/api/root");
const { signUp } = await import("@/server/services/auth/sign-up");
const { signInWithPassword } = await import("@/server/services/auth/sign-in");

function caller(user: { id: string; role: "USER" | "ADMIN" } | null) {
  return createCaller({ db: prisma, pool, session: user ? { user, expires: "2999-01-01" } : null });
}

describe("auth and access rules", () => {
  let admin: { id: string; role: "USER" | "ADMIN" };
  let user: { id: string; role: "USER" | "ADMIN" };

  beforeAll(async () => {
    await prisma.signInAttempt.deleteMany();
    await prisma.rateLimitBucket.deleteMany();
    await deleteAllUsers(prisma);
    admin = await signUp(prisma, { email: "First@Example.com", password: "correct horse battery" });
    user = await signUp(prisma, { email: "second@example.com", password: "correct horse battery" });
  });

  it("makes the first user of an empty installation the admin, and no one after", () => {
    expect(admin.role).toBe("ADMIN");
    expect(user.role).toBe("USER");
  });

  it("refuses a second account for the same email", async () => {
    await expect(signUp(prisma, { email: "first@example.com", password: "another password" })).rejects.toThrow(
      /already exists/,
    );
  });

  it("rejects invalid sign-up input with a readable message", async () => {
    await expect(caller(null).auth.signUp({ email: "nope", password: "short" })).rejects.toThrow(
      /email: Enter a valid email address; password: Use at least 10 characters/,
    );
  });

  it("requires sign-in for data and admin rights for imports", async () => {
    await expect(caller(null).games.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller(user).imports.runs({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(admin).imports.runs({})).resolves.toBeInstanceOf(Array);
    await expect(caller(user).games.list({})).resolves.toHaveProperty("items");
  });

  it("returns NOT_FOUND for a missing game, not a crash", async () => {
    await expect(caller(user).games.byId({ id: 999_999_999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("blocks sign-in after repeated failures, even with the right password", async () => {
    const attempt = (password: string) =>
      signInWithPassword(prisma, { email: "second@example.com", password, clientAddress: "203.0.113.9" });
    expect(await attempt("correct horse battery")).toMatchObject({ email: "second@example.com" });
    for (let i = 0; i < 5; i++) expect(await attempt("wrong password")).toBeNull();
    await expect(attempt("correct horse battery")).rejects.toThrow(/Too many attempts, try again in 15 minutes/);
  });
});
