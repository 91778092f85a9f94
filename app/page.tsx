import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { getSession } from "@/server/auth/session";

const FEATURES = [
  ["Every bookmaker's price", "Odds tables across books with the best price marked, implied and no-vig probabilities and the overround."],
  ["Line movement", "Opening to closing lines and prices charted per book, from the archives you import."],
  ["Real history", "Importers for nflverse, Sportsbookreview, football-data.co.uk, tennis-data.co.uk and more: decades of real games."],
  ["Honest by design", "Models and strategies are measured walk-forward against the closing market on games they never saw."],
];

export const dynamic = "force-dynamic";

export default async function LandingPage() {
  if ((await getSession())?.user) redirect("/games");
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-12 px-4 py-12 sm:py-20">
      <header className="flex items-center justify-between">
        <span className="text-lg font-semibold tracking-tight">Linesmith</span>
        <nav className="flex gap-2">
          <Button asChild variant="ghost"><Link href="/sign-in">Sign in</Link></Button>
          <Button asChild><Link href="/sign-up">Create account</Link></Button>
        </nav>
      </header>
      <section className="flex flex-col gap-4">
        <h1 className="text-3xl font-bold tracking-tight sm:text-5xl">Bet with numbers you can check.</h1>
        <p className="max-w-2xl text-lg text-muted-foreground">
          Linesmith brings odds from many bookmakers, line movement and real historical results into one place, and measures
          every model and strategy against the closing market before you trust it with your bankroll.
        </p>
        <div className="flex gap-3">
          <Button asChild size="lg"><Link href="/sign-up">Get started</Link></Button>
          <Button asChild size="lg" variant="outline"><Link href="/about-data">About the data</Link></Button>
        </div>
      </section>
      <section className="grid gap-4 sm:grid-cols-2">
        {FEATURES.map(([title, text]) => (
          <div key={title} className="rounded-lg border p-5">
            <h2 className="font-semibold">{title}</h2>
            <p className="mt-1 text-sm text-muted-foreground">{text}</p>
          </div>
        ))}
      </section>
      <footer className="text-xs text-muted-foreground">
        Linesmith never places bets for you. Analytics only; bet responsibly.
      </footer>
    </main>
  );
}
