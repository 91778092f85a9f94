import { createHash } from "node:crypto";
import type { Strategy } from "@/server/domain/strategies/schema";

/*
 * Stand-in until the strategies-language branch (server/domain/strategies/canonical.ts, `strategyHash`,
 * RFC 8785) is merged: replace `hashStrategy` with it then. Sorted keys and JSON.stringify agree with RFC 8785
 * for the strings and finite numbers a parsed strategy holds, so stored hashes should stay the same.
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the parsed strategy's JSON with sorted keys: the identity backtests and bots cite. */
export function hashStrategy(strategy: Strategy): string {
  return createHash("sha256").update(canonical(strategy)).digest("hex");
}
