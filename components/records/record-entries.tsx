"use client";

import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCents, formatDateTime, formatLine, formatPercent, formatPrice, MARKET_LABEL, SELECTION_LABEL, zoneLabel } from "@/lib/format";
import type { ReadEntry } from "@/server/domain/records/figures";
import type { DayHead } from "@/server/domain/records/chain";
import type { RecordGame } from "@/server/domain/records/payload";
import { useViewerTimeZone } from "./viewer-time-zone";

export interface RecordEntryRow {
  seq: number;
  hash: string;
  lockedAt: string;
  read: ReadEntry;
}

const OUTCOME_LABEL: Record<string, string> = { WIN: "Won", HALF_WIN: "Half won", PUSH: "Push", HALF_LOSS: "Half lost", LOSS: "Lost", VOID: "Void" };

function gameText(game: RecordGame, timeZone: string) {
  return (
    <>
      <span className="font-medium">{game.home} v {game.away}</span>
      <span className="block text-xs text-muted-foreground">
        {game.league} · {formatDateTime(new Date(game.kickoff), timeZone)}
      </span>
    </>
  );
}

function betText(p: { market: string; selection: string; line: number | null }) {
  return `${MARKET_LABEL[p.market] ?? p.market} · ${SELECTION_LABEL[p.selection] ?? p.selection}${p.line === null ? "" : ` ${formatLine(p.line)}`}`;
}

function Cells({ read, timeZone }: { read: ReadEntry; timeZone: string }) {
  switch (read.kind) {
    case "prediction":
      return (
        <>
          <TableCell className="min-w-44">{gameText(read.payload.game, timeZone)}</TableCell>
          <TableCell className="min-w-48">
            Prediction: {betText(read.payload)} at {formatPercent(read.payload.probability)}
            <span className="block text-xs text-muted-foreground">{read.payload.source}</span>
          </TableCell>
          <TableCell />
          <TableCell />
          <TableCell />
        </>
      );
    case "pick":
      return (
        <>
          <TableCell className="min-w-44">{gameText(read.payload.game, timeZone)}</TableCell>
          <TableCell className="min-w-48">
            Pick: {betText(read.payload)} <span className="text-xs text-muted-foreground">({read.payload.bookmaker})</span>
            {read.late && <Badge variant="warning" className="ml-1">late: not counted</Badge>}
          </TableCell>
          <TableCell className="tabular-nums">{formatPrice(read.payload.price)}</TableCell>
          <TableCell className="tabular-nums">{formatCents(read.payload.stakeCents)}</TableCell>
          <TableCell>
            {read.result ? `${OUTCOME_LABEL[read.result.outcome]} ${formatCents(read.result.profitCents, { signed: true })}` : <span className="text-muted-foreground">open</span>}
          </TableCell>
        </>
      );
    case "result":
      return (
        <>
          <TableCell className="text-muted-foreground">result of #{read.payload.pickSeq}</TableCell>
          <TableCell>
            Graded: {OUTCOME_LABEL[read.payload.outcome]}
            {read.payload.clv !== null && <span className="block text-xs text-muted-foreground">CLV {formatPercent(read.payload.clv)}</span>}
            {!read.counted && <Badge variant="outline" className="ml-1">not counted</Badge>}
          </TableCell>
          <TableCell className="tabular-nums">{read.payload.closingPrice === null ? "" : `closed ${formatPrice(read.payload.closingPrice)}`}</TableCell>
          <TableCell />
          <TableCell className="tabular-nums">{formatCents(read.payload.profitCents, { signed: true })}</TableCell>
        </>
      );
    default:
      return <TableCell colSpan={5} className="text-muted-foreground">An entry of a kind this page does not read (it is still verified).</TableCell>;
  }
}

/** Every entry of the chain, times in the viewer's own zone. */
export function RecordEntries({ rows }: { rows: RecordEntryRow[] }) {
  const timeZone = useViewerTimeZone();
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>#</TableHead>
          <TableHead>Locked ({zoneLabel(timeZone)})</TableHead>
          <TableHead>Game</TableHead>
          <TableHead>Entry</TableHead>
          <TableHead>Price</TableHead>
          <TableHead>Stake</TableHead>
          <TableHead>Result</TableHead>
          <TableHead>Hash</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.seq} data-testid={`record-entry-${row.seq}`}>
            <TableCell className="tabular-nums">{row.seq}</TableCell>
            <TableCell className="whitespace-nowrap">{formatDateTime(new Date(row.lockedAt), timeZone, { seconds: true })}</TableCell>
            <Cells read={row.read} timeZone={timeZone} />
            <TableCell>
              <code className="font-mono text-xs" title={row.hash}>{row.hash.slice(0, 12)}</code>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The head hash at the end of each UTC day: keep one, and later check that entry still has it. */
export function DayHeads({ heads }: { heads: DayHead[] }) {
  return (
    <ul className="flex flex-col gap-1 text-sm">
      {heads.map((h) => (
        <li key={h.day} className="flex flex-wrap gap-x-3">
          <span className="tabular-nums">{h.day} UTC</span>
          <span className="text-muted-foreground">after #{h.seq}</span>
          <code className="break-all font-mono text-xs">{h.hash}</code>
        </li>
      ))}
    </ul>
  );
}
