import { z } from "zod";
import type { Endpoint } from "@/server/http/api-auth";
import { API_SCOPES } from "@/server/services/api-keys/api-keys";
import { ENDPOINT_LIST } from "./endpoints";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the endpoints' zod schemas (the tRPC procedures' own) with
 * zod's JSON Schema output, so the document cannot drift from what the server validates and returns.
 */
type Json = Record<string, unknown>;

// Dates travel as ISO 8601 text; zod cannot express them in JSON Schema by itself.
function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  return z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    override: (ctx) => {
      const def = (ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def;
      if (def.type === "date") Object.assign(ctx.jsonSchema, { type: "string", format: "date-time" });
      if (def.type === "bigint") Object.assign(ctx.jsonSchema, { type: "integer" });
    },
  }) as Json;
}

// A query schema is "query text -> numbers and booleans, then the procedure's input": document the latter.
function unwrapPipe(schema: z.ZodType): z.ZodType {
  const def = (schema as { _zod: { def: { type: string; out?: z.ZodType } } })._zod.def;
  return def.type === "pipe" && def.out ? def.out : schema;
}

function stripMeta(s: Json): Json {
  const { $schema: _drop, ...rest } = s;
  return rest;
}

function queryParameters(schema: z.ZodType): Json[] {
  const s = jsonSchema(unwrapPipe(schema), "input");
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, p]) => ({ name, in: "query", required: required.has(name), schema: p }));
}

const ERROR_STATUSES: Record<string, string> = {
  "400": "Invalid parameters, query or body (the message names the field).",
  "401": "Missing, malformed, unknown, revoked or expired API key.",
  "403": "The key lacks the scope this endpoint needs.",
  "404": "No such object, or it belongs to another user.",
  "429": "Rate limit reached: wait Retry-After seconds.",
};

function operation(e: Endpoint<never, never, never>): Json {
  const parameters: Json[] = [];
  for (const m of e.path.matchAll(/\{(\w+)\}/g))
    parameters.push({ name: m[1], in: "path", required: true, schema: { type: "integer", minimum: 1 } });
  if (e.query) parameters.push(...queryParameters(e.query));
  const ok = String(e.status ?? 200);
  const rateHeaders = {
    "X-RateLimit-Limit": { schema: { type: "integer" }, description: "Requests allowed per minute." },
    "X-RateLimit-Remaining": { schema: { type: "integer" }, description: "Requests left in this window." },
    "X-RateLimit-Reset": { schema: { type: "integer" }, description: "When the window resets (Unix seconds)." },
  };
  return {
    summary: e.summary,
    description: `Scope: \`${e.scope}\`.`,
    "x-scope": e.scope,
    security: [{ apiKey: [] }],
    parameters,
    ...(e.body ? { requestBody: { required: true, content: { "application/json": { schema: stripMeta(jsonSchema(e.body, "input")) } } } } : {}),
    responses: {
      [ok]: { description: "Success.", headers: rateHeaders, content: { "application/json": { schema: e.response ? stripMeta(jsonSchema(e.response, "output")) : {} } } },
      ...Object.fromEntries(Object.entries(ERROR_STATUSES).map(([status, description]) => [status, { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }])),
    },
  };
}

export function openApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const e of ENDPOINT_LIST) (paths[e.path] ??= {})[e.method.toLowerCase()] = operation(e);
  return {
    openapi: "3.1.0",
    info: {
      title: "Linesmith REST API",
      version: "1",
      description: `Send an API key (Settings -> API keys) as \`Authorization: Bearer lsk_...\`. Scopes: ${API_SCOPES.join(", ")}. Money is in integer cents, odds are decimal, times are UTC ISO 8601.`,
    },
    servers: [{ url: "/api/v1" }],
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", bearerFormat: "lsk_..." } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" } } } },
        },
      },
    },
    paths,
  };
}
