import { beforeAll, describe, expect, it } from "vitest";
import { apiCaller, type Who } from "../support/api-caller";

const { prisma, caller } = apiCaller();

describe("user settings", () => {
  let ann: Who;
  let ben: Who;

  beforeAll(async () => {
    const stamp = Date.now();
    ann = await prisma.user.create({ data: { email: `ann-${stamp}@example.com` }, select: { id: true, role: true } });
    ben = await prisma.user.create({ data: { email: `ben-${stamp}@example.com` }, select: { id: true, role: true } });
  });

  it("starts decimal, in USD, with no time zone until the browser's is adopted", async () => {
    expect(await caller(ann).settings.get()).toEqual({ oddsFormat: "decimal", timeZone: null, currency: "USD" });
  });

  it("saves each setting for its owner only, in canonical spelling", async () => {
    const saved = await caller(ann).settings.update({ oddsFormat: "american", timeZone: "america/new_york", currency: "eur" });
    expect(saved).toEqual({ oddsFormat: "american", timeZone: "America/New_York", currency: "EUR" });
    expect(await caller(ann).settings.update({ oddsFormat: "fractional" })).toEqual({ ...saved, oddsFormat: "fractional" });
    expect(await caller(ben).settings.get()).toEqual({ oddsFormat: "decimal", timeZone: null, currency: "USD" });
  });

  it("adopts the browser's zone once, never over a zone the user chose", async () => {
    expect((await caller(ben).settings.adoptBrowserTimeZone({ timeZone: "Europe/Berlin" })).timeZone).toBe("Europe/Berlin");
    expect((await caller(ben).settings.adoptBrowserTimeZone({ timeZone: "Asia/Tokyo" })).timeZone).toBe("Europe/Berlin");
    expect((await caller(ann).settings.adoptBrowserTimeZone({ timeZone: "Asia/Tokyo" })).timeZone).toBe("America/New_York");
  });

  it.each([
    [{ timeZone: "Mars/Olympus_Mons" }, /timeZone: "Mars\/Olympus_Mons" is not a time zone/],
    [{ timeZone: "+02:00" }, /is not a time zone/],
    [{ timeZone: "Europe/London\u0000" }, /must not contain NUL characters/],
    [{ timeZone: "A".repeat(65) }, /use at most 64 characters/],
    [{ currency: "XYZ" }, /currency: is not a currency code/],
    [{ currency: "dollars" }, /is not a currency code/],
    [{ oddsFormat: "hongkong" }, /oddsFormat: pick decimal, American or fractional/],
    [{ role: "ADMIN" }, /unknown field: role/],
  ])("refuses %j with a readable 400", async (input, message) => {
    const attempt = caller(ann).settings.update(input as never);
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(attempt).rejects.toThrow(message);
  });

  it("keeps signed-out visitors out", async () => {
    await expect(caller(null).settings.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("answers zod's built-in checks in plain words (was 'Too small: expected number to be >=0')", async () => {
    const attempt = caller(ann).bankrolls.create({ name: "Main", initialDepositCents: -1 });
    await expect(attempt).rejects.toThrow("initialDepositCents: the amount must be above 0");
    await expect(caller(ann).scanners.scan({ day: "2024-05-19", minEv: Number.NaN, asOf: null })).rejects.toThrow("minEv: must be a number");
  });
});
