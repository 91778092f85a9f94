import { OutboxList } from "@/components/notifications/outbox-list";

export default function OutboxPage() {
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Email outbox</h1>
      <p className="text-sm text-muted-foreground">
        SMTP_URL is not set, so emails are kept here instead of sent. They may hold sign-in and reset links: pass each
        one only to its recipient.
      </p>
      <OutboxList />
    </div>
  );
}
