import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "../../support/test-db";

process.env.DATABASE_URL = TEST_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";

const { GET } = await import("@/app/api/v1/openapi.json/route");
const { ENDPOINT_LIST } = await import("@/app/api/v1/_lib/endpoints");

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { security: unknown[]; "x-scope": string; parameters: { name: string; in: string }[]; requestBody?: { content: { "application/json": { schema: { properties: Record<string, { type?: string }>; required: string[] } } } }; responses: Record<string, unknown> }>>;
};

async function routeFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await routeFiles(full)));
    else if (entry.name === "route.ts") out.push(full);
  }
  return out;
}

describe("OpenAPI document", () => {
  it("documents every JSON route under app/api/v1 with its scope, parameters, security and error answers", async () => {
    const res = GET();
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe("3.1.0");
    for (const e of ENDPOINT_LIST) {
      const op = doc.paths[e.path]?.[e.method.toLowerCase()];
      expect(op, `${e.method} ${e.path}`).toBeDefined();
      expect(op!.security).toEqual([{ apiKey: [] }]);
      expect(op!["x-scope"]).toBe(e.scope);
      for (const status of ["400", "401", "403", "404", "429"]) expect(op!.responses[status]).toBeDefined();
      for (const m of e.path.matchAll(/\{(\w+)\}/g)) expect(op!.parameters.some((p) => p.in === "path" && p.name === m[1])).toBe(true);
    }
    // Every route folder (except the CSV exports and this document) is an endpoint in the document.
    const root = path.resolve("app/api/v1");
    const served = (await routeFiles(root))
      .map((f) => "/" + path.relative(root, path.dirname(f)).split(path.sep).join("/").replace(/\[(\w+)\]/g, "{$1}"))
      .filter((p) => !p.endsWith(".csv") && p !== "/openapi.json");
    expect(served.length).toBeGreaterThanOrEqual(12);
    for (const p of served) expect(Object.keys(doc.paths), p).toContain(p);
    // The schemas are the procedures' own: the bet body's bounds and types come through.
    const bet = doc.paths["/bets"]!.post!.requestBody!.content["application/json"].schema;
    expect(bet.properties.stakeCents!.type).toBe("integer");
    expect(bet.required).toEqual(expect.arrayContaining(["bankrollId", "gameId", "price", "stakeCents"]));
    const games = doc.paths["/games"]!.get!.parameters.map((p) => p.name);
    expect(games).toEqual(expect.arrayContaining(["league", "from", "to", "cursor", "limit"]));
  });
});
