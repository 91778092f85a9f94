import Link from "next/link";
import { NotificationList } from "@/components/notifications/notification-list";
import { getSession } from "@/server/auth/session";
import { db } from "@/server/db/client";

export default async function NotificationsPage() {
  const session = await getSession();
  const user = session?.user?.id ? await db.user.findUnique({ where: { id: session.user.id }, select: { role: true } }) : null;
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
        {user?.role === "ADMIN" && (
          <Link className="text-sm underline" href="/notifications/outbox">
            Email outbox
          </Link>
        )}
      </div>
      <NotificationList />
    </div>
  );
}
