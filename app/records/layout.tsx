import Link from "next/link";

/** Public track records live outside the signed-in app: anyone with the link can read and verify them. */
export default function PublicRecordsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight">Linesmith</Link>
      </header>
      <main className="mx-auto w-full max-w-5xl flex-1 px-3 py-6 sm:px-6">{children}</main>
      <footer className="border-t px-4 py-3 text-center text-xs text-muted-foreground">
        Linesmith never places bets. A track record is a paper-trading log, not advice.
      </footer>
    </div>
  );
}
