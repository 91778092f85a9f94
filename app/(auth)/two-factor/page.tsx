import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TwoFactorForm } from "@/components/auth/two-factor-form";
import { getSessionEvenIfPending } from "@/server/auth/session";

export const metadata: Metadata = { title: "Two-factor code" };
export const dynamic = "force-dynamic";

/** The second step of an OAuth sign-in for an account with 2FA on (see the jwt callback in server/auth/options.ts). */
export default async function Page() {
  const session = await getSessionEvenIfPending();
  if (!session) redirect("/sign-in");
  if (!session.twoFactorPending) redirect("/games");
  return <TwoFactorForm />;
}
