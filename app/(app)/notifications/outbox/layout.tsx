import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getSession } from "@/server/auth/session";
import { db } from "@/server/db/client";

export const metadata: Metadata = { title: "Email outbox" };

/** Administrators only: for everyone else the page does not exist (the router refuses them too). */
export default async function OutboxLayout({ children }: { children: React.ReactNode }) {
  const session = await getSession();
  const user = session?.user?.id ? await db.user.findUnique({ where: { id: session.user.id }, select: { role: true } }) : null;
  if (user?.role !== "ADMIN") notFound();
  return children;
}
