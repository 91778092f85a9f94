import pino, { type DestinationStream, type Logger } from "pino";
import { logLevelSchema, type LogLevel } from "@/server/env";

/**
 * Structured logs: one JSON object per line. The server writes to stdout; CLIs and tests (no NEXT_RUNTIME) to
 * stderr, because a CLI's stdout is its output (`--json`). Secrets never reach a line: values under
 * secret-bearing keys become "[Redacted]" at any depth, and credentials inside strings (URLs with a password,
 * bearer tokens, API keys, Slack webhook paths, Telegram bot tokens) are cut out of messages and errors too.
 * Each module logs through `log.child({ module: "..." })`. Node only: never import this from server/domain,
 * the proxy or client components.
 */
export const REDACTED = "[Redacted]";

// Keys (lower-cased, without "-" and "_") whose values are secrets wherever they appear.
const SECRET_KEYS = new Set([
  "password",
  "passwordhash",
  "newpassword",
  "currentpassword",
  "authorization",
  "proxyauthorization",
  "cookie",
  "setcookie",
  "apikey",
  "xapikey",
  "privatekey",
  "secretkey",
  "encryptionkey",
  "signingkey",
  "eventkey",
  "totp",
  "otp",
  "code",
  "recoverycode",
  "recoverycodes",
  "webhookurl",
  "smtpurl",
  "target",
  "endpoint",
  "p256dh",
  "auth",
  "dsn",
]);
// Any key naming a token, secret or password (sessionToken, STRIPE_SECRET_KEY, GPU_SERVICE_TOKEN...). Counts such as
// `promptTokens: 120` are numbers, and only strings and objects are secrets.
const SECRET_KEY_PATTERN = /token|secret|passw|credential|apikey/;

function isSecretKey(key: string, value: unknown, inError: boolean): boolean {
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) return false;
  const k = key.toLowerCase().replace(/[-_]/g, "");
  // An error's `code` ("P2002", "ECONNREFUSED", "BAD_REQUEST") is a diagnosis, not a one-time code.
  if (inError && k === "code") return false;
  return SECRET_KEYS.has(k) || SECRET_KEY_PATTERN.test(k);
}

const TEXT_SECRETS: [RegExp, string][] = [
  // scheme://user:password@host (SMTP, database and proxy URLs)
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, `$1${REDACTED}@`],
  [/\bBearer\s+[^\s,;"']+/gi, `Bearer ${REDACTED}`],
  [/\/bot\d+:[\w-]+/g, `/bot${REDACTED}`],
  [/(hooks\.slack\.com\/services\/)[^\s"'<>]+/gi, `$1${REDACTED}`],
  [/\b(lsk|sk_live|sk_test|rk_live|rk_test|whsec)_[\w+/=-]{8,}/g, `$1_${REDACTED}`],
];

/** The text with credentials embedded in it replaced by "[Redacted]". */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_SECRETS) out = out.replace(pattern, replacement);
  return out;
}

const MAX_DEPTH = 8;

/** A copy of a log value with secrets redacted at any depth; errors become pino's serialized form first. */
export function redactValue(value: unknown, inError = false, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return scrubText(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth >= MAX_DEPTH || seen.has(value)) return "[...]";
  seen.add(value);
  if (value instanceof Error) return redactValue(pino.stdSerializers.err(value), true, depth + 1, seen);
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, inError, depth + 1, seen));
  if (value instanceof Headers) return redactValue(Object.fromEntries(value.entries()), inError, depth + 1, seen);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key, item, inError) ? REDACTED : redactValue(item, inError, depth + 1, seen);
  }
  return out;
}

/** A logger writing JSON lines to `destination` (tests pass a stream and read the lines back). */
export function createLogger(destination: DestinationStream, level: LogLevel = "info"): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // `formatters.log` below has already serialized and redacted an `err`; pino's default would re-serialize it.
      serializers: { err: (value: unknown) => (value instanceof Error ? redactValue(value) : value) },
      formatters: {
        level: (label) => ({ level: label }),
        // Runs before pino's own serializers, so an `err` arrives here as an Error and leaves redacted.
        log: (object) => redactValue(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg: unknown) => (typeof arg === "string" ? scrubText(arg) : arg));
          // `log.error(err)` takes its message from the error: scrub that too.
          if (scrubbed.length === 1 && args[0] instanceof Error) scrubbed.push(scrubText(args[0].message));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

function levelFromEnv(): LogLevel {
  const parsed = logLevelSchema.safeParse(process.env.LOG_LEVEL || undefined);
  // A malformed LOG_LEVEL stops the server at start (server/env.ts); a CLI just logs at info.
  return parsed.success ? parsed.data : "info";
}

// One root logger per process (Next.js dev reloads modules; every child shares one destination).
const globalForLog = globalThis as unknown as { linesmithLog?: Logger };

export const log: Logger = (globalForLog.linesmithLog ??= createLogger(
  pino.destination({ fd: process.env.NEXT_RUNTIME ? 1 : 2, sync: true }),
  levelFromEnv(),
));
