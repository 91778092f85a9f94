import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { afterFailure, backoffSeconds, MAX_ATTEMPTS } from "@/server/domain/notify/retry";
import { renderEmail, renderSlack, renderTelegram } from "@/server/domain/notify/render";
import { targetProblem } from "@/server/domain/notify/targets";
import { parseRetryAfter } from "@/server/integrations/provider-error";
import { secretBox, secretBoxFromEnv } from "@/server/services/crypto/secret-box";

const now = new Date("2026-12-02T10:00:00Z");

describe("retry policy", () => {
  it("backs off 30 s, 2 min, 8 min, 32 min, ~2 h, then gives up at the sixth attempt", () => {
    expect([1, 2, 3, 4, 5].map(backoffSeconds)).toEqual([30, 120, 480, 1920, 7680]);
    for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) {
      const step = afterFailure(attempts, { kind: "retry", retryAfterSeconds: null }, now);
      expect(step).toEqual({ status: "FAILED", nextAttemptAt: new Date(now.getTime() + backoffSeconds(attempts) * 1000) });
    }
    expect(afterFailure(MAX_ATTEMPTS, { kind: "retry", retryAfterSeconds: null }, now)).toMatchObject({ status: "GIVEN_UP", disableChannel: false });
  });

  it("waits exactly Retry-After when given, bounded to six hours", () => {
    expect(afterFailure(1, { kind: "retry", retryAfterSeconds: 90 }, now)).toEqual({ status: "FAILED", nextAttemptAt: new Date(now.getTime() + 90_000) });
    expect(afterFailure(1, { kind: "retry", retryAfterSeconds: 10 ** 9 }, now)).toEqual({ status: "FAILED", nextAttemptAt: new Date(now.getTime() + 6 * 3600_000) });
  });

  it("stops at once on permanent failures; only a gone target turns the channel off; server configuration is not the channel's fault", () => {
    expect(afterFailure(1, { kind: "gone" }, now)).toEqual({ status: "GIVEN_UP", disableChannel: true, countsAgainstChannel: true });
    expect(afterFailure(1, { kind: "refused" }, now)).toEqual({ status: "GIVEN_UP", disableChannel: false, countsAgainstChannel: true });
    expect(afterFailure(1, { kind: "server-config" }, now)).toEqual({ status: "GIVEN_UP", disableChannel: false, countsAgainstChannel: false });
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Wed, 02 Dec 2026 10:01:30 GMT", now)).toBe(90);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe("where webhook and push URLs may point", () => {
  const prod = { production: true, extraHosts: [] };
  const dev = { production: false, extraHosts: [] };
  it("in production: Slack's host and the browsers' push services over https only", () => {
    expect(targetProblem("https://hooks.slack.com/services/T0001/B0001/abcdefabcdefabcdef", "slack-webhook", prod)).toBeNull();
    expect(targetProblem("http://hooks.slack.com/services/T0001/B0001/abc", "slack-webhook", prod)).toMatch(/https/);
    expect(targetProblem("https://evil.example.com/services/x", "slack-webhook", prod)).toMatch(/Slack incoming webhook/);
    expect(targetProblem("http://127.0.0.1:8080/services/x", "slack-webhook", prod)).toMatch(/https/);
    expect(targetProblem("https://169.254.169.254/latest", "push-endpoint", prod)).toMatch(/push service/);
    expect(targetProblem("https://fcm.googleapis.com/fcm/send/abc", "push-endpoint", prod)).toBeNull();
    expect(targetProblem("https://wns2-by3p.notify.windows.com/w/?token=x", "push-endpoint", prod)).toBeNull();
    expect(targetProblem("https://user:pw@hooks.slack.com/services/x", "slack-webhook", prod)).toMatch(/user name/);
    expect(targetProblem("https://hooks.slack.com:8443/services/x", "slack-webhook", prod)).toMatch(/port/);
  });
  it("outside production also the fakes on 127.0.0.1; anywhere, the hosts the administrator allowed", () => {
    expect(targetProblem("http://127.0.0.1:4312/services/T0/B0/x", "slack-webhook", dev)).toBeNull();
    expect(targetProblem("http://10.0.0.5/services/x", "slack-webhook", dev)).not.toBeNull();
    expect(targetProblem("http://127.0.0.1:4312/push/1", "push-endpoint", { production: true, extraHosts: ["127.0.0.1"] })).toBeNull();
  });
});

describe("secret box (AES-256-GCM)", () => {
  const box = secretBox(randomBytes(32));
  it("opens what it sealed, for the same context only, and detects tampering", () => {
    const sealed = box.seal("https://hooks.slack.com/services/T1/B1/secret", "notification-channel:u1:SLACK");
    expect(sealed).not.toContain("secret");
    expect(box.open(sealed, "notification-channel:u1:SLACK")).toBe("https://hooks.slack.com/services/T1/B1/secret");
    expect(() => box.open(sealed, "notification-channel:u2:SLACK")).toThrow(/authentication/);
    const parts = sealed.split(".");
    const ct = Buffer.from(parts[4]!, "base64url");
    ct[0]! ^= 1;
    parts[4] = ct.toString("base64url");
    expect(() => box.open(parts.join("."), "notification-channel:u1:SLACK")).toThrow(/authentication/);
    expect(box.seal("x", "c")).not.toBe(box.seal("x", "c"));
  });
  it("names a key mismatch instead of failing blindly", () => {
    const other = secretBox(randomBytes(32));
    expect(() => other.open(box.seal("x", "c"), "c")).toThrow(/sealed with another key/);
  });
  it("derives a key from NEXTAUTH_SECRET outside production only", () => {
    const secret = "s".repeat(40);
    expect(secretBoxFromEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: secret })).toBeNull();
    const dev = secretBoxFromEnv({ NODE_ENV: "development", NEXTAUTH_SECRET: secret })!;
    expect(dev.source).toBe("derived from NEXTAUTH_SECRET");
    expect(secretBoxFromEnv({ NODE_ENV: "development", NEXTAUTH_SECRET: secret })!.open(dev.seal("x", "c"), "c")).toBe("x");
    expect(secretBoxFromEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: secret, ENCRYPTION_KEY: "ab".repeat(32) })!.source).toBe("ENCRYPTION_KEY");
  });
});

describe("rendering for each channel", () => {
  const n = { id: 7, title: "2 slips <Arsenal & Spurs>", body: "Home win @ 2.10", url: "/bots/4" };
  it("escapes each format's control characters and links into the app", () => {
    expect(renderSlack(n, "https://linesmith.test").text).toBe("*2 slips &lt;Arsenal &amp; Spurs&gt;*\nHome win @ 2.10\n<https://linesmith.test/bots/4|Open in Linesmith>");
    expect(renderTelegram(n, "https://linesmith.test")).toBe('<b>2 slips &lt;Arsenal &amp; Spurs&gt;</b>\nHome win @ 2.10\n<a href="https://linesmith.test/bots/4">Open in Linesmith</a>');
    const email = renderEmail(n, "https://linesmith.test/");
    expect(email.subject).toBe("2 slips <Arsenal & Spurs>");
    expect(email.text).toContain("Open in Linesmith: https://linesmith.test/bots/4");
    expect(email.html).toContain("<h2 style=\"font-size:18px\">2 slips &lt;Arsenal &amp; Spurs&gt;</h2>");
  });
});
