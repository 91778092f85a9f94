"use client";

import type { ReactNode } from "react";
import { useDisplay } from "@/components/shell/preferences";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { MARKET_LABEL, SELECTION_LABEL } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc";

type Scan = Pick<RouterOutputs["scanners"]["scan"], "steam" | "reverseMoves" | "anomalies" | "timestampedQuotes">;

const points = (change: number) => `${change > 0 ? "+" : ""}${(change * 100).toFixed(1)} pts`;

/** Steam, reverse line movement and flagged prices: each with the times it was seen ("as of"). */
export function LiveMovesCards({ data, gameLabel, book }: { data: Scan; gameLabel: (id: number) => ReactNode; book: (key: string) => string }) {
  const show = useDisplay();
  const untimed = data.timestampedQuotes === 0;
  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Steam moves ({data.steam.length})</CardTitle>
          <CardDescription>Three or more books moving the same selection the same way by 2 points of implied probability or more within 15 minutes.</CardDescription>
        </CardHeader>
        <CardContent className="text-sm">
          {untimed ? (
            <p className="text-muted-foreground">These prices carry no capture times (archive files give opening and closing only), so the speed of a move cannot be measured. Steam shows once a timestamped odds feed is connected.</p>
          ) : data.steam.length === 0 ? (
            <p className="text-muted-foreground">No steam: fewer than 3 books moved together within 15 minutes.</p>
          ) : (
            <ul className="flex flex-col gap-1" data-testid="steam-moves">
              {data.steam.map((s, i) => (
                <li key={i}>
                  {gameLabel(s.gameId)} · {MARKET_LABEL[s.market]} {SELECTION_LABEL[s.selection]}: <strong>{s.direction}</strong> {points(s.impliedChange)} at {s.bookmakers.map(book).join(", ")}{" "}
                  <span className="text-muted-foreground">({show.dateTime(s.start)} to {show.dateTime(s.end)})</span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Reverse line movement ({data.reverseMoves.length})</CardTitle>
          <CardDescription>
            No feed we carry reports public betting shares, so this is a proxy: the sharp book (Pinnacle first) moved towards a selection by 2 points or more
            while the soft books&apos; median stood still or moved away from it.
          </CardDescription>
        </CardHeader>
        <CardContent className="text-sm">
          {untimed ? (
            <p className="text-muted-foreground">Needs timestamped prices, as steam does.</p>
          ) : data.reverseMoves.length === 0 ? (
            <p className="text-muted-foreground">None: the soft books followed the sharp book.</p>
          ) : (
            <ul className="flex flex-col gap-1" data-testid="reverse-moves">
              {data.reverseMoves.map((r, i) => (
                <li key={i}>
                  {gameLabel(r.gameId)} · {MARKET_LABEL[r.market]} {SELECTION_LABEL[r.selection]}: {book(r.sharpBook)} {points(r.sharpChange)}, soft median {points(r.softChange)} ({r.softBooks} books){" "}
                  <span className="text-muted-foreground">as of {show.dateTime(r.to)}, since {show.dateTime(r.from)}</span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Flagged prices ({data.anomalies.length})</CardTitle>
          <CardDescription>Prices that jumped by half and came back within a minute, or sat far from every other book: left out of the scans above.</CardDescription>
        </CardHeader>
        <CardContent className="text-sm">
          {data.anomalies.length === 0 ? (
            <p className="text-muted-foreground">None.</p>
          ) : (
            <ul className="flex flex-col gap-1" data-testid="flagged-prices">
              {data.anomalies.map((a, i) => (
                <li key={i}>
                  <Badge variant="outline" className="mr-1">{a.kind === "spike" ? "spike" : "off consensus"}</Badge>
                  {gameLabel(a.gameId)} · {MARKET_LABEL[a.market]} {SELECTION_LABEL[a.selection]} at {book(a.bookmaker)}: {a.detail}
                  {a.capturedAt && <span className="text-muted-foreground"> (as of {show.dateTime(a.capturedAt, { seconds: true })})</span>}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </>
  );
}
