import { beforeAll, describe, expect, it } from "vitest";
import { pool, prisma } from "../support/app-db";

const { createCaller } = await import("@/server/api/root");
const { importFile } = await import("@/server/services/imports/import-file");
const { uploadSource } = await import("@/server/api/import-upload");

type Caller = ReturnType<typeof createCaller>;
function caller(user: { id: string; role: "USER" | "ADMIN" }): Caller {
  return createCaller({ db: prisma, pool, session: { user, expires: "2999-01-01" } });
}

/** A football-data file of one made-up division, so these games are this test's alone. */
function footballCsv(division: string, rows: [date: string, home: string, away: string, homeOdds: number][]): Buffer {
  return Buffer.from(
    ["Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,B365H,B365D,B365A", ...rows.map(([d, h, a, p]) => `${division},${d},${h},${a},1,0,${p},3.4,4.1`)].join("\n"),
  );
}

async function importBytes(source: "football-data" | "nflverse" | "sbr-nfl", fileName: string, bytes: Buffer, userId?: string) {
  const report = await importFile(pool, { source, fileName, bytes, userId: userId ?? null });
  expect(report.status, report.message).toBe("SUCCEEDED");
  return report;
}

const gameCount = async (leagueKey: string) => prisma.game.count({ where: { league: { key: leagueKey } } });

describe("import runs: hide and delete", () => {
  let admin: { id: string; role: "ADMIN" };
  let user: { id: string; role: "USER" };

  beforeAll(async () => {
    const stamp = Date.now();
    admin = { id: (await prisma.user.create({ data: { email: `runs-admin-${stamp}@example.com`, role: "ADMIN" } })).id, role: "ADMIN" };
    user = { id: (await prisma.user.create({ data: { email: `runs-user-${stamp}@example.com`, role: "USER" } })).id, role: "USER" };
  });

  it("hides a test upload's games from other users' lists, not from admins, and shows them again", async () => {
    const run = await importBytes("football-data", "test-upload.csv", footballCsv("HX1", [["01/08/2030", "Hide Town", "Hide City", 2.1]]), admin.id);
    const listed = async (who: Caller) => (await who.games.list({ league: "football-data-hx1" })).items.length;
    expect(await listed(caller(user))).toBe(1);

    await expect(caller(user).imports.setHidden({ id: run.importRunId, hidden: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await caller(admin).imports.setHidden({ id: run.importRunId, hidden: true });
    expect(await listed(caller(user))).toBe(0);
    expect(await listed(caller(admin))).toBe(1);
    expect((await caller(admin).imports.runs({})).find((r) => r.id === run.importRunId)?.hiddenAt).toBeInstanceOf(Date);

    await caller(admin).imports.setHidden({ id: run.importRunId, hidden: false });
    expect(await listed(caller(user))).toBe(1);
  });

  it("keeps a hidden run's games listed when another, visible run also contains them", async () => {
    const csv = footballCsv("HX2", [["01/08/2030", "Shared Town", "Shared City", 2.1]]);
    const first = await importBytes("football-data", "first.csv", csv);
    await importBytes("football-data", "again.csv", csv);
    await caller(admin).imports.setHidden({ id: first.importRunId, hidden: true });
    expect((await caller(user).games.list({ league: "football-data-hx2" })).items).toHaveLength(1);
  });

  it("deletes what only the run created, in one go, and leaves no empty league behind", async () => {
    const run = await importBytes(
      "football-data",
      "delete-me.csv",
      footballCsv("DX1", [
        ["01/08/2030", "Gone Town", "Gone City", 2.1],
        ["08/08/2030", "Gone City", "Gone Town", 1.9],
      ]),
    );
    expect(await gameCount("football-data-dx1")).toBe(2);
    await expect(caller(user).imports.delete({ id: run.importRunId })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const result = await caller(admin).imports.delete({ id: run.importRunId });
    expect(result).toMatchObject({ games: 2, odds: 6, keptGames: 0 });
    expect(await gameCount("football-data-dx1")).toBe(0);
    expect(await prisma.league.count({ where: { key: "football-data-dx1" } })).toBe(0);
    expect(await prisma.team.count({ where: { name: { in: ["Gone Town", "Gone City"] } } })).toBe(0);
    const stored = (await caller(admin).imports.runs({})).find((r) => r.id === run.importRunId)!;
    expect(stored.deletedAt).toBeInstanceOf(Date);
    expect(stored.message).toMatch(/removed 2 games and 6 prices/);
    await expect(caller(admin).imports.delete({ id: run.importRunId })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("keeps games and prices that another import of the same file still holds", async () => {
    const csv = footballCsv("DX2", [["01/08/2030", "Twice Town", "Twice City", 2.1]]);
    const first = await importBytes("football-data", "twice.csv", csv);
    const second = await importBytes("football-data", "twice.csv", csv);
    expect(await caller(admin).imports.delete({ id: first.importRunId })).toMatchObject({ games: 0, odds: 0, keptGames: 1 });
    const games = await prisma.game.findMany({ where: { league: { key: "football-data-dx2" } }, select: { id: true } });
    expect(await prisma.oddsSnapshot.count({ where: { gameId: { in: games.map((g) => g.id) } } })).toBe(3);
    expect(await caller(admin).imports.delete({ id: second.importRunId })).toMatchObject({ games: 1, odds: 3 });
    expect(await gameCount("football-data-dx2")).toBe(0);
  });

  it("removes one source's prices from a game another source also describes, and keeps the game", async () => {
    const nflverse = await importBytes(
      "nflverse",
      "games.csv",
      Buffer.from(
        "game_id,season,game_type,gameday,away_team,home_team,away_score,home_score,home_moneyline,away_moneyline\n" +
          "2031_01_DET_KC,2031,REG,2031-09-11,DET,KC,20,27,-150,130\n",
      ),
    );
    const sbr = await importBytes(
      "sbr-nfl",
      "sbr.json",
      Buffer.from(
        JSON.stringify([
          {
            season: 2031, date: 20310911, home_team: "KansasCity", away_team: "Detroit", home_final: 27, away_final: 20,
            home_1stQtr: 7, home_2ndQtr: 7, home_3rdQtr: 7, home_4thQtr: 6, away_1stQtr: 7, away_2ndQtr: 3, away_3rdQtr: 7, away_4thQtr: 3,
            home_close_spread: -3.5, away_close_spread: 3.5, close_over_under: 47.5, home_close_ml: -160, away_close_ml: 140,
          },
        ]),
      ),
    );
    const game = await prisma.game.findFirstOrThrow({ where: { localDate: new Date("2031-09-11"), league: { key: "nfl" } } });
    const sources = async () => (await prisma.oddsSnapshot.findMany({ where: { gameId: game.id }, select: { source: true } })).map((o) => o.source).sort();
    expect(new Set(await sources())).toEqual(new Set(["nflverse", "sbr-nfl"]));

    expect(await caller(admin).imports.delete({ id: sbr.importRunId })).toMatchObject({ games: 0, odds: 6, keptGames: 1 });
    expect(await sources()).toEqual(["nflverse", "nflverse"]);
    expect(await caller(admin).imports.delete({ id: nflverse.importRunId })).toMatchObject({ games: 1, odds: 2 });
    expect(await prisma.game.count({ where: { id: game.id } })).toBe(0);
  });

  it("refuses to delete a run whose games carry bets, and says what to do instead", async () => {
    const run = await importBytes("football-data", "bet-on.csv", footballCsv("DX3", [["01/08/2030", "Bet Town", "Bet City", 2.1]]));
    const game = await prisma.game.findFirstOrThrow({ where: { league: { key: "football-data-dx3" } } });
    const bankroll = await prisma.bankroll.create({ data: { userId: user.id, name: "runs test" } });
    await prisma.bet.create({
      data: { userId: user.id, bankrollId: bankroll.id, gameId: game.id, market: "ONE_X_TWO", selection: "HOME", price: 2.1, stakeCents: 1000, placedAt: new Date("2030-07-31T12:00:00Z") },
    });
    await expect(caller(admin).imports.delete({ id: run.importRunId })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/1 bet .*Hide the import instead/),
    });
    expect(await gameCount("football-data-dx3")).toBe(1);
    expect((await caller(admin).imports.runs({})).find((r) => r.id === run.importRunId)?.deletedAt).toBeNull();
  });

  it("answers NOT_FOUND for an unknown run", async () => {
    await expect(caller(admin).imports.delete({ id: "imp_missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(admin).imports.setHidden({ id: "imp_missing", hidden: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("bad input to imports, games and leagues is a 4xx with a readable message", () => {
  let user: { id: string; role: "USER" };

  beforeAll(async () => {
    user = { id: (await prisma.user.create({ data: { email: `input-user-${Date.now()}@example.com` } })).id, role: "USER" };
    await importBytes("football-data", "percent.csv", footballCsv("PX1", [["01/08/2030", "Percent Town", "Under_score City", 2.1]]));
  });

  it("an upload's source named after an object property is an unknown source, listed", () => {
    for (const source of ["__proto__", "toString", "constructor", "hasOwnProperty"]) {
      expect(() => uploadSource(source, "")).toThrow(expect.objectContaining({ code: "BAD_REQUEST", message: expect.stringMatching(/Unknown source .* nflverse, sbr-nfl/) }));
    }
    expect(uploadSource("", "Div,Date,HomeTeam\n")).toBe("football-data");
    expect(uploadSource(" sbr-nba ", "")).toBe("sbr-nba");
  });

  it("a NUL byte in a CSV rejects its line, not the whole file", async () => {
    const bytes = Buffer.from("Div,Date,HomeTeam,AwayTeam,FTHG,FTAG\nNX1,01/08/2030,Nul Town,Nul City,1,0\nNX1,08/08/2030,Nul\u0000Ville,Nul City,1,0\n");
    const report = await importFile(pool, { source: "football-data", fileName: "nul.csv", bytes });
    expect(report.status).toBe("SUCCEEDED");
    expect(report.games).toBe(1);
    expect(report.rejected).toEqual([{ line: 3, message: expect.stringMatching(/^HomeTeam contains a NUL character/) }]);
  });

  it("ids beyond PostgreSQL's integer, times it cannot hold and NUL in searches", async () => {
    const u = caller(user);
    await expect(u.games.byId({ id: 2 ** 31 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(u.games.list({ teamId: 2 ** 31 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(u.games.list({ cursor: 2 ** 31 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(u.games.list({ from: -1e15 as unknown as Date })).rejects.toMatchObject({ code: "BAD_REQUEST", message: /from: must be after 1900/ });
    await expect(u.games.list({ search: "a\u0000" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(u.leagues.teams({ league: "football-data-px1", search: "a\u0000" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("% and _ in team and game searches match themselves", async () => {
    const u = caller(user);
    expect((await u.games.list({ league: "football-data-px1", search: "%" })).items).toHaveLength(0);
    expect((await u.games.list({ league: "football-data-px1", search: "Percent" })).items).toHaveLength(1);
    expect((await u.leagues.teams({ league: "football-data-px1", search: "_" })).map((t) => t.name)).toEqual(["Under_score City"]);
    expect(await u.leagues.teams({ league: "football-data-px1", search: "%" })).toEqual([]);
  });
});
