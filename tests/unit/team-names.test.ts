import { describe, expect, it } from "vitest";
import { aliasKey } from "@/server/domain/names/normalize";
import { nbaFranchises } from "@/server/domain/teams/nba";
import { nflFranchises } from "@/server/domain/teams/nfl";

describe("aliasKey", () => {
  it("folds case, accents and punctuation so spellings compare equal", () => {
    expect(aliasKey("St. Louis")).toBe(aliasKey("St.Louis"));
    expect(aliasKey("Atlético Madrid")).toBe("atleticomadrid");
    expect(aliasKey("Brighton & Hove")).toBe("brightonandhove");
  });
});

describe("NFL franchise resolution", () => {
  const name = (raw: string, season?: number) => {
    const r = nflFranchises.resolve(raw, season);
    return r.kind === "team" ? r.name : r.kind;
  };

  it("maps every source's spelling of one franchise to one team", () => {
    for (const raw of ["LV", "OAK", "Oakland", "LVRaiders", "Raiders", "Las Vegas Raiders"]) {
      expect(name(raw)).toBe("Las Vegas Raiders");
    }
    for (const raw of ["WAS", "WSH", "Washingtom", "Redskins", "Commanders"]) expect(name(raw)).toBe("Washington Commanders");
    for (const raw of ["LA", "STL", "St.Louis", "LAR", "Rams"]) expect(name(raw)).toBe("Los Angeles Rams");
    expect(name("KCChiefs")).toBe("Kansas City Chiefs");
    expect(name("Fortyniners")).toBe("San Francisco 49ers");
  });

  it("resolves a city shared by two teams only where the season makes it unique", () => {
    expect(name("LosAngeles", 2016)).toBe("Los Angeles Rams");
    expect(nflFranchises.resolve("LosAngeles", 2018)).toEqual({
      kind: "ambiguous",
      candidates: ["Los Angeles Chargers", "Los Angeles Rams"],
    });
    expect(nflFranchises.resolve("NewYork", 2013).kind).toBe("ambiguous");
  });

  it("does not guess unknown names", () => {
    expect(nflFranchises.resolve("Rock Island Independents").kind).toBe("unknown");
  });
});

describe("NBA franchise resolution", () => {
  it("maps archive codes and nicknames", () => {
    const name = (raw: string) => {
      const r = nbaFranchises.resolve(raw);
      return r.kind === "team" ? r.name : r.kind;
    };
    expect(name("Sixers")).toBe("Philadelphia 76ers");
    expect(name("phi")).toBe("Philadelphia 76ers");
    expect(name("gs")).toBe("Golden State Warriors");
    expect(name("utah")).toBe("Utah Jazz");
    expect(name("Hornets")).toBe("Charlotte Hornets");
    expect(name("no")).toBe("New Orleans Pelicans");
    expect(name("Guangzhou Loong Lions")).toBe("unknown");
  });
});
