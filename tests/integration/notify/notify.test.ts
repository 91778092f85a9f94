import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pool, prisma } from "../../support/app-db";
import { startFakes } from "./deps";

const { notify, deliverPending, recordNotification } = await import("@/server/services/notify");
const { MAX_ATTEMPTS, backoffSeconds } = await import("@/server/domain/notify/retry");

let fakes: Awaited<ReturnType<typeof startFakes>>;
let userSeq = 0;

async function newUser(): Promise<string> {
  const user = await prisma.user.create({ data: { email: `notify-${Date.now()}-${++userSeq}@example.com` } });
  return user.id;
}

const deliveriesOf = (notificationId: number) =>
  prisma.notificationDelivery.findMany({ where: { notificationId }, orderBy: { channelId: "asc" } });

beforeAll(async () => {
  fakes = await startFakes(pool);
});
afterAll(() => fakes.close());
// Each test starts with nothing due, so deliverPending sends only what the test made.
beforeEach(async () => {
  await prisma.notificationDelivery.updateMany({ where: { status: { in: ["PENDING", "FAILED"] } }, data: { status: "GIVEN_UP" } });
});

describe("notify", () => {
  it("makes one notification and one delivery per verified, enabled channel, however often and concurrently it is called", async () => {
    const userId = await newUser();
    const hook = fakes.slack.hook();
    fakes.telegram.addChat("5001");
    const slackId = await fakes.addChannel(userId, { kind: "SLACK", webhookUrl: hook });
    const telegramId = await fakes.addChannel(userId, { kind: "TELEGRAM", chatId: "5001" });
    await fakes.addChannel(userId, { kind: "TELEGRAM", chatId: "5002" }, { verified: false });
    const disabled = await fakes.addChannel(userId, { kind: "SLACK", webhookUrl: fakes.slack.hook() });
    await prisma.notificationChannel.update({ where: { id: disabled }, data: { disabledAt: new Date() } });

    const input = { userId, kind: "bot.slips", dedupeKey: "bot:1:slips:2026-12-02", title: "Steady EPL: 2 new slips", body: "Arsenal v Spurs, home @ 2.10", url: "/bots/1" };
    const results = await Promise.all(Array.from({ length: 8 }, () => recordNotification(pool, input)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.notificationId)).size).toBe(1);
    const again = await notify(pool, input, { deps: fakes.deps });
    expect(again).toMatchObject({ created: false, deliveries: 0 });

    expect(await prisma.notification.count({ where: { userId } })).toBe(1);
    const deliveries = await deliveriesOf(results[0]!.notificationId);
    expect(deliveries.map((d) => d.channelId)).toEqual([slackId, telegramId]);
    // Recorded, not yet sent: nothing reached the services.
    expect(fakes.slack.messages.filter((m) => m.hookUrl === hook)).toHaveLength(0);
  });

  it("delivers at once on every channel: Slack, Telegram, email (a real SMTP message) and web push", async () => {
    const userId = await newUser();
    const hook = fakes.slack.hook();
    fakes.telegram.addChat("5101");
    const subscription = fakes.push.subscribe();
    await fakes.addChannel(userId, { kind: "SLACK", webhookUrl: hook });
    await fakes.addChannel(userId, { kind: "TELEGRAM", chatId: "5101" });
    await fakes.addChannel(userId, { kind: "EMAIL", email: "ann.notify@example.com" });
    await fakes.addChannel(userId, { kind: "WEB_PUSH", subscription });

    const result = await notify(
      pool,
      { userId, kind: "bot.slips", dedupeKey: "slips-1", title: "Steady EPL: 2 new slips", body: "Arsenal v Spurs: home @ 2.10", url: "/bots/1" },
      { deps: fakes.deps },
    );
    expect(result.delivery).toMatchObject({ claimed: 4, sent: 4, failed: 0, givenUp: 0 });
    expect((await deliveriesOf(result.notificationId)).map((d) => [d.status, d.attempts])).toEqual(Array(4).fill(["SENT", 1]));

    expect(fakes.slack.messages.find((m) => m.hookUrl === hook)!.message.text).toBe(
      "*Steady EPL: 2 new slips*\nArsenal v Spurs: home @ 2.10\n<https://linesmith.test/bots/1|Open in Linesmith>",
    );
    expect(fakes.telegram.messages.find((m) => m.chat_id === "5101")).toMatchObject({ parse_mode: "HTML", text: expect.stringContaining("<b>Steady EPL: 2 new slips</b>") });
    const email = fakes.smtp.received.find((m) => m.to.includes("ann.notify@example.com"))!;
    expect(email.subject).toBe("Steady EPL: 2 new slips");
    expect(email.text).toContain("Arsenal v Spurs: home @ 2.10");
    expect(email.text).toContain("Open in Linesmith: https://linesmith.test/bots/1");
    const push = fakes.push.received.find((p) => subscription.endpoint.endsWith(p.subscriptionId))!;
    expect(JSON.parse(push.payload)).toEqual({ title: "Steady EPL: 2 new slips", body: "Arsenal v Spurs: home @ 2.10", url: "/bots/1", tag: `notification-${result.notificationId}` });
  });

  it("without SMTP_URL, an email channel's message lands in the EmailOutbox", async () => {
    const outboxFakes = await startFakes(pool, { smtp: false });
    try {
      const userId = await newUser();
      await outboxFakes.addChannel(userId, { kind: "EMAIL", email: "outbox.reader@example.com" });
      const received = outboxFakes.smtp.received.length;
      const result = await notify(pool, { userId, kind: "alert.value-bet", dedupeKey: "vb-1", title: "Value bet: Lakers +4.5", body: "EV 6.2%", url: "/games/9" }, { deps: outboxFakes.deps });
      expect(result.delivery).toMatchObject({ sent: 1 });
      const row = await prisma.emailOutbox.findFirst({ where: { to: "outbox.reader@example.com" } });
      expect(row).toMatchObject({ subject: "Value bet: Lakers +4.5" });
      expect(row!.text).toContain("EV 6.2%");
      expect(outboxFakes.smtp.received.length).toBe(received);
    } finally {
      await outboxFakes.close();
    }
  });
});

describe("deliverPending", () => {
  it("two workers in parallel send each delivery exactly once", async () => {
    const userId = await newUser();
    const hook = fakes.slack.hook();
    fakes.telegram.addChat("5201");
    await fakes.addChannel(userId, { kind: "SLACK", webhookUrl: hook });
    await fakes.addChannel(userId, { kind: "TELEGRAM", chatId: "5201" });
    for (let i = 0; i < 40; i++) {
      await recordNotification(pool, { userId, kind: "bot.slips", dedupeKey: `parallel-${i}`, title: `Slip ${i}`, body: "x" });
    }
    const now = new Date(Date.now() + 1000);
    const [a, b] = await Promise.all([
      deliverPending(pool, now, { deps: fakes.deps, batchSize: 7 }),
      deliverPending(pool, now, { deps: fakes.deps, batchSize: 7 }),
    ]);
    expect(a.sent + b.sent).toBe(80);
    // Both really worked (otherwise this proves nothing about sharing).
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    const slackTexts = fakes.slack.messages.filter((m) => m.hookUrl === hook).map((m) => m.message.text);
    expect(slackTexts).toHaveLength(40);
    expect(new Set(slackTexts).size).toBe(40);
    expect(fakes.telegram.messages.filter((m) => m.chat_id === "5201")).toHaveLength(40);
    expect(await prisma.notificationDelivery.count({ where: { notification: { userId }, status: "SENT", attempts: 1 } })).toBe(80);
  });

  it("backs off after each failure, is not tried before it is due, and gives up after the last attempt", async () => {
    const userId = await newUser();
    const hook = fakes.slack.hook();
    fakes.slack.setMode(hook, { kind: "server-error" });
    const channelId = await fakes.addChannel(userId, { kind: "SLACK", webhookUrl: hook });
    const { notificationId } = await recordNotification(pool, { userId, kind: "bot.slips", dedupeKey: "backoff", title: "t", body: "b" });
    let now = new Date(Date.now() + 1000);
    const before = fakes.slack.requests;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliverPending(pool, now, { deps: fakes.deps });
      const [d] = await deliveriesOf(notificationId);
      expect(d!.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(d!.status).toBe("FAILED");
        expect(d!.lastError).toBe("server error 500: internal_error");
        expect(d!.nextAttemptAt.getTime() - now.getTime()).toBe(backoffSeconds(attempt) * 1000);
        // One second early: not due, not sent.
        await deliverPending(pool, new Date(d!.nextAttemptAt.getTime() - 1000), { deps: fakes.deps });
        expect((await deliveriesOf(notificationId))[0]!.attempts).toBe(attempt);
        now = d!.nextAttemptAt;
      } else {
        expect(d!.status).toBe("GIVEN_UP");
      }
    }
    expect(fakes.slack.requests - before).toBe(MAX_ATTEMPTS);
    await deliverPending(pool, new Date(now.getTime() + 86_400_000), { deps: fakes.deps });
    expect(fakes.slack.requests - before).toBe(MAX_ATTEMPTS);
    // One message given up is not yet a reason to turn the channel off.
    expect(await prisma.notificationChannel.findUnique({ where: { id: channelId } })).toMatchObject({ failureStreak: 1, disabledAt: null });
  });

  it("honours a 429's Retry-After, then sends", async () => {
    const userId = await newUser();
    fakes.telegram.addChat("5301", { kind: "rate-limited", retryAfterSeconds: 45 });
    await fakes.addChannel(userId, { kind: "TELEGRAM", chatId: "5301" });
    const { notificationId } = await recordNotification(pool, { userId, kind: "bot.slips", dedupeKey: "429", title: "t", body: "b" });
    const now = new Date(Date.now() + 1000);
    await deliverPending(pool, now, { deps: fakes.deps });
    const [d] = await deliveriesOf(notificationId);
    expect(d).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(d!.nextAttemptAt.getTime()).toBe(now.getTime() + 45_000);
    fakes.telegram.setMode("5301", { kind: "ok" });
    await deliverPending(pool, new Date(now.getTime() + 45_000), { deps: fakes.deps });
    expect((await deliveriesOf(notificationId))[0]).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
  });

  it("turns a channel off when its target is gone, gives up its queue and tells the user on the other channels", async () => {
    const userId = await newUser();
    const subscription = fakes.push.subscribe();
    fakes.push.setMode(subscription.endpoint, { kind: "gone" });
    const hook = fakes.slack.hook();
    const pushId = await fakes.addChannel(userId, { kind: "WEB_PUSH", subscription }, { label: "Phone" });
    await fakes.addChannel(userId, { kind: "SLACK", webhookUrl: hook });
    const first = await recordNotification(pool, { userId, kind: "bot.slips", dedupeKey: "gone-1", title: "t1", body: "b" });
    const second = await recordNotification(pool, { userId, kind: "bot.slips", dedupeKey: "gone-2", title: "t2", body: "b" });
    const pushesBefore = fakes.push.requests;

    const result = await deliverPending(pool, new Date(Date.now() + 1000), { deps: fakes.deps, batchSize: 1 });
    expect(result.channelsDisabled).toBe(1);
    // One push request found the subscription gone; the other message for it was given up without a request.
    expect(fakes.push.requests - pushesBefore).toBe(1);
    const channel = await prisma.notificationChannel.findUniqueOrThrow({ where: { id: pushId } });
    expect(channel.disabledAt).not.toBeNull();
    expect(channel.disabledReason).toBe("the browser's subscription has expired or was removed (410)");
    const pushDeliveries = await prisma.notificationDelivery.findMany({ where: { channelId: pushId } });
    expect(pushDeliveries.map((d) => d.status)).toEqual(["GIVEN_UP", "GIVEN_UP"]);
    expect((await deliveriesOf(first.notificationId)).find((d) => d.channelId !== pushId)!.status).toBe("SENT");
    expect((await deliveriesOf(second.notificationId)).find((d) => d.channelId !== pushId)!.status).toBe("SENT");

    const notice = await prisma.notification.findFirstOrThrow({ where: { userId, kind: "channel.disabled" } });
    expect(notice.title).toBe('Browser push channel "Phone" was turned off');
    expect(fakes.slack.messages.filter((m) => m.hookUrl === hook).map((m) => m.message.text.split("\n")[0])).toContain(
      '*Browser push channel "Phone" was turned off*',
    );
    // Turned off: later notifications make no delivery for it.
    const later = await recordNotification(pool, { userId, kind: "bot.slips", dedupeKey: "gone-3", title: "t3", body: "b" });
    expect((await deliveriesOf(later.notificationId)).map((d) => d.channelId)).not.toContain(pushId);
  });

  it("turns a channel off after three messages given up in a row", async () => {
    const userId = await newUser();
    fakes.telegram.addChat("5401");
    const channelId = await fakes.addChannel(userId, { kind: "TELEGRAM", chatId: "5401" });
    // A bad request (the message refused) is given up at once and counts against the channel.
    const { ProviderError } = await import("@/server/integrations/provider-error");
    const refusing = { ...fakes.deps, senders: { ...fakes.deps.senders, send: () => Promise.reject(new ProviderError("telegram", "bad-request", "refused (400: Bad Request: can't parse entities)")) } };
    for (let i = 0; i < 3; i++) await recordNotification(pool, { userId, kind: "bot.slips", dedupeKey: `streak-${i}`, title: "t", body: "b" });
    const result = await deliverPending(pool, new Date(Date.now() + 1000), { deps: refusing, batchSize: 1 });
    expect(result).toMatchObject({ givenUp: 3, channelsDisabled: 1 });
    const channel = await prisma.notificationChannel.findUniqueOrThrow({ where: { id: channelId } });
    expect(channel.disabledReason).toBe("3 messages in a row could not be delivered (last: refused (400: Bad Request: can't parse entities))");
  });

  it("keeps secrets out of the database in clear and out of error records", async () => {
    const userId = await newUser();
    const hook = fakes.slack.hook();
    fakes.slack.setMode(hook, { kind: "server-error" });
    const channelId = await fakes.addChannel(userId, { kind: "SLACK", webhookUrl: hook });
    const failing = { ...fakes.deps, senders: { ...fakes.deps.senders, send: () => Promise.reject(new Error(`connect ECONNREFUSED ${hook} bot123456:AAsecretsecretsecretsecret`)) } };
    const { notificationId } = await recordNotification(pool, { userId, kind: "bot.slips", dedupeKey: "secret", title: "t", body: "b" });
    await deliverPending(pool, new Date(Date.now() + 1000), { deps: failing });
    const [d] = await deliveriesOf(notificationId);
    expect(d!.lastError).toBe("connect ECONNREFUSED <url> bot<token>");
    const { rows } = await pool.query(`SELECT config, summary FROM "NotificationChannel" WHERE id = $1`, [channelId]);
    const secret = hook.split("/").pop()!;
    expect(rows[0].config).not.toContain(secret);
    expect(rows[0].summary).not.toContain(secret);
  });
});

describe("deliver-notifications job", () => {
  it("runs every minute and on linesmith/notification.created, and stays idle (no run row) when nothing is due", async () => {
    const { deliverNotificationsJob } = await import("@/inngest/jobs");
    expect(deliverNotificationsJob).toMatchObject({ cron: "* * * * *", events: ["linesmith/notification.created"] });
    expect(await deliverNotificationsJob.idle!()).toBe("no notification delivery is due");
    const userId = await newUser();
    await fakes.addChannel(userId, { kind: "SLACK", webhookUrl: fakes.slack.hook() });
    await recordNotification(pool, { userId, kind: "bot.slips", dedupeKey: "job", title: "t", body: "b" });
    expect(await deliverNotificationsJob.idle!()).toBeNull();
  });
});
