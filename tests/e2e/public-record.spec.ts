import { expect, test } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../server/db/generated/client";
import { appendRecordEntries, createRecordChain, eraseRecordChainsOfUser, setRecordChainPublic } from "../../server/services/records/chain";
import { databaseUrl } from "../support/database";
import { entryOf, samplePick, samplePrediction, sampleResult } from "../support/records";

/**
 * A bot's public track record, opened by a visitor who is not signed in: the page downloads the export and
 * recomputes every hash in the browser. Chains are written through the records service, as the bots write them;
 * one is then changed in the database by a superuser who switched the append-only trigger off.
 */
const DB = databaseUrl("linesmith_test_e2e");
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: DB }) });
const stamp = Date.now();
const slugs = { clean: `e2e-clean-${stamp}`, tampered: `e2e-tampered-${stamp}`, hidden: `e2e-hidden-${stamp}` };
let userId: string;

test.beforeAll(async () => {
  userId = (await prisma.user.create({ data: { email: `public-record-${stamp}@example.com` } })).id;
  const kickoff = "2031-03-01T15:00:00.000Z";
  const game = { id: 1, league: "epl", home: "Linesmith Rovers", away: "Fixture Town", kickoff };
  for (const [name, slug] of Object.entries(slugs)) {
    await prisma.$transaction(async (tx) => {
      const chain = await createRecordChain(tx, { userId, slug, title: `Rovers bot (${name})` });
      await appendRecordEntries(tx, chain.id, [
        entryOf("prediction:1", samplePrediction({ game, lockedAt: "2031-03-01T10:00:00.000Z" })),
        entryOf("pick:1", samplePick({ game, lockedAt: "2031-03-01T10:00:00.000Z", stakeCents: 1_000, price: 2.1 })),
        entryOf("pick:2", samplePick({ game, selection: "DRAW", price: 3.5, stakeCents: 500, lockedAt: "2031-03-01T16:00:00.000Z" })),
        entryOf("result:2", sampleResult({ pickSeq: 2, outcome: "WIN", profitCents: 1_100, clv: 0.05, gradedAt: "2031-03-01T17:00:00.000Z" })),
      ]);
      if (name !== "hidden") await setRecordChainPublic(tx, userId, chain.id, true);
    });
  }
  const db = new pg.Client({ connectionString: DB });
  await db.connect();
  try {
    await db.query(`ALTER TABLE "RecordEntry" DISABLE TRIGGER ALL`);
    const { rowCount } = await db.query(
      `UPDATE "RecordEntry" e SET "payload" = replace(e."payload", '"price":2.1', '"price":2.6')
         FROM "RecordChain" c WHERE c.id = e."chainId" AND c.slug = $1 AND e.seq = 2`,
      [slugs.tampered],
    );
    expect(rowCount).toBe(1);
  } finally {
    await db.query(`ALTER TABLE "RecordEntry" ENABLE TRIGGER ALL`);
    await db.end();
  }
});

test.afterAll(async () => {
  // The account goes the way account deletion must: its chains erased first, in the same transaction.
  await prisma.$transaction(async (tx) => {
    await eraseRecordChainsOfUser(tx, userId);
    await tx.user.delete({ where: { id: userId } });
  });
  await prisma.$disconnect();
});

test("a public record verifies in the browser and shows its figures", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`/records/${slugs.clean}`);
  await expect(page.getByRole("heading", { name: "Rovers bot (clean)" })).toBeVisible();
  await expect(page.getByTestId("chain-status")).toContainText("chain verified");
  await expect(page.getByTestId("chain-status")).toContainText("4 entries");
  // The draw was picked after kick-off: shown, marked late, and left out of the figures.
  await expect(page.getByText("Picks locked before kick-off only.")).toBeVisible();
  await expect(page.getByTestId("figure-picks")).toHaveText("1");
  await expect(page.getByTestId("figure-graded")).toHaveText("1");
  await expect(page.getByTestId("figure-win-rate")).toHaveText("100.0%");
  await expect(page.getByTestId("record-entry-3")).toContainText("late: not counted");
  await expect(page.getByRole("link", { name: "Download JSON" })).toHaveAttribute("href", `/api/public/records/${slugs.clean}`);
  // Written today: today's UTC day has a head.
  await expect(page.getByText(`${new Date().toISOString().slice(0, 10)} UTC`)).toBeVisible();
  // Times switch from UTC to the browser's zone after hydration without a mismatch or a CSP refusal.
  expect(errors).toEqual([]);
});

test("a record changed in the database shows the first broken link", async ({ page }) => {
  await page.goto(`/records/${slugs.tampered}`);
  await expect(page.getByTestId("chain-status")).toContainText("chain broken at seq 2");
  await expect(page.getByTestId("chain-status")).not.toContainText("chain verified");
});

test("a private record is a 404 page and a 404 in the API", async ({ page, request }) => {
  const response = await page.goto(`/records/${slugs.hidden}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No public track record here" })).toBeVisible();
  expect((await request.get(`/api/public/records/${slugs.hidden}`)).status()).toBe(404);
});

test("the record page works at 360 px in dark mode without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`/records/${slugs.clean}`);
  await expect(page.getByTestId("chain-status")).toContainText("chain verified");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath("record-360-dark.png"), fullPage: true });
});
