import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";

const valid = { DATABASE_URL: "postgresql://u@127.0.0.1:5432/db", NEXTAUTH_SECRET: "x".repeat(32) };

describe("environment validation", () => {
  it("accepts a minimal configuration and applies defaults", () => {
    expect(parseEnv(valid).IMPORT_MAX_UPLOAD_MB).toBe(25);
  });

  it("names every missing or malformed variable", () => {
    expect(() => parseEnv({})).toThrow(/DATABASE_URL[\s\S]*NEXTAUTH_SECRET/);
    expect(() => parseEnv({ ...valid, DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: DATABASE_URL must be a postgresql/);
    expect(() => parseEnv({ ...valid, NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET/);
    expect(() => parseEnv({ ...valid, GITHUB_ID: "id" })).toThrow(/GITHUB_SECRET/);
  });

  it("takes a redis:// or rediss:// REDIS_URL and refuses anything else", () => {
    expect(parseEnv({ ...valid, REDIS_URL: "redis://:secret@127.0.0.1:6379/0" }).REDIS_URL).toBe("redis://:secret@127.0.0.1:6379/0");
    expect(parseEnv({ ...valid, REDIS_URL: "rediss://cache.internal:6380" }).REDIS_URL).toBe("rediss://cache.internal:6380");
    expect(() => parseEnv({ ...valid, REDIS_URL: "http://127.0.0.1:6379" })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(parseEnv(valid).REDIS_URL).toBeUndefined();
  });
});
