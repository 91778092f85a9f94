import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";
import { resolveClientAddress, resolveProtocol, stampForwardedHeaders } from "@/server/http/client-address";
import { contentSecurityPolicy, servedOverHttps } from "@/server/http/security-headers";

describe("client address and scheme per TRUST_PROXY", () => {
  it("ignores forwarded headers when no proxy is trusted", () => {
    expect(resolveClientAddress("6.6.6.6", "203.0.113.5", 0)).toBe("203.0.113.5");
    expect(resolveProtocol("https", false, 0)).toBe("http");
  });

  it("takes the address the outermost trusted proxy saw, never a client-written left-most entry", () => {
    // The client wrote 6.6.6.6; our one proxy appended the address it saw, 198.51.100.7.
    expect(resolveClientAddress("6.6.6.6, 198.51.100.7", "10.0.0.2", 1)).toBe("198.51.100.7");
    expect(resolveClientAddress("6.6.6.6, 198.51.100.7, 10.0.0.3", "10.0.0.2", 2)).toBe("198.51.100.7");
    expect(resolveClientAddress(undefined, "203.0.113.5", 1)).toBe("203.0.113.5");
    expect(resolveProtocol("http, https", false, 1)).toBe("https");
  });

  it("rewrites the request's forwarded headers so the app reads only resolved values", () => {
    const req = { headers: { "x-forwarded-for": "6.6.6.6", "x-forwarded-proto": "https", "x-real-ip": "7.7.7.7" } as Record<string, string | undefined>, socket: { remoteAddress: "203.0.113.5" } };
    stampForwardedHeaders(req, 0);
    expect(req.headers).toEqual({ "x-forwarded-for": "203.0.113.5", "x-forwarded-proto": "http" });
  });

  it("reads TRUST_PROXY as a small whole number, 0 by default", () => {
    const valid = { DATABASE_URL: "postgresql://u@127.0.0.1:5432/db", NEXTAUTH_SECRET: "x".repeat(32) };
    expect(parseEnv(valid).TRUST_PROXY).toBe(0);
    expect(parseEnv({ ...valid, TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => parseEnv({ ...valid, TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
  });
});

describe("security headers", () => {
  it("allows scripts only with the nonce, and eval only in development", () => {
    const csp = contentSecurityPolicy("abc", { dev: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy("abc", { dev: true, https: false })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("abc", { dev: false, https: true })).toContain("upgrade-insecure-requests");
  });

  it("treats a request as HTTPS from the resolved scheme or an HTTPS public URL", () => {
    expect(servedOverHttps("http", "http://localhost:3000")).toBe(false);
    expect(servedOverHttps("https", undefined)).toBe(true);
    expect(servedOverHttps("http", "https://linesmith.example")).toBe(true);
  });
});
