import Link from "next/link";
import { openApiDocument } from "@/app/api/v1/_lib/openapi";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata = { title: "API reference" };

type Operation = { summary: string; "x-scope": string; parameters: { name: string; in: string; required: boolean }[]; requestBody?: unknown };

/** The REST API reference, read from the same OpenAPI document the server publishes, so the two cannot differ. */
export default function ApiReferencePage() {
  const doc = openApiDocument() as { paths: Record<string, Record<string, Operation>> };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">API reference</h1>
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Using the API</CardTitle>
          <CardDescription>
            Create a key under <Link href="/settings#api-keys" className="underline underline-offset-4">Settings → API keys</Link> and send it
            with every request. The machine-readable description is{" "}
            <a href="/api/v1/openapi.json" className="underline underline-offset-4">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI 3.1).
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-2 text-sm">
          <pre className="overflow-x-auto rounded bg-muted p-2 text-xs">{`curl -H "Authorization: Bearer lsk_…" \\\n  "$ORIGIN/api/v1/games?league=epl&limit=10"`}</pre>
          <pre className="overflow-x-auto rounded bg-muted p-2 text-xs">{`curl -X POST -H "Authorization: Bearer lsk_…" \\\n  -H "Content-Type: application/json" \\\n  -d '{"bankrollId":1,"gameId":42,"market":"ONE_X_TWO","selection":"HOME","price":2.1,"stakeCents":2500,"placedAt":"2026-12-02T10:00:00Z"}' \\\n  "$ORIGIN/api/v1/bets"`}</pre>
          <ul className="list-disc pl-5 text-muted-foreground">
            <li>Scopes: <code>read</code> for every GET, <code>bets:write</code> to record bets, <code>bots:write</code> to change a bot&apos;s state.</li>
            <li>Money is in integer cents, odds are decimal, times are UTC (ISO 8601).</li>
            <li>
              Errors are JSON <code>{`{"error":{"code","message"}}`}</code>: 400 bad input, 401 missing/invalid/revoked/expired key, 403 missing scope, 404
              not found (or not yours), 429 rate limit (wait <code>Retry-After</code> seconds).
            </li>
            <li>Each response carries <code>X-RateLimit-Limit</code>, <code>X-RateLimit-Remaining</code> and <code>X-RateLimit-Reset</code>; the limit is your plan&apos;s requests per minute, for all your keys together.</li>
          </ul>
        </CardContent>
      </Card>
      <ul className="flex flex-col gap-2" aria-label="Endpoints">
        {operations.map(({ path, method, op }) => {
          const query = op.parameters.filter((p) => p.in === "query").map((p) => p.name);
          return (
            <li key={`${method} ${path}`} className="rounded-md border p-3">
              <p className="flex flex-wrap items-center gap-2">
                <Badge variant={method === "GET" ? "secondary" : "default"}>{method}</Badge>
                <code className="break-all text-sm font-medium">/api/v1{path}</code>
                <Badge variant="outline">{op["x-scope"]}</Badge>
              </p>
              <p className="mt-1 text-sm text-muted-foreground">{op.summary}</p>
              {query.length > 0 && (
                <p className="mt-1 break-words text-xs text-muted-foreground">
                  Query: {query.map((q) => <code key={q} className="mr-1">{q}</code>)}
                </p>
              )}
              {op.requestBody !== undefined && <p className="mt-1 text-xs text-muted-foreground">JSON body: see the OpenAPI document.</p>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
