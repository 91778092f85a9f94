"use client";

import { useState } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useDisplay } from "@/components/shell/preferences";
import { expectedValue, findArbitrage, hedgeStake, kellyFraction, parlayPrice, parseOdds, parseOddsList } from "@/server/domain/odds";
import { formatPercent } from "@/lib/format";
import { NumberField, Outcome, num, usePriceText } from "./field";

function Calculator({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">{children}</CardContent>
    </Card>
  );
}

export function EvKellyCalculator() {
  const [p, setP] = useState("55");
  const [d, setD] = usePriceText(2);
  const show = useDisplay();
  const [fraction, setFraction] = useState("0.25");
  const [cap, setCap] = useState("5");
  const [bankroll, setBankroll] = useState("1000");
  return (
    <Calculator title="EV and Kelly" description="Your probability against the price; Kelly scaled and capped.">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <NumberField id="ev-p" label="Probability %" value={p} onChange={setP} />
        <NumberField id="ev-d" label="Price offered" value={d} onChange={setD} />
        <NumberField id="ev-f" label="Kelly fraction" value={fraction} onChange={setFraction} />
        <NumberField id="ev-cap" label="Cap % of bankroll" value={cap} onChange={setCap} />
        <NumberField id="ev-bank" label="Bankroll" value={bankroll} onChange={setBankroll} />
      </div>
      <Outcome
        compute={() => {
          const prob = num(p) / 100;
          const price = parseOdds(d, show.oddsFormat);
          const ev = expectedValue(prob, price);
          const k = kellyFraction(prob, price, { fraction: num(fraction), maxFraction: num(cap) / 100 });
          return (
            <p className="tabular" data-testid="ev-result">
              EV {formatPercent(ev, 2)} per unit · stake {formatPercent(k, 2)} of bankroll = {(k * num(bankroll)).toFixed(2)}
            </p>
          );
        }}
      />
    </Calculator>
  );
}

export function ArbitrageCalculator() {
  const [prices, setPrices] = usePriceText(2.15, 2.02);
  const show = useDisplay();
  const [total, setTotal] = useState("100");
  return (
    <Calculator title="Arbitrage" description="The best price for each outcome (at any books), comma separated.">
      <div className="grid grid-cols-2 gap-3">
        <NumberField id="arb-prices" label="Best prices" value={prices} onChange={setPrices} />
        <NumberField id="arb-total" label="Total stake" value={total} onChange={setTotal} />
      </div>
      <Outcome
        compute={() => {
          const ds = parseOddsList(prices, show.oddsFormat);
          const arb = findArbitrage(ds.map((decimal, i) => [{ bookmaker: `outcome ${i + 1}`, decimal }]));
          if (!arb) return <p>No arbitrage: the implied probabilities sum to {formatPercent(ds.reduce((s, d) => s + 1 / d, 0), 2)}.</p>;
          return (
            <p className="tabular">
              Guaranteed {formatPercent(arb.profit, 2)}: stake {arb.stakes.map((s) => (s * num(total)).toFixed(2)).join(" / ")}; each outcome returns {(num(total) * (1 + arb.profit)).toFixed(2)}.
            </p>
          );
        }}
      />
    </Calculator>
  );
}

export function HedgeCalculator() {
  const [stake, setStake] = useState("100");
  const [placed, setPlaced] = usePriceText(3);
  const [hedge, setHedge] = usePriceText(2);
  const show = useDisplay();
  return (
    <Calculator title="Hedge" description="Lock in a result on a bet you hold by backing the other side.">
      <div className="grid grid-cols-3 gap-3">
        <NumberField id="hedge-stake" label="Stake held" value={stake} onChange={setStake} />
        <NumberField id="hedge-placed" label="Price taken" value={placed} onChange={setPlaced} />
        <NumberField id="hedge-price" label="Other side now" value={hedge} onChange={setHedge} />
      </div>
      <Outcome
        compute={() => {
          const h = hedgeStake(num(stake), parseOdds(placed, show.oddsFormat), parseOdds(hedge, show.oddsFormat));
          return <p className="tabular">Stake {h.stake.toFixed(2)} on the other side: {h.profitEitherWay >= 0 ? "+" : ""}{h.profitEitherWay.toFixed(2)} whatever happens.</p>;
        }}
      />
    </Calculator>
  );
}

export function ParlayCalculator() {
  const [legs, setLegs] = usePriceText(1.91, 1.91, 2.5);
  const show = useDisplay();
  const [stake, setStake] = useState("10");
  return (
    <Calculator title="Parlay" description="Prices of independent legs, comma separated.">
      <div className="grid grid-cols-2 gap-3">
        <NumberField id="parlay-legs" label="Leg prices" value={legs} onChange={setLegs} />
        <NumberField id="parlay-stake" label="Stake" value={stake} onChange={setStake} />
      </div>
      <Outcome
        compute={() => {
          const price = parlayPrice(parseOddsList(legs, show.oddsFormat));
          return <p className="tabular">Price {show.price(price)} · pays {(price * num(stake)).toFixed(2)} · implied {formatPercent(1 / price, 2)}</p>;
        }}
      />
    </Calculator>
  );
}
