import { syntheticLeagueCsv } from "@/tests/support/synthetic-league";

/**
 * The synthetic league as a Premier League file (the replay serves known leagues only), with market maximum
 * and average columns added: aggregates the replay must leave out. First fixture: Ashcombe v Brackwell,
 * 10/08/2023 15:00 UK time = 14:00 UTC.
 */
export function syntheticEplCsv(): string {
  const [header, ...rows] = syntheticLeagueCsv([2023]).trimEnd().split("\n");
  const out = [`${header},MaxH,MaxD,MaxA,AvgH,AvgD,AvgA`];
  for (const row of rows) out.push(`${row.replace(/^X1,/, "E0,")},9.99,9.99,9.99,1.50,1.50,1.50`);
  return out.join("\n") + "\n";
}

export const FIRST_KICKOFF = new Date("2023-08-10T14:00:00Z");
export const hours = (h: number) => h * 3_600_000;
export const at = (ms: number) => new Date(FIRST_KICKOFF.getTime() + ms);
