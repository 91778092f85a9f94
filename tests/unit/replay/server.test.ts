import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startReplay, type ReplayServer } from "@/server/integrations/replay/server";
import { at, FIRST_KICKOFF, hours, syntheticEplCsv } from "./fixtures";

// The real providers' shapes, as their documentation shows them.
const outcome = z.object({ name: z.string(), price: z.number(), point: z.number().optional() }).strict();
const oddsEvent = z
  .object({
    id: z.string().regex(/^[0-9a-f]{32}$/),
    sport_key: z.string(),
    sport_title: z.string(),
    commence_time: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    home_team: z.string(),
    away_team: z.string(),
    bookmakers: z.array(
      z
        .object({
          key: z.string(),
          title: z.string(),
          last_update: z.string(),
          markets: z.array(
            z
              .object({
                key: z.enum(["h2h", "spreads", "totals"]),
                last_update: z.string(),
                outcomes: z.array(outcome),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();
const scoreEvent = oddsEvent.omit({ bookmakers: true }).extend({
  completed: z.boolean(),
  scores: z.array(z.object({ name: z.string(), score: z.string() })).nullable(),
  last_update: z.string().nullable(),
});
const espnBoard = z.object({
  leagues: z.array(z.object({ id: z.string(), abbreviation: z.string() }).passthrough()),
  events: z.array(
    z
      .object({
        id: z.string().regex(/^\d+$/),
        date: z.string(),
        competitions: z.array(
          z
            .object({
              competitors: z.array(
                z
                  .object({
                    homeAway: z.enum(["home", "away"]),
                    score: z.string(),
                    team: z.object({ id: z.string(), displayName: z.string(), abbreviation: z.string() }).passthrough(),
                  })
                  .passthrough(),
              ),
              status: z
                .object({
                  type: z.object({ state: z.enum(["pre", "in", "post"]), completed: z.boolean() }).passthrough(),
                })
                .passthrough(),
            })
            .passthrough(),
        ),
      })
      .passthrough(),
  ),
});

const dir = mkdtempSync(path.join(tmpdir(), "replay-"));
const file = path.join(dir, "E0_2324.csv");
const realStart = new Date("2026-03-01T12:00:00Z");
let realMs = realStart.getTime();
let replay: ReplayServer;

/** Moves the real clock so the archive present is `archive`. */
const goTo = (archive: Date) => (realMs = replay.clock.toReal(archive).getTime());
const get = (pathAndQuery: string) => fetch(`${replay.url}${pathAndQuery}`);
const ODDS =
  "/v4/sports/soccer_epl/odds?apiKey=demo&regions=eu,uk&markets=h2h,spreads,totals&oddsFormat=decimal&dateFormat=iso";

beforeAll(async () => {
  writeFileSync(file, syntheticEplCsv());
  replay = await startReplay({
    source: "football-data",
    files: [file],
    from: at(-hours(10)),
    speed: 60,
    apiKey: "demo",
    realNow: () => new Date(realMs),
  });
});
afterAll(async () => {
  await replay.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("replay server", () => {
  it("lists its sports without charging the quota", async () => {
    const res = await get("/v4/sports?apiKey=demo");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-requests-last")).toBe("0");
    expect(await res.json()).toEqual([
      {
        key: "soccer_epl",
        group: "Soccer",
        title: "EPL",
        description: "English Premier League",
        active: true,
        has_outrights: false,
      },
    ]);
  });

  it("answers odds in The Odds API's shape with quota headers", async () => {
    goTo(at(-hours(10)));
    const res = await get(ODDS);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(res.headers.get("x-requests-last")).toBe("6");
    const used = Number(res.headers.get("x-requests-used"));
    expect(used).toBeGreaterThanOrEqual(6);
    expect(Number(res.headers.get("x-requests-remaining"))).toBe(1_000_000 - used);
    const body = z.array(oddsEvent).parse(await res.json());
    const game = body.find((e) => e.home_team === "Ashcombe" && e.away_team === "Brackwell")!;
    expect(game.commence_time).toBe(replay.clock.toReal(FIRST_KICKOFF).toISOString().replace(".000Z", "Z"));
    expect(game.bookmakers).toEqual([
      {
        key: "pinnacle",
        title: "Pinnacle",
        last_update: replay.clock
          .toReal(at(-hours(48)))
          .toISOString()
          .replace(".000Z", "Z"),
        markets: [
          expect.objectContaining({
            key: "h2h",
            outcomes: [
              { name: "Ashcombe", price: 1.98 },
              { name: "Draw", price: 3.61 },
              { name: "Brackwell", price: 4.08 },
            ],
          }),
        ],
      },
    ]);
  });

  it("moves to closing prices near kick-off, in American odds and Unix times on request", async () => {
    goTo(at(-30 * 60_000));
    const res = await get(ODDS.replace("decimal", "american").replace("dateFormat=iso", "dateFormat=unix"));
    const body = (await res.json()) as {
      home_team: string;
      away_team: string;
      commence_time: number;
      bookmakers: { markets: { outcomes: { price: number }[] }[] }[];
    }[];
    const game = body.find((e) => e.home_team === "Ashcombe" && e.away_team === "Brackwell")!;
    expect(game.commence_time).toBe(replay.clock.toReal(FIRST_KICKOFF).getTime() / 1000);
    expect(game.bookmakers[0]!.markets[0]!.outcomes.map((o) => o.price)).toEqual([-101, 261, 307]);
  });

  it("lists events and gives the final score after the game", async () => {
    goTo(at(hours(3)));
    const events = (await (await get("/v4/sports/soccer_epl/events?apiKey=demo")).json()) as { id: string }[];
    const scoresRes = await get("/v4/sports/soccer_epl/scores?apiKey=demo&daysFrom=3");
    expect(scoresRes.headers.get("x-requests-last")).toBe("2");
    const scores = z.array(scoreEvent).parse(await scoresRes.json());
    const done = scores.find((e) => e.home_team === "Ashcombe" && e.away_team === "Brackwell")!;
    expect(done).toMatchObject({
      completed: true,
      scores: [
        { name: "Ashcombe", score: "2" },
        { name: "Brackwell", score: "1" },
      ],
    });
    expect(events.map((e) => e.id)).not.toContain(done.id);
    const odds = z.array(oddsEvent).parse(await (await get(ODDS)).json());
    expect(odds.map((e) => e.id)).not.toContain(done.id);
  });

  it("serves ESPN's scoreboard for the real-time day", async () => {
    goTo(at(hours(3)));
    const day = replay.clock.toReal(FIRST_KICKOFF).toISOString().slice(0, 10).replace(/-/g, "");
    const res = await get(`/apis/site/v2/sports/soccer/eng.1/scoreboard?dates=${day}`);
    expect(res.status).toBe(200);
    const board = espnBoard.parse(await res.json());
    expect(board.leagues[0]!.abbreviation).toBe("EPL");
    const names = (e: (typeof board.events)[number]) =>
      e.competitions[0]!.competitors.map((c) => c.team.displayName).join(" v ");
    const event = board.events.find((e) => names(e) === "Ashcombe v Brackwell")!;
    const competition = event.competitions[0]!;
    expect(competition.status.type).toMatchObject({ state: "post", completed: true });
    expect(competition.competitors.map((c) => [c.homeAway, c.team.displayName, c.score])).toEqual([
      ["home", "Ashcombe", "2"],
      ["away", "Brackwell", "1"],
    ]);
    expect((await get("/apis/site/v2/sports/football/nfl/scoreboard")).status).toBe(404);
    expect((await get("/apis/site/v2/sports/soccer/eng.1/scoreboard?dates=tomorrow")).status).toBe(400);
  });

  it("refuses a wrong key with 401, bad parameters with 422 and unknown sports with 404", async () => {
    const wrong = await get(ODDS.replace("apiKey=demo", "apiKey=nope"));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error_code: "INVALID_KEY" });
    expect((await get("/v4/sports/soccer_epl/odds?apiKey=demo")).status).toBe(422);
    expect((await get("/v4/sports/soccer_epl/odds?apiKey=demo&regions=eu&markets=corners")).status).toBe(422);
    expect((await get("/v4/sports/soccer_epl/scores?apiKey=demo&daysFrom=9")).status).toBe(422);
    expect((await get("/v4/sports/americanfootball_nfl/odds?apiKey=demo&regions=us")).status).toBe(404);
  });
});
