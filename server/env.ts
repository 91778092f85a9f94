import { parseSchedule } from "@/server/domain/collectors/schedule";
import { z } from "zod";

/**
 * Every setting Linesmith reads from the environment, validated once at start. A missing or malformed
 * variable stops the process with a message that names it. Secrets come only from here.
 */
const optionalPair = (a: string, b: string) => (env: Record<string, unknown>) => Boolean(env[a]) === Boolean(env[b]);

/** A comma-separated list of lower-case keys ("uk,eu,us"), as an array. */
const commaList = (name: string, example: string) =>
  z
    .string()
    .transform((text) =>
      text
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .refine(
      (keys) => keys.length > 0 && keys.every((key) => /^[a-z0-9_]+$/.test(key)),
      `${name} must be comma-separated ${example}`,
    );

export const logLevelSchema = z
  .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
    error: "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
  })
  .default("info");
export type LogLevel = z.infer<typeof logLevelSchema>;

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string({ error: "DATABASE_URL is required (npm start sets it to the embedded database when unset)" })
      .url("DATABASE_URL must be a postgresql:// URL")
      .refine((u) => /^postgres(ql)?:\/\//.test(u), "DATABASE_URL must be a postgresql:// URL"),
    NEXTAUTH_SECRET: z
      .string({ error: "NEXTAUTH_SECRET is required (npm start generates one into .data/ when unset)" })
      .min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
    NEXTAUTH_URL: z.string().url("NEXTAUTH_URL must be a URL such as http://localhost:3000").optional(),
    // How many reverse proxies stand in front of the server; their X-Forwarded-For/-Proto entries are trusted.
    TRUST_PROXY: z.coerce
      .number({ error: "TRUST_PROXY must be a whole number of proxies (0 when clients connect directly)" })
      .int("TRUST_PROXY must be a whole number of proxies (0 when clients connect directly)")
      .min(0)
      .max(10)
      .default(0),
    // Accounts one client address may create per hour.
    SIGN_UPS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(10),
    // REST API requests per minute one API key may make, below the plan's per-user allowance (unset: the plan's).
    API_KEY_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).optional(),
    // REST API rate-limit counters go to Redis when set (PostgreSQL stays the fallback while Redis is down).
    REDIS_URL: z
      .string()
      .url("REDIS_URL must be a URL such as redis://127.0.0.1:6379")
      .refine((u) => /^rediss?:\/\//.test(u), "REDIS_URL must be a redis:// or rediss:// URL")
      .optional(),
    ADMIN_EMAIL: z.string().email("ADMIN_EMAIL must be an email address").optional(),
    GITHUB_ID: z.string().min(1).optional(),
    GITHUB_SECRET: z.string().min(1).optional(),
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    IMPORT_MAX_UPLOAD_MB: z.coerce.number().int().positive().max(200).default(25),
    // With both Inngest keys, jobs run on Inngest; without them, on the in-process local runner.
    INNGEST_EVENT_KEY: z.string().min(1).optional(),
    INNGEST_SIGNING_KEY: z.string().min(1).optional(),
    LOCAL_JOBS: z.enum(["on", "off"], { error: "LOCAL_JOBS must be on or off" }).default("on"),
    // Training runs in-process unless a gpu-service is configured (then both are required).
    GPU_SERVICE_URL: z.string().url("GPU_SERVICE_URL must be a URL such as http://gpu-host:8700").optional(),
    GPU_SERVICE_TOKEN: z.string().min(16, "GPU_SERVICE_TOKEN must be at least 16 characters").optional(),
    // ONNX artefacts go into PostgreSQL unless a folder is given.
    MODEL_ARTIFACT_DIR: z.string().min(1).optional(),
    // The Odds API v4 (live odds and scores). Without a key the collector is skipped; tests and the demo point the
    // base URL at the fake server (server/integrations/the-odds-api/fake-server.ts).
    ODDS_API_KEY: z.string().min(1).optional(),
    ODDS_API_BASE_URL: z
      .string()
      .url("ODDS_API_BASE_URL must be a URL such as https://api.the-odds-api.com")
      .default("https://api.the-odds-api.com"),
    ODDS_API_SPORTS: commaList("ODDS_API_SPORTS", "sport keys such as soccer_epl,basketball_nba").default([
      "americanfootball_nfl",
      "basketball_nba",
      "soccer_epl",
      "soccer_spain_la_liga",
    ]),
    ODDS_API_REGIONS: commaList("ODDS_API_REGIONS", "regions such as uk,eu,us").default(["uk", "eu", "us"]),
    // How often each kind of collection runs (server/domain/collectors/schedule.ts); unnamed kinds keep defaults.
    COLLECT_SCHEDULE: z
      .string()
      .optional()
      .transform((text, ctx) => {
        const parsed = parseSchedule(text);
        if ("error" in parsed) {
          ctx.addIssue({ code: "custom", message: `COLLECT_SCHEDULE: ${parsed.error}` });
          return z.NEVER;
        }
        return parsed.schedule;
      }),
    // The replay server (`npm run demo`): archives answered in The Odds API's shapes, collected as "replay".
    REPLAY_BASE_URL: z.string().url("REPLAY_BASE_URL must be a URL such as http://127.0.0.1:4010").optional(),
    // Keyless live sources are opt-in, so that tests and development never call out by surprise:
    // LIVE_SOURCES=espn,espn-injuries,open-meteo turns them on.
    LIVE_SOURCES: commaList("LIVE_SOURCES", "providers such as espn,espn-injuries,open-meteo").default([]),
    // Keyless live sources; tests, e2e and the demo point these at the fake servers.
    ESPN_BASE_URL: z
      .string()
      .url("ESPN_BASE_URL must be a URL such as https://site.api.espn.com")
      .default("https://site.api.espn.com"),
    OPEN_METEO_BASE_URL: z
      .string()
      .url("OPEN_METEO_BASE_URL must be a URL such as https://api.open-meteo.com")
      .default("https://api.open-meteo.com"),
    // The AI analyst (server/integrations/llm): off unless LLM_PROVIDER is set. The base URL defaults to the provider's
    // own; tests, e2e and the demo point it at the fake server (server/integrations/llm/fake-server.ts).
    LLM_PROVIDER: z
      .enum(["openai", "anthropic"], {
        error: "LLM_PROVIDER must be openai (any OpenAI-compatible endpoint) or anthropic",
      })
      .optional(),
    LLM_BASE_URL: z.string().url("LLM_BASE_URL must be a URL such as http://127.0.0.1:11434").optional(),
    LLM_API_KEY: z.string().min(1).optional(),
    LLM_MODEL: z.string().min(1).max(200).optional(),
    // Tokens (prompt + answer) one user's analyst may use per UTC month.
    LLM_MONTHLY_TOKEN_BUDGET: z.coerce
      .number({ error: "LLM_MONTHLY_TOKEN_BUDGET must be a whole number of tokens" })
      .int("LLM_MONTHLY_TOKEN_BUDGET must be a whole number of tokens")
      .min(0)
      .max(1_000_000_000)
      .default(200_000),
    LLM_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(60_000),
    // Secrets at rest (notification targets): 32 bytes as base64 or 64 hex digits. Without it, development and
    // tests derive a key from NEXTAUTH_SECRET (and say so); production refuses to store such secrets.
    ENCRYPTION_KEY: z
      .string()
      .refine(
        (k) => /^[0-9a-fA-F]{64}$/.test(k) || Buffer.from(k, "base64").length === 32,
        "ENCRYPTION_KEY must be 32 bytes as base64 (openssl rand -base64 32) or 64 hex digits",
      )
      .optional(),
    // Email: smtp:// or smtps:// URL of a mail server. Without it, emails go to the EmailOutbox table.
    SMTP_URL: z
      .string()
      .url("SMTP_URL must be a URL such as smtps://user:password@smtp.example.com:465")
      .refine((u) => /^smtps?:\/\//.test(u), "SMTP_URL must start with smtp:// or smtps://")
      .optional(),
    EMAIL_FROM: z.string().min(3).max(200).default("Linesmith <linesmith@localhost>"),
    // Telegram Bot API: without a token the Telegram channel is off.
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\d{3,20}:[A-Za-z0-9_-]{20,100}$/, "TELEGRAM_BOT_TOKEN must look like 123456789:AAE... (from @BotFather)")
      .optional(),
    TELEGRAM_BASE_URL: z
      .string()
      .url("TELEGRAM_BASE_URL must be a URL such as https://api.telegram.org")
      .default("https://api.telegram.org"),
    // Web push (VAPID): all three or none; without them web push is off.
    VAPID_PUBLIC_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{80,100}$/, "VAPID_PUBLIC_KEY must be a base64url P-256 public key")
      .optional(),
    VAPID_PRIVATE_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{40,50}$/, "VAPID_PRIVATE_KEY must be a base64url P-256 private key")
      .optional(),
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:|https:\/\/)\S+$/, "VAPID_SUBJECT must be a mailto: address or an https:// URL")
      .optional(),
    // Hosts (besides hooks.slack.com and the browsers' push services) that Slack webhook and push subscription
    // URLs may point at, e.g. 127.0.0.1 for the fake servers. Outside production 127.0.0.1 and localhost are allowed.
    NOTIFY_ALLOWED_HOSTS: z
      .string()
      .transform((text) =>
        text
          .split(",")
          .map((part) => part.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine(
        (hosts) => hosts.every((h) => /^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(h)),
        "NOTIFY_ALLOWED_HOSTS must be comma-separated host names such as 127.0.0.1,hooks.example.com",
      )
      .default([]),
    // Billing (see server/domain/billing/plans.ts). BILLING=off lifts every plan limit (self-hosting); without
    // STRIPE_SECRET_KEY billing is unconfigured and everyone has the Free plan's limits.
    BILLING: z.enum(["on", "off"], { error: "BILLING must be on or off" }).default("on"),
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, "STRIPE_SECRET_KEY must be a secret key such as sk_test_...")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_[A-Za-z0-9_+/=]+$/, "STRIPE_WEBHOOK_SECRET must be a webhook signing secret such as whsec_...")
      .optional(),
    // Tests, e2e and local runs point this at the fake Stripe (server/integrations/stripe/fake-server.ts).
    STRIPE_API_BASE_URL: z.string().url("STRIPE_API_BASE_URL must be a URL such as http://127.0.0.1:12111").optional(),
    // Days a past-due subscription keeps its plan before the downgrade to Free.
    BILLING_PAST_DUE_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(7),
    // Trial offered at the first checkout of an account (0: no trial).
    BILLING_TRIAL_DAYS: z.coerce.number().int().min(0).max(90).default(14),
    // /api/health/ready: the job runner counts as alive while its latest JobRun started this recently (a job
    // runs every minute, so ten minutes without one means the runner is down).
    HEALTH_JOB_MAX_AGE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(600),
    // Structured logs (server/log.ts): the least severe level written.
    LOG_LEVEL: logLevelSchema,
    // /api/metrics answers only with this bearer token; without it the endpoint is off (404).
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  })
  .refine(optionalPair("INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"), {
    message: "set both INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY, or neither (jobs then run locally)",
    path: ["INNGEST_EVENT_KEY"],
  })
  .refine(optionalPair("GPU_SERVICE_URL", "GPU_SERVICE_TOKEN"), {
    message: "set both GPU_SERVICE_URL and GPU_SERVICE_TOKEN, or neither (training then runs in-process)",
    path: ["GPU_SERVICE_URL"],
  })
  .refine((e) => !e.LLM_PROVIDER || Boolean(e.LLM_MODEL), {
    message: "LLM_MODEL is required when LLM_PROVIDER is set (e.g. gpt-4o-mini or claude-sonnet-4-5)",
    path: ["LLM_MODEL"],
  })
  // A local OpenAI-compatible server may need no key; the providers' own endpoints always do.
  .refine((e) => !e.LLM_PROVIDER || Boolean(e.LLM_API_KEY) || Boolean(e.LLM_BASE_URL), {
    message: "LLM_API_KEY is required when LLM_PROVIDER is set without LLM_BASE_URL",
    path: ["LLM_API_KEY"],
  })
  .refine((env) => [env.VAPID_PUBLIC_KEY, env.VAPID_PRIVATE_KEY, env.VAPID_SUBJECT].filter(Boolean).length % 3 === 0, {
    message: "set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT together, or none (web push is then off)",
    path: ["VAPID_PUBLIC_KEY"],
  })
  .refine(optionalPair("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"), {
    message: "set both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or neither (billing is then not configured)",
    path: ["STRIPE_SECRET_KEY"],
  })
  .refine(optionalPair("GITHUB_ID", "GITHUB_SECRET"), {
    message: "set both GITHUB_ID and GITHUB_SECRET, or neither",
    path: ["GITHUB_ID"],
  })
  .refine(optionalPair("GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"), {
    message: "set both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, or neither",
    path: ["GOOGLE_CLIENT_ID"],
  });

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings (VAR= in a shell) mean "unset".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "environment"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment; the first call validates and throws with every problem named. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
