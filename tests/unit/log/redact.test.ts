import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, REDACTED, scrubText } from "@/server/log";

interface Entry {
  level: string;
  msg: string;
  time: string;
  err: { message: string; stack: string; config: { headers: { authorization: string } } };
  [key: string]: unknown;
}

/** A logger writing into memory, and the JSON lines it wrote. */
function memoryLogger(level: "info" | "warn" = "info") {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger(stream, level);
  return { logger, entries: () => lines.map((line) => JSON.parse(line) as Entry), raw: () => lines.join("\n") };
}

const SECRETS = {
  password: "hunter2-password",
  passwordHash: "scrypt$abcdef0123456789",
  sessionToken: "eyJhbGciOiJIUzI1NiJ9.session",
  apiKey: "lsk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  totp: "123456",
  smtpPassword: "smtp-pass-9",
  webhook: "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX",
  telegram: "123456789:AAEhBP0av28hOPq3lZ-FmKy2oQlW4A_ZT8x",
  stripe: "sk_test_51HxyzSecretSecret",
};

describe("structured logs redact secrets", () => {
  it("replaces secret-bearing keys at any depth and keeps every other field", () => {
    const { logger, entries, raw } = memoryLogger();
    logger.child({ module: "accounts" }).info(
      {
        userId: "u_1",
        user: { email: "ann@example.com", password: SECRETS.password, passwordHash: SECRETS.passwordHash },
        request: {
          headers: {
            Authorization: `Bearer ${SECRETS.sessionToken}`,
            Cookie: "next-auth.session-token=abc",
            "user-agent": "vitest",
          },
        },
        input: { code: SECRETS.totp, remember: true },
        deep: { a: { b: { c: { apiKey: SECRETS.apiKey, STRIPE_SECRET_KEY: SECRETS.stripe, depth: 4 } } } },
        channel: { kind: "SLACK", label: "alerts", webhookUrl: SECRETS.webhook },
        subscription: { endpoint: "https://push.example.com/abc", keys: { p256dh: "BPk-key", auth: "auth-secret" } },
        usage: { promptTokens: 120, answerTokens: 40 },
        prompt: "Which home favourites are worth a look?",
      },
      "signed in",
    );
    const [entry] = entries();
    expect(entry).toMatchObject({
      level: "info",
      module: "accounts",
      msg: "signed in",
      userId: "u_1",
      user: { email: "ann@example.com", password: REDACTED, passwordHash: REDACTED },
      request: { headers: { Authorization: REDACTED, Cookie: REDACTED, "user-agent": "vitest" } },
      input: { code: REDACTED, remember: true },
      deep: { a: { b: { c: { apiKey: REDACTED, STRIPE_SECRET_KEY: REDACTED, depth: 4 } } } },
      channel: { kind: "SLACK", label: "alerts", webhookUrl: REDACTED },
      subscription: { endpoint: REDACTED, keys: { p256dh: REDACTED, auth: REDACTED } },
      // Token counts are numbers, not secrets; prompts are not secrets either.
      usage: { promptTokens: 120, answerTokens: 40 },
      prompt: "Which home favourites are worth a look?",
    });
    expect(typeof entry!.time).toBe("string");
    for (const secret of Object.values(SECRETS)) expect(raw()).not.toContain(secret);
  });

  it("logs errors with type, stack and code, without credentials in their message, stack or properties", () => {
    const { logger, entries, raw } = memoryLogger();
    const error = Object.assign(
      new Error(`connect failed for smtps://mailer:${SECRETS.smtpPassword}@smtp.example.com:465`),
      {
        code: "ECONNREFUSED",
        config: { headers: { authorization: `Bearer ${SECRETS.sessionToken}` } },
      },
    );
    logger.error({ err: error }, "[accounts] password-reset email not sent:");
    logger.error(new Error(`POST https://api.telegram.org/bot${SECRETS.telegram}/sendMessage failed`));
    const [first, second] = entries();
    expect(first).toMatchObject({
      level: "error",
      msg: "[accounts] password-reset email not sent:",
      err: { type: "Error", code: "ECONNREFUSED" },
    });
    expect(first!.err.message).toBe(`connect failed for smtps://${REDACTED}@smtp.example.com:465`);
    expect(first!.err.stack).toMatch(
      /^Error: connect failed for smtps:\/\/\[Redacted\]@smtp\.example\.com:465\n\s+at /,
    );
    expect(first!.err.config.headers.authorization).toBe(REDACTED);
    expect(second!.msg).toBe(`POST https://api.telegram.org/bot${REDACTED}/sendMessage failed`);
    expect(second!.err.message).toBe(second!.msg);
    for (const secret of Object.values(SECRETS)) expect(raw()).not.toContain(secret);
  });

  it("scrubs credentials written into the message itself", () => {
    const { logger, entries } = memoryLogger();
    logger.warn(`slack ${SECRETS.webhook} answered 404; key ${SECRETS.apiKey}`);
    expect(entries()[0]!.msg).toBe(
      `slack https://hooks.slack.com/services/${REDACTED} answered 404; key lsk_${REDACTED}`,
    );
  });

  it("leaves text without credentials alone and drops lines below the level", () => {
    expect(scrubText("bet 42 could not be settled: no result")).toBe("bet 42 could not be settled: no result");
    expect(scrubText("https://example.com/a?b=c")).toBe("https://example.com/a?b=c");
    const { logger, entries } = memoryLogger("warn");
    logger.info("quiet");
    logger.warn("loud");
    expect(entries().map((e) => e.msg)).toEqual(["loud"]);
  });
});
