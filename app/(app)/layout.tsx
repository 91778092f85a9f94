import { Suspense } from "react";
import { AppNav } from "@/components/shell/app-nav";
import { PreferencesProvider } from "@/components/shell/preferences";
import { SignInRedirect } from "@/components/shell/sign-in-redirect";
import { db } from "@/server/db/client";
import { redirect } from "next/navigation";
import { getSession, getSessionEvenIfPending } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const session = await getSession();
  const user = session?.user?.id
    ? await db.user.findUnique({ where: { id: session.user.id }, select: { email: true, role: true, oddsFormat: true, timeZone: true, currency: true } })
    : null;
  if (!user) {
    // An OAuth sign-in that still owes its second factor goes to the page that asks for it.
    if (!session && (await getSessionEvenIfPending())?.twoFactorPending) redirect("/two-factor");
    return (
      <Suspense>
        <SignInRedirect />
      </Suspense>
    );
  }
  const { oddsFormat, timeZone, currency } = user;
  return (
    <PreferencesProvider initial={{ oddsFormat, timeZone, currency }}>
    <div className="flex min-h-dvh flex-col">
      <AppNav email={user.email} isAdmin={user.role === "ADMIN"} />
      {/* At least a screen tall (less the 3.5rem header), so the footer starts below the fold and is not
          pushed about when a page's data replaces its loading placeholders. */}
      <main className="mx-auto min-h-[calc(100dvh-3.5rem)] w-full max-w-6xl flex-1 px-3 py-4 sm:px-6 sm:py-6">{children}</main>
      <footer className="border-t px-4 py-3 text-center text-xs text-muted-foreground">
        Linesmith never places bets. <a className="underline" href="/about-data">About the data</a>
      </footer>
    </div>
    </PreferencesProvider>
  );
}
