import { describe, expect, it } from "vitest";
import { decideBot, type LiveGame } from "@/server/domain/bots/decide";
import { gameInjuriesAt, injuriesKnownAt, type InjuryReportRow } from "@/server/domain/injuries/known";
import { DEFAULT_TIERS, StrategyV1 } from "@/server/domain/strategies/schema";

const at = new Date("2026-12-05T10:00:00Z");
const minutes = (m: number) => new Date(at.getTime() + m * 60_000);
const row = (
  teamId: number,
  player: string,
  status: string,
  collectedAt: Date,
  position: string | null = null,
): InjuryReportRow => ({
  teamId,
  player,
  position,
  status,
  collectedAt,
});

describe("injuries as known at a moment", () => {
  it("counts each player's latest status collected by then, and notes a quarterback out", () => {
    const teams = injuriesKnownAt(
      [
        row(1, "A. Passer", "Questionable", minutes(-120), "QB"),
        row(1, "A. Passer", "Out", minutes(-30), "QB"),
        row(1, "B. Runner", "Out", minutes(-60), "RB"),
        row(1, "B. Runner", "Active", minutes(-10), "RB"),
        // Collected after the decision: not known yet.
        row(1, "C. Catcher", "Out", minutes(5), "WR"),
        row(2, "D. Blocker", "Doubtful", minutes(-30), "OT"),
      ],
      at,
    );
    expect(teams.get(1)).toEqual({ out: 1, quarterbackOut: true });
    expect(teams.get(2)).toEqual({ out: 0, quarterbackOut: false });
    expect(teams.has(3)).toBe(false);
  });

  it("reads each game at its own moment: a report collected after a game's kick-off counts only for later games", () => {
    const rows = [row(1, "A. Passer", "Out", minutes(-30), "QB"), row(2, "E. Edge", "Out", minutes(30), "LB")];
    const games = gameInjuriesAt(rows, [
      { id: 10, homeTeamId: 1, awayTeamId: 2, at },
      { id: 11, homeTeamId: 2, awayTeamId: 3, at: minutes(60) },
      { id: 12, homeTeamId: 3, awayTeamId: 4, at: minutes(60) },
    ]);
    expect(games.get(10)).toEqual({ home: { out: 1, quarterbackOut: true }, away: null });
    expect(games.get(11)).toEqual({ home: { out: 1, quarterbackOut: false }, away: null });
    expect(games.get(12)).toEqual({ home: null, away: null });
  });

  it("lets a strategy bet against a team missing players, and leaves games without reports alone", () => {
    const seen = new Date(at.getTime() - 3_600_000);
    const kickoff = new Date(at.getTime() + 24 * 3_600_000);
    const quote = (selection: "HOME" | "DRAW" | "AWAY", price: number) => ({
      market: "MONEYLINE" as const,
      period: "FULL_GAME" as const,
      selection,
      line: null,
      phase: "SNAPSHOT" as const,
      capturedAt: seen,
      bookmaker: { key: "pinnacle", isAggregate: false },
      price,
      gameStartsAt: kickoff,
    });
    const game = (gameId: number, injuries: LiveGame["injuries"]): LiveGame => ({
      gameId,
      league: "nfl",
      sport: "american-football",
      season: 2026,
      startsAt: kickoff,
      home: `H${gameId}`,
      away: `A${gameId}`,
      homeScore: null,
      awayScore: null,
      roof: null,
      temperatureC: null,
      windKph: null,
      injuries,
      quotes: [quote("HOME", 1.9), quote("AWAY", 1.95)],
    });
    const strategy = StrategyV1.parse({
      schemaVersion: 1,
      name: "Opponent short-handed",
      markets: ["moneyline"],
      probability: "market:pinnacle-opening",
      price: "pinnacle",
      decideAt: "opening",
      when: {
        all: [
          { field: "opponentPlayersOut", op: "gte", value: 3 },
          { field: "quarterbackOut", op: "lte", value: 0 },
        ],
      },
      stake: { kind: "flat", units: 1 },
    });
    const out = decideBot({
      tiers: DEFAULT_TIERS,
      strategy,
      state: "ACTIVE",
      killSwitch: false,
      leagues: [],
      markets: [],
      windowHours: 48,
      now: at,
      games: [
        game(1, { home: { out: 0, quarterbackOut: false }, away: { out: 4, quarterbackOut: true } }),
        game(2, null),
        game(3, { home: { out: 5, quarterbackOut: false }, away: { out: 1, quarterbackOut: true } }),
      ],
      modelProbabilities: null,
      bankroll: {
        balanceCents: 100_000,
        openStakeCents: 0,
        equityCents: 100_000,
        peakEquityCents: 100_000,
        stakedTodayCents: 0,
        picksToday: 0,
        picksPerGame: new Map(),
        recentSettled: [],
        unitCents: 1_000,
      },
      lockedKeys: new Set(),
    });
    // Game 1: home faces 4 out and has its quarterback. Game 3: away faces 5 out but its own quarterback is out.
    expect(out.decisions.map((d) => [d.gameId, d.selection])).toEqual([[1, "HOME"]]);
  });
});
