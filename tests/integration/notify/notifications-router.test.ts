import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlack } from "@/server/integrations/slack/fake-server";
import { startFakeTelegram } from "@/server/integrations/telegram/fake-server";
import { startFakePushService } from "@/server/integrations/web-push/fake-server";

// The router builds its clients from the environment: point them at the fakes before the app is imported.
const [slack, telegram, push] = await Promise.all([startFakeSlack(), startFakeTelegram(), startFakePushService()]);
const vapid = webpush.generateVAPIDKeys();
const saved = { ...process.env };
Object.assign(process.env, {
  TELEGRAM_BOT_TOKEN: telegram.token,
  TELEGRAM_BASE_URL: telegram.url,
  VAPID_PUBLIC_KEY: vapid.publicKey,
  VAPID_PRIVATE_KEY: vapid.privateKey,
  VAPID_SUBJECT: "mailto:alerts@linesmith.test",
  NEXTAUTH_URL: "https://linesmith.test",
});
delete process.env.SMTP_URL;
const { apiCaller } = await import("../../support/api-caller");
const { prisma, caller } = apiCaller();
type Who = { id: string; role: "USER" | "ADMIN" };

afterAll(async () => {
  process.env = saved;
  await Promise.all([slack.close(), telegram.close(), push.close()]);
});

describe("notifications router", () => {
  let ann: Who;
  let ben: Who;
  let admin: Who;
  beforeAll(async () => {
    const stamp = Date.now();
    ann = await prisma.user.create({ data: { email: `ann-n-${stamp}@example.com` }, select: { id: true, role: true } });
    ben = await prisma.user.create({ data: { email: `ben-n-${stamp}@example.com` }, select: { id: true, role: true } });
    admin = await prisma.user.create({ data: { email: `admin-n-${stamp}@example.com`, role: "ADMIN" }, select: { id: true, role: true } });
  });

  it("adds a Slack channel, verifies it with a test message, and stores the webhook sealed", async () => {
    const hook = slack.hook();
    const { channel, test } = await caller(ann).notifications.addChannel({ kind: "SLACK", label: "#alerts", webhookUrl: hook });
    expect(test).toEqual({ status: "SENT", error: null });
    expect(channel).toMatchObject({ kind: "SLACK", label: "#alerts", disabledAt: null });
    expect(channel.verifiedAt).not.toBeNull();
    expect(channel.summary).toBe(`${new URL(hook).host} …${hook.slice(-4)}`);
    expect(slack.messages.filter((m) => m.hookUrl === hook).map((m) => m.message.text.split("\n")[0])).toEqual(["*Test message from Linesmith*"]);
    const row = await prisma.notificationChannel.findUniqueOrThrow({ where: { id: channel.id } });
    expect(row.config).not.toContain(hook.split("/").pop());
    // The same webhook again is the same channel.
    const again = await caller(ann).notifications.addChannel({ kind: "SLACK", label: "#alerts-2", webhookUrl: hook });
    expect(again.channel.id).toBe(channel.id);
    expect((await caller(ann).notifications.channels()).channels.filter((c) => c.kind === "SLACK")).toHaveLength(1);
  });

  it("adds Telegram, email (the account's address, into the outbox without SMTP) and web push", async () => {
    telegram.addChat("7001");
    const tg = await caller(ann).notifications.addChannel({ kind: "TELEGRAM", label: "Me", chatId: "7001" });
    expect(tg.test.status).toBe("SENT");
    expect(telegram.messages.at(-1)).toMatchObject({ chat_id: "7001" });

    const email = await caller(ann).notifications.addChannel({ kind: "EMAIL", label: "Inbox" });
    expect(email.test.status).toBe("SENT");
    expect(email.channel.summary).toMatch(/^ann-n-\d+@example\.com$/);
    const outbox = await caller(admin).notifications.outbox({});
    expect(outbox.items[0]).toMatchObject({ to: email.channel.summary, subject: "Test message from Linesmith" });

    const subscription = push.subscribe();
    const wp = await caller(ann).notifications.addChannel({ kind: "WEB_PUSH", label: "Laptop", subscription });
    expect(wp.test.status).toBe("SENT");
    expect(JSON.parse(push.received.at(-1)!.payload)).toMatchObject({ title: "Test message from Linesmith", url: "/settings#notifications" });

    const listed = await caller(ann).notifications.channels();
    expect(listed.availability).toEqual({ EMAIL: null, SLACK: null, TELEGRAM: null, WEB_PUSH: null });
    expect(listed.vapidPublicKey).toBe(vapid.publicKey);
  });

  it("reports a failing test message and keeps the channel unverified", async () => {
    const test = await caller(ann).notifications.addChannel({ kind: "TELEGRAM", label: "Nobody", chatId: "7999" });
    expect(test.test.status).toBe("GIVEN_UP");
    expect(test.test.error).toBe("the chat no longer receives messages (400: Bad Request: chat not found)");
    expect(test.channel.verifiedAt).toBeNull();
    expect(test.channel.disabledAt).not.toBeNull();
  });

  it.each([
    [{ kind: "SLACK", label: "x", webhookUrl: "https://evil.example.com/services/T1/B1/x" }, /The Slack webhook URL must be a Slack incoming webhook/],
    [{ kind: "SLACK", label: "x", webhookUrl: "not a url" }, /webhookUrl: paste the webhook URL Slack gave you/],
    [{ kind: "TELEGRAM", label: "x", chatId: "12; DROP" }, /chatId: a Telegram chat id is a number/],
    [{ kind: "WEB_PUSH", label: "x", subscription: { endpoint: "https://169.254.169.254/x", keys: { p256dh: "a", auth: "b" } } }, /keys.p256dh must be 65 bytes/],
    [{ kind: "SMS", label: "x" }, /kind must be EMAIL, SLACK, TELEGRAM or WEB_PUSH/],
    [{ kind: "EMAIL", label: "" }, /label: give the channel a name/],
  ])("refuses %j with a readable 400", async (input, message) => {
    const attempt = caller(ben).notifications.addChannel(input as never);
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(attempt).rejects.toThrow(message);
  });

  it("refuses a push endpoint that is not a push service (the server would POST to it)", async () => {
    const sub = push.subscribe();
    const attempt = caller(ben).notifications.addChannel({ kind: "WEB_PUSH", label: "x", subscription: { ...sub, endpoint: "http://10.1.2.3/push/x" } });
    await expect(attempt).rejects.toThrow("The push subscription's endpoint must start with https://.");
  });

  it("keeps each user's channels and notifications to themselves", async () => {
    const annChannel = (await caller(ann).notifications.channels()).channels[0]!;
    expect((await caller(ben).notifications.channels()).channels).toEqual([]);
    await expect(caller(ben).notifications.sendTest({ channelId: annChannel.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(ben).notifications.removeChannel({ channelId: annChannel.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const annList = await caller(ann).notifications.list({});
    expect(annList.items.length).toBeGreaterThan(0);
    expect((await caller(ben).notifications.list({})).items).toEqual([]);
    expect(await caller(ben).notifications.markRead({ ids: annList.items.map((n) => n.id) })).toEqual({ marked: 0 });
    expect(await caller(ann).notifications.unreadCount()).toBe(annList.items.length);
    await expect(caller(ben).notifications.outbox({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(null).notifications.unreadCount()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("lists notifications newest first with each channel's delivery, and marks them read", async () => {
    const { items } = await caller(ann).notifications.list({ limit: 2 });
    expect(items).toHaveLength(2);
    expect(items[0]!.id).toBeGreaterThan(items[1]!.id);
    expect(items[0]!.deliveries[0]).toMatchObject({ status: expect.any(String), channelLabel: expect.any(String) });
    expect(await caller(ann).notifications.markRead({ ids: [items[0]!.id] })).toEqual({ marked: 1 });
    const unread = await caller(ann).notifications.unreadCount();
    expect(await caller(ann).notifications.markRead({ all: true })).toEqual({ marked: unread });
    expect(await caller(ann).notifications.unreadCount()).toBe(0);
  });

  it("removes a channel with its deliveries", async () => {
    const channel = (await caller(ann).notifications.channels()).channels[0]!;
    await caller(ann).notifications.removeChannel({ channelId: channel.id });
    expect((await caller(ann).notifications.channels()).channels.map((c) => c.id)).not.toContain(channel.id);
    expect(await prisma.notificationDelivery.count({ where: { channelId: channel.id } })).toBe(0);
  });
});
