import { z } from "zod";
import { telegramChatIdSchema } from "@/server/integrations/telegram/schema";
import { pushSubscriptionSchema } from "@/server/integrations/web-push/schema";
import { addChannel, channelAvailability, listChannels, removeChannel, sendTestMessage } from "@/server/services/notify/channels";
import { listNotifications, listOutbox, markRead, unreadCount } from "@/server/services/notify/inbox";
import { notifyDepsFromEnv } from "@/server/services/notify";
import { env } from "@/server/env";
import { DbId, safeText } from "../schemas";
import { adminProcedure, protectedProcedure, rateLimited, router } from "../trpc";

const Label = safeText(60).pipe(z.string().min(1, "give the channel a name"));

const AddChannel = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("EMAIL"), label: Label }).strict(),
    z.object({ kind: z.literal("SLACK"), label: Label, webhookUrl: safeText(500).pipe(z.string().url("paste the webhook URL Slack gave you")) }).strict(),
    z.object({ kind: z.literal("TELEGRAM"), label: Label, chatId: telegramChatIdSchema }).strict(),
    z.object({ kind: z.literal("WEB_PUSH"), label: Label, subscription: pushSubscriptionSchema }).strict(),
  ],
  { error: "kind must be EMAIL, SLACK, TELEGRAM or WEB_PUSH" },
);

// Test messages reach outside services: a few per user and 10 minutes.
const testLimit = rateLimited("notifications.test", 10, 10 * 60_000);

export const notificationsRouter = router({
  /** The user's channels, which kinds work on this server, and the VAPID public key for subscribing. */
  channels: protectedProcedure.query(async ({ ctx }) => {
    const deps = notifyDepsFromEnv(ctx.pool);
    return {
      channels: await listChannels(ctx.pool, ctx.user.id),
      availability: channelAvailability(deps),
      vapidPublicKey: env().VAPID_PUBLIC_KEY ?? null,
    };
  }),

  addChannel: protectedProcedure
    .use(testLimit)
    .input(AddChannel)
    .mutation(({ ctx, input }) => addChannel(ctx.pool, notifyDepsFromEnv(ctx.pool), ctx.user.id, input)),

  sendTest: protectedProcedure
    .use(testLimit)
    .input(z.object({ channelId: DbId }).strict())
    .mutation(({ ctx, input }) => sendTestMessage(ctx.pool, notifyDepsFromEnv(ctx.pool), ctx.user.id, input.channelId)),

  removeChannel: protectedProcedure
    .input(z.object({ channelId: DbId }).strict())
    .mutation(async ({ ctx, input }) => {
      await removeChannel(ctx.pool, ctx.user.id, input.channelId);
      return { removed: input.channelId };
    }),

  list: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(30), before: DbId.nullish() }).strict())
    .query(({ ctx, input }) => listNotifications(ctx.pool, ctx.user.id, input)),

  unreadCount: protectedProcedure.query(({ ctx }) => unreadCount(ctx.pool, ctx.user.id)),

  markRead: protectedProcedure
    .input(z.object({ ids: z.array(DbId).min(1).max(500) }).strict().or(z.object({ all: z.literal(true) }).strict()))
    .mutation(async ({ ctx, input }) => ({ marked: await markRead(ctx.pool, ctx.user.id, "all" in input ? "all" : input.ids) })),

  /** Emails kept instead of sent when SMTP_URL is not set: administrators only. */
  outbox: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(30), before: DbId.nullish() }).strict())
    .query(({ ctx, input }) => listOutbox(ctx.pool, input)),
});
