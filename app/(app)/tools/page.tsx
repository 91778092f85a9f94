import type { Metadata } from "next";
import { OddsConverter, VigRemover } from "@/components/tools/price-tools";
import { ArbitrageCalculator, EvKellyCalculator, HedgeCalculator, ParlayCalculator } from "@/components/tools/stake-tools";

export const metadata: Metadata = { title: "Odds tools" };

export default function ToolsPage() {
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Odds tools</h1>
      <div className="grid gap-4 lg:grid-cols-2">
        <OddsConverter />
        <EvKellyCalculator />
        <div className="lg:col-span-2"><VigRemover /></div>
        <ArbitrageCalculator />
        <HedgeCalculator />
        <ParlayCalculator />
      </div>
    </div>
  );
}
