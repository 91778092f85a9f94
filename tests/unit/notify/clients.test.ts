import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "@/server/integrations/provider-error";
import { createSlackClient } from "@/server/integrations/slack/client";
import { startFakeSlack, type FakeSlack } from "@/server/integrations/slack/fake-server";
import { createMailer } from "@/server/integrations/smtp/mailer";
import { startFakeSmtp, type FakeSmtp } from "@/server/integrations/smtp/fake-server";
import { createTelegramClient } from "@/server/integrations/telegram/client";
import { startFakeTelegram, type FakeTelegram } from "@/server/integrations/telegram/fake-server";
import { createWebPushClient, WEB_PUSH_OFF } from "@/server/integrations/web-push/client";
import { startFakePushService, type FakePushService } from "@/server/integrations/web-push/fake-server";
import { fetchTrusting, selfSignedCert } from "../../support/tls";

/** The error a promise rejects with, for asserting its kind, status and message together. */
async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("Slack incoming webhook client against the fake", () => {
  let fake: FakeSlack;
  const slack = createSlackClient();
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(() => fake.close());

  it("posts text and blocks, answered 200 ok", async () => {
    const hook = fake.hook();
    await slack.post(hook, { text: "*Bot* made 2 slips", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Bot* made 2 slips" } }] });
    expect(fake.messages.filter((m) => m.hookUrl === hook).map((m) => m.message.text)).toEqual(["*Bot* made 2 slips"]);
  });

  it("reports a 429 as rate limited with the Retry-After seconds", async () => {
    const hook = fake.hook();
    fake.setMode(hook, { kind: "rate-limited", retryAfterSeconds: 37 });
    const e = await failure(slack.post(hook, { text: "hello" }));
    expect(e).toMatchObject({ kind: "rate-limited", status: 429, retryAfterSeconds: 37 });
  });

  it("reports a revoked webhook (404 no_service) and an archived channel (410) as gone, without the URL", async () => {
    const hook = fake.hook();
    fake.setMode(hook, { kind: "revoked" });
    const revoked = await failure(slack.post(hook, { text: "hello" }));
    expect(revoked).toMatchObject({ kind: "gone", status: 404 });
    expect(revoked.message).toContain("no_service");
    expect(revoked.message).not.toContain(hook.split("/").pop());
    fake.setMode(hook, { kind: "archived" });
    expect(await failure(slack.post(hook, { text: "hello" }))).toMatchObject({ kind: "gone", status: 410 });
  });

  it("reports 5xx as unavailable (worth retrying) and refuses a message Slack would refuse before sending it", async () => {
    const hook = fake.hook();
    fake.setMode(hook, { kind: "server-error" });
    expect(await failure(slack.post(hook, { text: "hello" }))).toMatchObject({ kind: "unavailable", status: 500 });
    const before = fake.requests;
    await expect(slack.post(hook, { text: "" })).rejects.toThrow();
    expect(fake.requests).toBe(before);
  });
});

describe("Telegram Bot API client against the fake", () => {
  let fake: FakeTelegram;
  beforeAll(async () => {
    fake = await startFakeTelegram();
  });
  afterAll(() => fake.close());
  const client = () => createTelegramClient({ baseUrl: fake.url, token: fake.token });

  it("sends a message to a chat and returns its id", async () => {
    fake.addChat("1001");
    const sent = await client().sendMessage({ chat_id: "1001", text: "<b>2 slips</b>", parse_mode: "HTML" });
    expect(sent.messageId).toBeGreaterThan(0);
    expect(fake.messages.at(-1)).toMatchObject({ chat_id: "1001", text: "<b>2 slips</b>", parse_mode: "HTML" });
  });

  it("reads retry_after from a 429", async () => {
    fake.addChat("1002", { kind: "rate-limited", retryAfterSeconds: 12 });
    const e = await failure(client().sendMessage({ chat_id: "1002", text: "x" }));
    expect(e).toMatchObject({ kind: "rate-limited", status: 429, retryAfterSeconds: 12 });
  });

  it("treats a blocked bot and an unknown chat as gone, a wrong token as the server's problem, and never shows the token", async () => {
    fake.addChat("1003", { kind: "blocked" });
    const blocked = await failure(client().sendMessage({ chat_id: "1003", text: "x" }));
    expect(blocked).toMatchObject({ kind: "gone", status: 403 });
    expect(blocked.message).toContain("bot was blocked by the user");
    expect(await failure(client().sendMessage({ chat_id: "999", text: "x" }))).toMatchObject({ kind: "gone", status: 400 });
    const wrongToken = "987654321:AAWrongTokenWrongTokenWrongToken_x";
    const unauthorized = await failure(createTelegramClient({ baseUrl: fake.url, token: wrongToken }).sendMessage({ chat_id: "1001", text: "x" }));
    expect(unauthorized).toMatchObject({ kind: "unauthorized", status: 401 });
    for (const e of [blocked, unauthorized]) {
      expect(e.message).not.toContain(fake.token.split(":")[1]);
      expect(e.message).not.toContain(wrongToken.split(":")[1]);
    }
  });
});

describe("web push client against the fake push service", () => {
  let fake: FakePushService;
  const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:alerts@example.com" };
  beforeAll(async () => {
    fake = await startFakePushService();
  });
  afterAll(() => fake.close());
  const client = createWebPushClient({ vapid });
  const payload = { title: "2 new slips", body: "Premier League, 3 games", url: "/bots/4", tag: "notification-1" };

  it("encrypts the payload so that only the subscription's keys read it, with a VAPID signature", async () => {
    const subscription = fake.subscribe();
    await client.send(subscription, payload);
    const got = fake.received.at(-1)!;
    expect(JSON.parse(got.payload)).toEqual(payload);
    expect(got.authorization).toContain(`k=${vapid.publicKey}`);
    expect(got.ttl).toBe(String(24 * 3600));
  });

  it("reports 410 and 404 as gone, 429 with Retry-After as rate limited", async () => {
    const gone = fake.subscribe();
    fake.setMode(gone.endpoint, { kind: "gone" });
    expect(await failure(client.send(gone, payload))).toMatchObject({ kind: "gone", status: 410 });
    fake.setMode(gone.endpoint, { kind: "not-found" });
    expect(await failure(client.send(gone, payload))).toMatchObject({ kind: "gone", status: 404 });
    const busy = fake.subscribe();
    fake.setMode(busy.endpoint, { kind: "rate-limited", retryAfterSeconds: 90 });
    expect(await failure(client.send(busy, payload))).toMatchObject({ kind: "rate-limited", retryAfterSeconds: 90 });
  });

  it("is off, with the reason, without VAPID keys", async () => {
    const off = createWebPushClient({ vapid: null });
    expect(off.offReason).toBe(WEB_PUSH_OFF);
    const before = fake.requests;
    expect(await failure(off.send(fake.subscribe(), payload))).toMatchObject({ kind: "unauthorized" });
    expect(fake.requests).toBe(before);
  });
});

const tls = selfSignedCert();
if ("skip" in tls) console.log(`[skip] web push over HTTPS: ${tls.skip}`);

describe.skipIf("skip" in tls)("web push client against the fake push service over HTTPS (self-signed, made now)", () => {
  let fake: FakePushService;
  const cert = tls as { key: string; cert: string };
  const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:alerts@example.com" };
  const payload = { title: "Value bet", body: "Arsenal 2.10 at bet365", url: "/scanners", tag: "notification-2" };
  beforeAll(async () => {
    fake = await startFakePushService({ tls: cert });
  });
  afterAll(() => fake.close());

  it("sends over TLS to an endpoint that decrypts the payload with the subscription's keys", async () => {
    const subscription = fake.subscribe();
    expect(subscription.endpoint.startsWith("https://127.0.0.1:")).toBe(true);
    await createWebPushClient({ vapid, fetch: fetchTrusting(cert.cert) }).send(subscription, payload);
    const got = fake.received.at(-1)!;
    expect(JSON.parse(got.payload)).toEqual(payload);
    expect(got.authorization).toContain(`k=${vapid.publicKey}`);
  });

  it("refuses the certificate when it is not trusted: the push service is unavailable, nothing is delivered", async () => {
    const before = fake.received.length;
    expect(await failure(createWebPushClient({ vapid }).send(fake.subscribe(), payload))).toMatchObject({ kind: "unavailable" });
    expect(fake.received).toHaveLength(before);
  });
});

describe("mailer", () => {
  let smtp: FakeSmtp;
  beforeAll(async () => {
    smtp = await startFakeSmtp();
  });
  afterAll(() => smtp.close());

  it("sends through SMTP_URL: the server receives the subject, text and HTML parts", async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, from: "Linesmith <alerts@linesmith.test>", writeOutbox: () => Promise.reject(new Error("no outbox")) });
    const sent = await mailer.send({ to: "ann@example.com", subject: "2 new slips from Steady EPL", text: "Open: http://localhost:3000/bots/4 — ünïcode", html: "<p>Open</p>" });
    mailer.close();
    expect(sent.via).toBe("smtp");
    const got = smtp.received.at(-1)!;
    expect(got.to).toEqual(["ann@example.com"]);
    expect(got.from).toBe("alerts@linesmith.test");
    expect(got.subject).toBe("2 new slips from Steady EPL");
    expect(got.text.trim()).toBe("Open: http://localhost:3000/bots/4 — ünïcode");
    expect(got.html).toBe("<p>Open</p>");
  });

  it("reports a recipient the server refuses (550) as gone", async () => {
    smtp.refuse.add("nobody@example.com");
    const mailer = createMailer({ smtpUrl: smtp.url, from: "alerts@linesmith.test", writeOutbox: () => Promise.reject(new Error("no outbox")) });
    const e = await failure(mailer.send({ to: "nobody@example.com", subject: "x", text: "y" }));
    mailer.close();
    expect(e).toMatchObject({ kind: "gone", status: 550 });
  });

  it("without SMTP_URL writes to the outbox and logs one line without the body", async () => {
    const stored: unknown[] = [];
    const lines: string[] = [];
    const mailer = createMailer({
      smtpUrl: null,
      from: "alerts@linesmith.test",
      writeOutbox: async (m) => stored.push(m),
      log: (line) => lines.push(line),
    });
    const sent = await mailer.send({ to: "ann@example.com", subject: "Reset your password", text: "https://linesmith.test/reset?token=SECRET123" });
    expect(sent).toEqual({ via: "outbox", outboxId: 1 });
    expect(stored).toHaveLength(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("Reset your password");
    expect(lines[0]).not.toContain("SECRET123");
    expect(lines[0]).not.toContain("ann@");
  });

  it("refuses a subject that would inject headers", async () => {
    const mailer = createMailer({ smtpUrl: null, from: "a@b.test", writeOutbox: async () => 1 });
    await expect(mailer.send({ to: "ann@example.com", subject: "hi\r\nBcc: everyone@example.com", text: "x" })).rejects.toThrow(/one line/);
  });
});
