import { notFound } from "next/navigation";
import { AdminNav } from "@/components/admin/admin-nav";
import { getSession } from "@/server/auth/session";
import { db } from "@/server/db/client";

/** Administrators only: for everyone else the admin pages do not exist (their routers refuse them too). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const session = await getSession();
  const user = session?.user?.id ? await db.user.findUnique({ where: { id: session.user.id }, select: { role: true } }) : null;
  if (user?.role !== "ADMIN") notFound();
  return (
    <div className="flex flex-col gap-4">
      <AdminNav />
      {children}
    </div>
  );
}
