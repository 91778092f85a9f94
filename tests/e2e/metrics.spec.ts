import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_METRICS_TOKEN } from "../../playwright.config";
import { parseExposition, valueOf } from "../support/prometheus";
import { deleteUsers, signUp } from "./http";

/**
 * /api/metrics on the production build: the token gate, and one registry shared by separately bundled route
 * handlers (a REST request counted by app/api/v1 shows up in the metrics route's answer).
 */
async function scrape(request: APIRequestContext) {
  const res = await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await res.text()).samples;
}

test.afterAll(async () => {
  await deleteUsers("metrics-e2e-%@example.com");
});

test("metrics: 401 without the token; with it, users and REST requests counted across route bundles", async ({
  request,
}) => {
  expect((await request.get("/api/metrics")).status()).toBe(401);
  expect(
    (await request.get("/api/metrics", { headers: { authorization: "Bearer wrong-token-0123456789" } })).status(),
  ).toBe(401);

  const before = await scrape(request);
  expect(valueOf(before, "linesmith_database_up")).toBe(1);
  expect(valueOf(before, "process_resident_memory_bytes")).toBeGreaterThan(0);
  const refusedBefore =
    valueOf(before, "linesmith_api_requests_total", { route: "/games", method: "GET", status: "401" }) ?? 0;

  expect((await signUp(request, `metrics-e2e-${Date.now()}@example.com`, "10.203.0.1")).ok()).toBe(true);
  for (let i = 0; i < 2; i++) expect((await request.get("/api/v1/games")).status()).toBe(401);

  const after = await scrape(request);
  expect(valueOf(after, "linesmith_users")).toBe(valueOf(before, "linesmith_users")! + 1);
  expect(valueOf(after, "linesmith_api_requests_total", { route: "/games", method: "GET", status: "401" })).toBe(
    refusedBefore + 2,
  );
});
