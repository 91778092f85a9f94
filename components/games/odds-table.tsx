"use client";

import { useDisplay } from "@/components/shell/preferences";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatLine, formatPercent, MARKET_LABEL, PERIOD_LABEL, PHASE_LABEL, SELECTION_LABEL } from "@/lib/format";
import { cn } from "@/lib/utils";

interface Cell {
  price: number | null;
  line: number | null;
  implied: number | null;
  fair: number | null;
  best: boolean;
}

export interface OddsTableData {
  market: string;
  period: string;
  phase: string;
  selections: string[];
  rows: {
    bookmaker: { key: string; name: string; isSharp: boolean; isAggregate: boolean };
    cells: Partial<Record<string, Cell>>;
    overround: number | null;
  }[];
  /** Latest capture time of the live prices shown; null for archive prices. */
  updatedAt?: Date | null;
}

/** "updated 40 s ago": how fresh a live table is, as of when the page last fetched it. */
export function freshness(updatedAt: Date, now: number): string {
  const seconds = Math.max(0, Math.round((now - updatedAt.getTime()) / 1000));
  if (seconds < 60) return `updated ${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `updated ${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `updated ${hours} h ago` : `updated ${Math.round(hours / 24)} days ago`;
}

export function OddsTable({
  table,
  sideNames,
  fetchedAt,
}: {
  table: OddsTableData;
  sideNames: Record<string, string>;
  fetchedAt?: number;
}) {
  const show = useDisplay();
  return (
    <section className="flex flex-col gap-2" aria-label={`${MARKET_LABEL[table.market]} odds`}>
      <h3 className="text-sm font-semibold">
        {MARKET_LABEL[table.market]} · {PERIOD_LABEL[table.period]} ·{" "}
        <span className="font-normal text-muted-foreground">{PHASE_LABEL[table.phase]}</span>
        {table.updatedAt && fetchedAt !== undefined && (
          <span
            className="font-normal text-muted-foreground"
            title={show.dateTime(table.updatedAt, { seconds: true })}
            data-testid="odds-freshness"
          >
            {" · "}
            {freshness(table.updatedAt, fetchedAt)}
          </span>
        )}
      </h3>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Bookmaker</TableHead>
            {table.selections.map((s) => (
              <TableHead key={s} className="text-right">
                {sideNames[s] ?? SELECTION_LABEL[s]}
              </TableHead>
            ))}
            <TableHead className="text-right" title="Sum of implied probabilities minus 1">
              Margin
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {table.rows.map((row) => (
            <TableRow key={row.bookmaker.key}>
              <TableCell className="whitespace-nowrap">
                {row.bookmaker.name}
                {row.bookmaker.isSharp && (
                  <Badge variant="outline" className="ml-1">
                    sharp
                  </Badge>
                )}
              </TableCell>
              {table.selections.map((s) => {
                const c = row.cells[s];
                return (
                  <TableCell
                    key={s}
                    className={cn("tabular text-right", c?.best && "bg-best font-semibold")}
                    data-best={c?.best || undefined}
                  >
                    {c ? (
                      <div className="flex flex-col items-end leading-tight">
                        <span>
                          {c.line !== null && <span className="mr-1 text-muted-foreground">{formatLine(c.line)}</span>}
                          {c.price !== null ? (
                            show.price(c.price)
                          ) : (
                            <span className="text-muted-foreground">line only</span>
                          )}
                        </span>
                        {c.price !== null && (
                          <span
                            className="whitespace-nowrap text-[11px] text-muted-foreground"
                            title="implied / no-vig probability"
                          >
                            {formatPercent(c.implied)}
                            {c.fair !== null && ` / ${formatPercent(c.fair)}`}
                          </span>
                        )}
                      </div>
                    ) : (
                      "–"
                    )}
                  </TableCell>
                );
              })}
              <TableCell className="tabular text-right">{formatPercent(row.overround, 2)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
