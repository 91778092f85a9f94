import { afterAll, describe, expect, it } from "vitest";
import {
  intArrayLiteral,
  numberArrayLiteral,
  timestampArrayLiteral,
  tokenArrayLiteral,
} from "@/server/db/array-literals";
import { testPool } from "../../support/test-db";

const pool = testPool();
afterAll(() => pool.end());

/** What PostgreSQL reads from a literal, as text, element by element. */
async function read(literal: string, type: string): Promise<(string | null)[]> {
  const { rows } = await pool.query<{ v: string | null }>(
    `SELECT v::text FROM unnest($1::${type}) WITH ORDINALITY AS x(v, i) ORDER BY i`,
    [literal],
  );
  return rows.map((r) => r.v);
}

describe("array literals for bulk parameters", () => {
  it("PostgreSQL reads back exactly the values given", async () => {
    expect(await read(intArrayLiteral([0, -7, 2_147_483_647]), "int[]")).toEqual(["0", "-7", "2147483647"]);
    expect(await read(numberArrayLiteral([1.01, null, -0.5, 1000, 1e-7, 2.05]), "numeric[]")).toEqual([
      "1.01",
      null,
      "-0.5",
      "1000",
      "0.0000001",
      "2.05",
    ]);
    expect(await read(tokenArrayLiteral(["HOME", "FULL_GAME", "ONE_X_TWO"]), '"text"[]')).toEqual([
      "HOME",
      "FULL_GAME",
      "ONE_X_TWO",
    ]);
    const times = [new Date("2026-12-02T15:04:05.123Z"), new Date("1999-01-01T00:00:00.000Z")];
    const { rows } = await pool.query<{ t: Date }>(`SELECT unnest($1::timestamptz[]) AS t`, [
      timestampArrayLiteral(times),
    ]);
    expect(rows.map((r) => r.t.getTime())).toEqual(times.map((t) => t.getTime()));
    expect(await read(intArrayLiteral([]), "int[]")).toEqual([]);
  });

  it("refuses anything that would need quoting or is not a value, so a literal can never carry an extra element", () => {
    expect(() => intArrayLiteral([1.5])).toThrow(/int array literal/);
    expect(() => intArrayLiteral([Number.NaN])).toThrow();
    expect(() => numberArrayLiteral([Number.POSITIVE_INFINITY])).toThrow(/number array literal/);
    expect(() => tokenArrayLiteral(["HOME,AWAY"])).toThrow(/token array literal/);
    expect(() => tokenArrayLiteral(['a"}'])).toThrow();
    expect(() => tokenArrayLiteral(["null"])).toThrow();
    expect(() => tokenArrayLiteral([""])).toThrow();
    expect(() => timestampArrayLiteral([new Date(Number.NaN)])).toThrow(/timestamp array literal/);
  });
});
