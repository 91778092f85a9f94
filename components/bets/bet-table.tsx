"use client";

import Link from "next/link";
import { useDisplay } from "@/components/shell/preferences";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCents, formatLine, formatMatchup, formatPercent, MARKET_LABEL, SELECTION_LABEL } from "@/lib/format";

export interface BetListItem {
  id: number;
  market: string;
  selection: string;
  line: number | null;
  price: number;
  stakeCents: number;
  placedAt: Date;
  lateEntry: boolean;
  status: string;
  outcome: string | null;
  profitCents: number | null;
  clv: number | null;
  clvPoints: number | null;
  bookmaker: { name: string } | null;
  bankroll: { currency: string };
  game: { league: { name: string; sport: { key: string } }; homeTeam: { name: string }; awayTeam: { name: string }; homeScore: number | null; awayScore: number | null };
}

const OUTCOME_LABEL: Record<string, string> = { WIN: "Won", HALF_WIN: "Half won", PUSH: "Push", HALF_LOSS: "Half lost", LOSS: "Lost" };

export function BetStatusBadge({ status, outcome }: { status: string; outcome: string | null }) {
  if (status === "OPEN") return <Badge variant="secondary">Open</Badge>;
  if (status === "VOID") return <Badge variant="outline">Void</Badge>;
  return <Badge variant={outcome === "WIN" || outcome === "HALF_WIN" ? "default" : outcome === "PUSH" ? "outline" : "destructive"}>{OUTCOME_LABEL[outcome ?? ""] ?? outcome}</Badge>;
}

/** Entered after the game started: shown, never counted in verified figures. */
export function LateEntryBadge({ lateEntry }: { lateEntry: boolean }) {
  if (!lateEntry) return null;
  return <Badge variant="outline" title="Entered after the game started: left out of verified ROI, win rate and CLV">Late entry</Badge>;
}
/** A bet's game, named the way its sport's readers expect. */
export const betMatchup = (game: BetListItem["game"]) => formatMatchup({ home: game.homeTeam.name, away: game.awayTeam.name, sport: game.league.sport.key });

export function BetTable({ bets }: { bets: BetListItem[] }) {
  const show = useDisplay();
  return (
    <Table data-testid="bet-table">
      <TableHeader>
        <TableRow>
          <TableHead>Game</TableHead>
          <TableHead>Placed ({show.zone})</TableHead>
          <TableHead>Bet</TableHead>
          <TableHead className="text-right">Price</TableHead>
          <TableHead className="text-right">Stake</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Profit</TableHead>
          <TableHead className="text-right">CLV</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {bets.map((b) => (
          <TableRow key={b.id}>
            <TableCell>
              <Link href={`/bets/${b.id}`} className="hover:underline">{betMatchup(b.game)}</Link>
              <span className="block text-xs text-muted-foreground">{b.game.league.name}{b.game.homeScore !== null ? ` · ${b.game.homeScore}–${b.game.awayScore}` : ""}</span>
            </TableCell>
            <TableCell className="whitespace-nowrap">{show.dateTime(b.placedAt)}</TableCell>
            <TableCell>{MARKET_LABEL[b.market]}: {SELECTION_LABEL[b.selection]} {formatLine(b.line)}{b.bookmaker ? <span className="block text-xs text-muted-foreground">{b.bookmaker.name}</span> : null}</TableCell>
            <TableCell className="tabular text-right">{show.price(b.price)}</TableCell>
            <TableCell className="tabular text-right">{formatCents(b.stakeCents)}</TableCell>
            <TableCell><span className="flex flex-wrap gap-1"><BetStatusBadge status={b.status} outcome={b.outcome} /><LateEntryBadge lateEntry={b.lateEntry} /></span></TableCell>
            <TableCell className="tabular text-right" data-testid="bet-profit">{formatCents(b.profitCents, { signed: true })}</TableCell>
            <TableCell className="tabular text-right" data-testid="bet-clv">
              {b.clv !== null ? formatPercent(b.clv) : b.clvPoints !== null ? `${b.clvPoints > 0 ? "+" : ""}${b.clvPoints} pts` : "–"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
