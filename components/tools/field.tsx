"use client";

import { useState } from "react";
import { useDisplay } from "@/components/shell/preferences";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** A labelled number input that keeps the raw text, so a half-typed "2." is not fought by the state. */
export function NumberField({ id, label, value, onChange, step = "any" }: { id: string; label: string; value: string; onChange: (v: string) => void; step?: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} inputMode="decimal" type="text" value={value} step={step} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** Runs a calculation on parsed inputs and shows either the result or the domain's own error message. */
export function Outcome({ compute }: { compute: () => React.ReactNode }) {
  let result: React.ReactNode;
  let error: string | null = null;
  try {
    result = compute();
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  if (error !== null) return <p role="alert" className="text-sm text-destructive">{error}</p>;
  return <div className="text-sm">{result}</div>;
}

export const num = (s: string) => (s.trim() === "" ? NaN : Number(s));

/** The text of a price field, starting at example prices written in the user's odds format. */
export function usePriceText(...decimals: number[]) {
  const show = useDisplay();
  return useState(() => decimals.map(show.price).join(", "));
}
