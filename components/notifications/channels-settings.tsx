"use client";

import { useState, useSyncExternalStore } from "react";
import { FieldError, FormError, useFormErrors } from "@/components/shell/form-errors";
import { useDisplay } from "@/components/shell/preferences";
import { ErrorState, LoadingRows } from "@/components/shell/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { trpc, type RouterOutputs } from "@/lib/trpc";
import { CHANNEL_NAME, DELIVERY_LABEL, type ChannelKindName } from "./labels";
import { browserName, pushSupported, subscribeThisBrowser } from "./push-subscribe";

type Channel = RouterOutputs["notifications"]["channels"]["channels"][number];
type TestResult = RouterOutputs["notifications"]["sendTest"];

const subscribeNever = () => () => {};

const KINDS: ChannelKindName[] = ["EMAIL", "SLACK", "TELEGRAM", "WEB_PUSH"];

const HINT: Record<ChannelKindName, string> = {
  EMAIL: "Alerts go to your account's email address.",
  SLACK: "In Slack, add the Incoming Webhooks app to a channel and paste the webhook URL it gives you.",
  TELEGRAM: "Start a chat with this server's Telegram bot first, then enter your chat id (a number).",
  WEB_PUSH: "Notifications on this browser, even when Linesmith is closed. The browser asks for permission.",
};

function testMessage(result: TestResult): string {
  if (result.status === "SENT") return "Test message sent: the channel works.";
  if (result.status === "FAILED") return `The test message did not get through yet and will be retried: ${result.error ?? "unknown error"}.`;
  return `The test message could not be delivered: ${result.error ?? "unknown error"}.`;
}

/** Settings section: the user's notification channels, each verified by a test message. */
export function ChannelsSettings() {
  const channels = trpc.notifications.channels.useQuery();
  const [status, setStatus] = useState("");
  return (
    <Card id="notifications">
      <CardHeader>
        <CardTitle className="text-base">Notification channels</CardTitle>
        <CardDescription>
          Where bots and alerts reach you besides the bell at the top. Each channel gets a test message when added; a
          channel that stops working is turned off and you are told here and in the app.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {channels.isLoading && <LoadingRows rows={2} />}
        {channels.error && <ErrorState message={channels.error.message} />}
        {channels.data && (
          <>
            {channels.data.channels.length === 0 ? (
              <p className="text-sm text-muted-foreground">No channels yet: notifications appear in the app only.</p>
            ) : (
              <ul className="flex flex-col gap-2" aria-label="Your notification channels">
                {channels.data.channels.map((c) => (
                  <ChannelRow key={c.id} c={c} onStatus={setStatus} />
                ))}
              </ul>
            )}
            <p role="status" aria-live="polite" className="min-h-5 text-sm text-muted-foreground">
              {status}
            </p>
            <AddChannelForm availability={channels.data.availability} vapidPublicKey={channels.data.vapidPublicKey} onStatus={setStatus} />
          </>
        )}
      </CardContent>
    </Card>
  );
}

function ChannelRow({ c, onStatus }: { c: Channel; onStatus: (s: string) => void }) {
  const { dateTime } = useDisplay();
  const utils = trpc.useUtils();
  const refresh = () => utils.notifications.channels.invalidate();
  const test = trpc.notifications.sendTest.useMutation({
    onSuccess: (r) => {
      onStatus(`${c.label}: ${testMessage(r)}`);
      return refresh();
    },
    onError: (e) => onStatus(`${c.label}: ${e.message}`),
  });
  const remove = trpc.notifications.removeChannel.useMutation({
    onSuccess: () => {
      onStatus(`${c.label} removed.`);
      return refresh();
    },
    onError: (e) => onStatus(e.message),
  });
  return (
    <li className="flex flex-col gap-2 rounded-md border p-3 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          <span className="break-words">{c.label}</span>
          <Badge variant="outline">{CHANNEL_NAME[c.kind]}</Badge>
          {c.disabledAt ? (
            <Badge variant="destructive">Turned off</Badge>
          ) : c.verifiedAt ? (
            <Badge variant="secondary">Verified</Badge>
          ) : (
            <Badge variant="warning">Not verified</Badge>
          )}
        </p>
        <p className="break-all text-xs text-muted-foreground">{c.summary}</p>
        {c.disabledAt && c.disabledReason && (
          <p className="mt-1 break-words text-xs text-destructive">
            Turned off {dateTime(c.disabledAt)}: {c.disabledReason}. Send a test to turn it back on.
          </p>
        )}
        {!c.disabledAt && c.last && (
          <p className="mt-1 break-words text-xs text-muted-foreground">
            Last message {DELIVERY_LABEL[c.last.status]} ({dateTime(c.last.at)}){c.last.error ? `: ${c.last.error}` : ""}
          </p>
        )}
      </div>
      <div className="flex shrink-0 gap-2">
        <Button variant="outline" size="sm" disabled={test.isPending} onClick={() => test.mutate({ channelId: c.id })}>
          {test.isPending ? "Sending…" : "Send test"}
        </Button>
        <Button
          variant="ghost"
          size="sm"
          disabled={remove.isPending}
          onClick={() => {
            if (window.confirm(`Remove the channel "${c.label}"?`)) remove.mutate({ channelId: c.id });
          }}
        >
          Remove
        </Button>
      </div>
    </li>
  );
}

function AddChannelForm({
  availability,
  vapidPublicKey,
  onStatus,
}: {
  availability: Record<ChannelKindName, string | null>;
  vapidPublicKey: string | null;
  onStatus: (s: string) => void;
}) {
  const utils = trpc.useUtils();
  const firstOn = KINDS.find((k) => !availability[k]) ?? "EMAIL";
  const [kind, setKind] = useState<ChannelKindName>(firstOn);
  const [label, setLabel] = useState("");
  const [webhookUrl, setWebhookUrl] = useState("");
  const [chatId, setChatId] = useState("");
  const [subscribing, setSubscribing] = useState(false);
  const errors = useFormErrors<"label" | "webhookUrl" | "chatId">({ label: "label", webhookUrl: "webhookUrl", chatId: "chatId" });
  const add = trpc.notifications.addChannel.useMutation({
    onSuccess: ({ channel, test }) => {
      onStatus(`${channel.label} added. ${testMessage(test)}`);
      setLabel("");
      setWebhookUrl("");
      setChatId("");
      return utils.notifications.channels.invalidate();
    },
    onError: errors.fromServer,
  });
  const off = availability[kind];
  // Read after hydration only: the server cannot know what this browser supports.
  const canPush = useSyncExternalStore(subscribeNever, pushSupported, () => true);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    errors.clear();
    const name = label.trim() || (kind === "WEB_PUSH" ? browserName() : CHANNEL_NAME[kind]);
    if (kind === "EMAIL") return add.mutate({ kind, label: name });
    if (kind === "SLACK") return add.mutate({ kind, label: name, webhookUrl: webhookUrl.trim() });
    if (kind === "TELEGRAM") return add.mutate({ kind, label: name, chatId: chatId.trim() });
    if (!vapidPublicKey) return;
    setSubscribing(true);
    try {
      const subscription = await subscribeThisBrowser(vapidPublicKey);
      add.mutate({ kind, label: name, subscription });
    } catch (error) {
      errors.setForm((error as Error).message);
    } finally {
      setSubscribing(false);
    }
  }

  return (
    <form className="flex flex-col gap-3 border-t pt-4" aria-label="Add a notification channel" onSubmit={submit}>
      <h3 className="text-sm font-semibold">Add a channel</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <Label htmlFor="channel-kind">Kind</Label>
          <NativeSelect
            id="channel-kind"
            value={kind}
            onChange={(e) => {
              errors.clear();
              setKind(e.target.value as ChannelKindName);
            }}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {CHANNEL_NAME[k]}
                {availability[k] ? " (off on this server)" : ""}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="channel-label">Name</Label>
          <Input
            id="channel-label"
            value={label}
            maxLength={60}
            placeholder={kind === "SLACK" ? "#betting-alerts" : kind === "WEB_PUSH" ? "This browser" : CHANNEL_NAME[kind]}
            onChange={(e) => setLabel(e.target.value)}
            {...errors.describe("label", "channel-label")}
          />
          <FieldError id="channel-label" message={errors.fields.label} />
        </div>
      </div>
      <p className="text-xs text-muted-foreground">{HINT[kind]}</p>
      {kind === "SLACK" && (
        <div className="flex flex-col gap-1">
          <Label htmlFor="channel-webhook">Webhook URL</Label>
          <Input
            id="channel-webhook"
            type="url"
            inputMode="url"
            autoComplete="off"
            required
            value={webhookUrl}
            placeholder="https://hooks.slack.com/services/…"
            onChange={(e) => setWebhookUrl(e.target.value)}
            {...errors.describe("webhookUrl", "channel-webhook")}
          />
          <FieldError id="channel-webhook" message={errors.fields.webhookUrl} />
        </div>
      )}
      {kind === "TELEGRAM" && (
        <div className="flex flex-col gap-1">
          <Label htmlFor="channel-chat">Chat id</Label>
          <Input
            id="channel-chat"
            inputMode="numeric"
            autoComplete="off"
            required
            value={chatId}
            placeholder="123456789"
            onChange={(e) => setChatId(e.target.value)}
            {...errors.describe("chatId", "channel-chat")}
          />
          <FieldError id="channel-chat" message={errors.fields.chatId} />
        </div>
      )}
      {kind === "WEB_PUSH" && !off && !canPush && (
        <p className="text-sm text-muted-foreground">This browser cannot receive push notifications.</p>
      )}
      {off && <p className="text-sm text-muted-foreground">{off}</p>}
      <FormError message={errors.form} />
      <div>
        <Button type="submit" disabled={Boolean(off) || add.isPending || subscribing}>
          {add.isPending || subscribing ? "Adding…" : kind === "WEB_PUSH" ? "Allow notifications here" : "Add and send a test"}
        </Button>
      </div>
    </form>
  );
}
