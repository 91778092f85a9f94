import { describe, expect, it } from "vitest";
import {
  INTERNATIONAL_VENUES,
  isOutdoor,
  NFL_STADIUMS,
  stadiumOf,
  venueByName,
} from "@/server/domain/collectors/nfl-stadiums";

const TEAMS =
  "ARI ATL BAL BUF CAR CHI CIN CLE DAL DEN DET GB HOU IND JAX KC LV LAC LAR MIA MIN NE NO NYG NYJ PHI PIT SF SEA TB TEN WSH".split(
    " ",
  );

describe("NFL stadiums", () => {
  it("gives every current team a stadium, 30 venues for 32 teams", () => {
    const venues = new Set(TEAMS.map((t) => stadiumOf(t)?.key));
    expect(TEAMS.filter((t) => !stadiumOf(t))).toEqual([]);
    expect(venues.size).toBe(30);
    expect(stadiumOf("kc")).toMatchObject({
      name: "GEHA Field at Arrowhead Stadium",
      latitude: 39.049,
      longitude: -94.484,
      roof: "outdoors",
    });
    expect(stadiumOf("NYJ")?.key).toBe(stadiumOf("NYG")?.key);
    expect(stadiumOf("XYZ")).toBeUndefined();
  });

  it("follows moves by season", () => {
    expect(stadiumOf("LV", 2019)?.key).toBe("oakland-coliseum");
    expect(stadiumOf("LV", 2020)?.key).toBe("allegiant-stadium");
    expect(stadiumOf("LAR", 2015)?.key).toBe("edward-jones-dome");
    expect(stadiumOf("LAR", 2018)?.key).toBe("la-memorial-coliseum");
    expect(stadiumOf("LAC", 2018)?.key).toBe("dignity-health-sports-park");
    expect(stadiumOf("ATL", 2016)?.roof).toBe("dome");
    expect(stadiumOf("BUF", 2025)?.key).toBe("highmark-stadium");
    expect(stadiumOf("BUF")?.key).toBe("new-highmark-stadium");
  });

  it("has no duplicate keys and never two stadiums for one team in one season", () => {
    const all = [...NFL_STADIUMS, ...INTERNATIONAL_VENUES];
    expect(new Set(all.map((s) => s.key)).size).toBe(all.length);
    for (const team of [...TEAMS, "OAK", "SD", "STL", "LA", "WAS", "JAC"]) {
      for (let season = 2000; season <= 2030; season++) {
        const here = NFL_STADIUMS.filter(
          (s) => s.teams.includes(team) && (s.fromSeason ?? -Infinity) <= season && season <= (s.toSeason ?? Infinity),
        );
        expect(here.length, `${team} ${season}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it("places team venues in the contiguous US and international venues in their countries", () => {
    for (const s of NFL_STADIUMS) {
      expect(s.latitude, s.key).toBeGreaterThan(24.5);
      expect(s.latitude, s.key).toBeLessThan(49.5);
      expect(s.longitude, s.key).toBeGreaterThan(-125);
      expect(s.longitude, s.key).toBeLessThan(-66.9);
    }
    const boxes: Record<string, [number, number, number, number]> = {
      England: [49.9, 55.9, -6, 1.8],
      Germany: [47.2, 55.1, 5.8, 15.1],
      Mexico: [14.5, 32.7, -118.4, -86.7],
      Brazil: [-33.8, 5.3, -74, -34.7],
      Spain: [36, 43.8, -9.3, 3.3],
      Ireland: [51.4, 55.4, -10.5, -6],
      Australia: [-43.7, -10.6, 113, 153.7],
    };
    for (const s of INTERNATIONAL_VENUES) {
      const [latMin, latMax, lonMin, lonMax] = boxes[s.country]!;
      expect(s.latitude > latMin && s.latitude < latMax && s.longitude > lonMin && s.longitude < lonMax, s.key).toBe(
        true,
      );
    }
  });

  it("finds venues by ESPN's names and tells outdoor ones", () => {
    expect(venueByName("GEHA Field at Arrowhead Stadium")?.key).toBe("arrowhead-stadium");
    expect(venueByName("FedExField")?.key).toBe("northwest-stadium");
    expect(venueByName("Estadio Santiago Bernabeu")?.key).toBe("santiago-bernabeu");
    expect(venueByName("Nowhere Field")).toBeUndefined();
    expect(isOutdoor(stadiumOf("GB")!)).toBe(true);
    expect(isOutdoor(stadiumOf("DET")!)).toBe(false);
    expect(isOutdoor(stadiumOf("DAL")!)).toBe(false);
  });
});
