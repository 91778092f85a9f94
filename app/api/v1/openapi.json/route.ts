import { openApiDocument } from "@/app/api/v1/_lib/openapi";

// Built once per process: the schemas do not change while it runs.
let cached: string | undefined;

/** GET /api/v1/openapi.json: the API's OpenAPI 3.1 document (public; it describes, it does not serve data). */
export function GET(): Response {
  cached ??= JSON.stringify(openApiDocument());
  return new Response(cached, { headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" } });
}
