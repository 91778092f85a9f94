"use client";

import { useState } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useDisplay } from "@/components/shell/preferences";
import { formatOdds, impliedProbability, overround, parseOdds, parseOddsList, removeVig, VIG_METHODS } from "@/server/domain/odds";
import { formatPercent } from "@/lib/format";
import { NumberField, Outcome, usePriceText } from "./field";

export function OddsConverter() {
  const [text, setText] = useState("-110");
  const show = useDisplay();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Odds converter</CardTitle>
        <CardDescription>Decimal (2.10), American (-110, +150) or fractional (5/2).</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <NumberField id="convert-input" label="Price" value={text} onChange={setText} />
        <Outcome
          compute={() => {
            const decimal = parseOdds(text, show.oddsFormat);
            return (
              <dl className="grid grid-cols-2 gap-2 tabular sm:grid-cols-4" data-testid="converted">
                <div><dt className="text-muted-foreground">Decimal</dt><dd>{decimal.toFixed(3)}</dd></div>
                <div><dt className="text-muted-foreground">American</dt><dd>{formatOdds(decimal, "american")}</dd></div>
                <div><dt className="text-muted-foreground">Fractional</dt><dd>{formatOdds(decimal, "fractional")}</dd></div>
                <div><dt className="text-muted-foreground">Implied</dt><dd>{formatPercent(impliedProbability(decimal), 2)}</dd></div>
              </dl>
            );
          }}
        />
      </CardContent>
    </Card>
  );
}

export function VigRemover() {
  const [prices, setPrices] = usePriceText(2.3, 3.4, 3.2);
  const show = useDisplay();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Vig remover</CardTitle>
        <CardDescription>One bookmaker&apos;s prices for every outcome, comma separated: decimal (1.91), American (-110) or fractional (10/11). All five methods side by side.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <NumberField id="vig-input" label="Prices" value={prices} onChange={setPrices} />
        <Outcome
          compute={() => {
            const ds = parseOddsList(prices, show.oddsFormat);
            const margin = overround(ds);
            return (
              <>
                <p className="mb-2 text-muted-foreground">Overround {formatPercent(margin, 2)}</p>
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Method</TableHead>
                      {ds.map((d, i) => <TableHead key={i} className="text-right">at {show.price(d)}</TableHead>)}
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {VIG_METHODS.map((m) => {
                      let fair: number[] | null = null;
                      let error = "";
                      try {
                        fair = removeVig(ds, m);
                      } catch (e) {
                        error = (e as Error).message;
                      }
                      return (
                        <TableRow key={m}>
                          <TableCell>{m}</TableCell>
                          {fair ? fair.map((p, i) => <TableCell key={i} className="tabular text-right">{formatPercent(p, 2)} <span className="text-muted-foreground">({show.price(1 / p)})</span></TableCell>) : <TableCell colSpan={ds.length} className="text-xs text-destructive">{error}</TableCell>}
                        </TableRow>
                      );
                    })}
                  </TableBody>
                </Table>
              </>
            );
          }}
        />
      </CardContent>
    </Card>
  );
}
