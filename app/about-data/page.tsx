import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "About the data" };

const SOURCES = [
  ["nflverse", "NFL games, scores, closing spreads, totals and moneylines (nflverse/nfldata games.csv), published by the nflverse project."],
  ["Sportsbookreview archive", "NFL opening and closing spreads and totals, closing moneylines, 2011-2021; NBA spreads, totals and moneylines 2007-2025 (sportsbookreviewsonline, via a public Kaggle set)."],
  ["FiveThirtyEight", "NFL results since 1920 from the nfl-elo data set (MIT licence)."],
  ["football-data.co.uk", "Soccer results and 1X2, over/under and Asian handicap prices from many bookmakers, including Pinnacle closing prices."],
  ["tennis-data.co.uk", "ATP and WTA match results with bet365, Pinnacle and market prices."],
];

export default function AboutDataPage() {
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-4 px-4 py-10">
      <Link href="/" className="text-sm text-muted-foreground hover:underline">← Linesmith</Link>
      <h1 className="text-2xl font-semibold tracking-tight">About the data</h1>
      <p className="text-muted-foreground">
        Linesmith ships importers, not data: every game and price you see was imported from a file you supplied. We credit the
        public sources whose formats it reads. Files without an open licence are not redistributed by Linesmith.
      </p>
      <ul className="flex flex-col gap-3">
        {SOURCES.map(([name, text]) => (
          <li key={name} className="rounded-md border p-3">
            <p className="font-medium">{name}</p>
            <p className="text-sm text-muted-foreground">{text}</p>
          </li>
        ))}
      </ul>
      <p className="text-sm text-muted-foreground">
        Archive files rarely say when a price was taken. Linesmith labels each price opening, closing, or &ldquo;timing not stated&rdquo;
        exactly as the source documents it, and never invents a timestamp.
      </p>
    </main>
  );
}
