import Link from "next/link";
import { Skeleton } from "@/components/ui/skeleton";

export function LoadingRows({ rows = 6 }: { rows?: number }) {
  return (
    <div className="flex flex-col gap-2" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-10 w-full" />
      ))}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed p-8 text-center">
      <p className="font-medium">{title}</p>
      {children && <div className="mt-2 text-sm text-muted-foreground">{children}</div>}
    </div>
  );
}

export function ErrorState({ message }: { message: string }) {
  return (
    <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 p-4 text-sm text-destructive">
      {message}
    </p>
  );
}

/** What a user sees before any data exists: how to get real data in. */
export function NoDataYet({ isAdmin }: { isAdmin?: boolean }) {
  return (
    <EmptyState title="No games yet">
      <p>Linesmith ships no data: import real historical games and odds from public files.</p>
      <p className="mt-1">
        {isAdmin ? (
          <>Upload a file on the <Link className="underline" href="/imports">Imports</Link> page, or run </>
        ) : (
          <>Ask an administrator to import data, or run </>
        )}
        <code className="rounded bg-muted px-1">npm run import -- --source football-data --path E0_2324.csv</code>.
      </p>
    </EmptyState>
  );
}
