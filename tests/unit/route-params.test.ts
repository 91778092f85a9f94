import { describe, expect, it } from "vitest";
import { idFromParam } from "@/server/api/schemas";

describe("an id in a page address", () => {
  it("is a database id, or nothing (the page then shows not found)", () => {
    expect(idFromParam("12")).toBe(12);
    expect(idFromParam("2147483647")).toBe(2147483647);
    for (const bad of ["abc", "", "0", "-1", "1.5", "1e3", " 12", "12abc", "2147483648", "99999999999999999999"]) expect(idFromParam(bad)).toBeNull();
  });
});
