import { describe, expect, it } from "vitest";
import { decodeText, detectSource, FileFormatError, SOURCE_FORMATS } from "@/server/domain/imports";

const footballData = [
  "Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HTHG,HTAG,B365H,B365D,B365A,PSH,PSD,PSA,PSCH,PSCD,PSCA,MaxH,MaxD,MaxA,P>2.5,P<2.5,AHh,PAHH,PAHA,AHCh,PCAHH,PCAHA",
  "E0,11/08/2023,20:00,Burnley,Man City,0,3,A,0,2,8.0,5.5,1.33,8.58,5.51,1.37,9.62,5.81,1.33,9.5,5.68,1.39,1.68,2.29,1.5,1.86,2.07,1.5,1.95,1.97",
  "E0,12/08/2023,12:30,Arsenal,Nott'm Forest,2,1,H,2,0,1.2,7,13,1.22,7.0,13.5,1.2,7.6,15.0,1.25,7.5,15.0,1.4,3.0,-2,1.9,2.0,-2.25,1.93,1.97",
  "E0,99/08/2023,15:00,Bournemouth,West Ham,1,1,D,0,0,2.0,3.6,3.5,2.1,3.6,3.5,2.1,3.6,3.5,2.2,3.8,3.6,1.8,2.0,0,1.9,2.0,0,1.9,2.0",
].join("\n");

describe("football-data parser", () => {
  const batch = SOURCE_FORMATS["football-data"].parse(footballData, "E0_2324.csv");

  it("reads games with UK kick-off times in UTC, scores and halves", () => {
    expect(batch.games).toHaveLength(2);
    const [first] = batch.games;
    expect(first).toMatchObject({ home: "Burnley", away: "Man City", homeScore: 0, awayScore: 3, status: "FINAL", localDate: "2023-08-11" });
    expect(first!.startsAt.toISOString()).toBe("2023-08-11T19:00:00.000Z");
    expect(first!.season).toEqual({ label: "2023-24", startYear: 2023 });
    expect(first!.periodScores).toEqual([
      { period: "H1", home: 0, away: 2 },
      { period: "H2", home: 0, away: 1 },
    ]);
  });

  it("reports a bad row with its line and imports the rest", () => {
    expect(batch.rowsRead).toBe(3);
    expect(batch.rejected).toEqual([{ line: 4, message: 'invalid date "99/08/2023"' }]);
  });

  it("keeps every book, Pinnacle closing prices, over/under and Asian lines", () => {
    const odds = batch.odds.filter((o) => o.game === 0);
    const pick = (book: string, market: string, selection: string, phase: string) =>
      odds.find((o) => o.bookmaker.key === book && o.market === market && o.selection === selection && o.phase === phase);
    expect(pick("pinnacle", "ONE_X_TWO", "HOME", "CLOSING")?.price).toBe(9.62);
    expect(pick("bet365", "ONE_X_TWO", "DRAW", "OPENING")?.price).toBe(5.5);
    expect(pick("market-max", "ONE_X_TWO", "AWAY", "OPENING")?.bookmaker.isAggregate).toBe(true);
    expect(pick("pinnacle", "TOTAL", "OVER", "OPENING")).toMatchObject({ line: 2.5, price: 1.68 });
    expect(pick("pinnacle", "SPREAD", "HOME", "CLOSING")).toMatchObject({ line: 1.5, price: 1.95 });
    expect(pick("pinnacle", "SPREAD", "AWAY", "CLOSING")).toMatchObject({ line: -1.5, price: 1.97 });
    expect(odds).toHaveLength(9 + 3 + 2 + 2 + 2);
  });

  it("refuses a file that is not in the format", () => {
    expect(() => SOURCE_FORMATS["football-data"].parse("name,score\nx,1\n")).toThrow(FileFormatError);
    expect(() => SOURCE_FORMATS["football-data"].parse("")).toThrow(/empty file/);
  });
});

describe("football-data columns from the site's notes", () => {
  // Books added to football-data's key after the shared files were made, Pinnacle's short 1X2 alias and the
  // HG/AG/Res result columns; "BFD" alone is still Betfair's draw, "BFDD" Betfred's.
  const csv = [
    "Div,Date,Time,HomeTeam,AwayTeam,HG,AG,Res,PH,PD,PA,BFDH,BFDD,BFDA,BMGMH,BMGMD,BMGMA,BVH,BVD,BVA,CLH,CLD,CLA,PPH,PPD,PPA,SKH,SKD,SKA,BFH,BFD,BFA,BVCH,BVCD,BVCA,BFECH,BFEC>2.5,BFECAHH,AHCh,Bb1X2,Mystery",
    "E0,16/08/2024,20:00,Man United,Fulham,1,0,H,1.6,4.2,5.5,1.57,4.1,5.2,1.58,4.2,5.3,1.59,4.3,5.4,1.55,4.0,5.0,1.56,4.1,5.1,1.54,4.05,5.05,1.61,4.25,5.6,1.62,4.1,5.3,1.65,1.9,1.95,-0.75,40,x",
  ].join("\n");
  const batch = SOURCE_FORMATS["football-data"].parse(csv, "E0_2425.csv");
  const price = (book: string, selection: string, phase = "OPENING", market = "ONE_X_TWO") =>
    batch.odds.find((o) => o.bookmaker.key === book && o.market === market && o.selection === selection && o.phase === phase);

  it("reads HG/AG as the score", () => {
    expect(batch.rejected).toEqual([]);
    expect(batch.games[0]).toMatchObject({ home: "Man United", away: "Fulham", homeScore: 1, awayScore: 0, status: "FINAL" });
  });

  it("keeps every documented book's prices under its display name", () => {
    expect(price("pinnacle", "HOME")?.price).toBe(1.6);
    expect(price("pinnacle", "DRAW")?.price).toBe(4.2);
    expect(price("betfred", "AWAY")).toMatchObject({ price: 5.2, bookmaker: { name: "Betfred", isAggregate: false } });
    expect(price("betmgm", "DRAW")).toMatchObject({ price: 4.2, bookmaker: { name: "BetMGM" } });
    expect(price("betvictor", "HOME")?.price).toBe(1.59);
    expect(price("coral", "AWAY")).toMatchObject({ price: 5.0, bookmaker: { name: "Coral" } });
    expect(price("paddy-power", "HOME")).toMatchObject({ price: 1.56, bookmaker: { name: "Paddy Power" } });
    expect(price("sky-bet", "DRAW")).toMatchObject({ price: 4.05, bookmaker: { name: "Sky Bet" } });
    expect(price("betfair", "DRAW")?.price).toBe(4.25);
    expect(price("betvictor", "AWAY", "CLOSING")?.price).toBe(5.3);
    expect(price("betfair-exchange", "HOME", "CLOSING")?.price).toBe(1.65);
    expect(price("betfair-exchange", "OVER", "CLOSING", "TOTAL")).toMatchObject({ price: 1.9, line: 2.5 });
    expect(price("betfair-exchange", "HOME", "CLOSING", "SPREAD")).toMatchObject({ price: 1.95, line: -0.75 });
    expect(batch.odds).toHaveLength(8 * 3 + 3 + 3);
  });

  it("names a column it does not know once, on the header line, instead of dropping it silently", () => {
    expect(batch.warnings).toEqual([{ line: 1, message: 'ignored column "Mystery": not in football-data.co.uk\'s column key' }]);
  });

  it("reads the extra-leagues layout (Country, League, Season, Home, Away, HG, AG, Res)", () => {
    const extra = SOURCE_FORMATS["football-data"].parse(
      [
        "Country,League,Season,Date,Time,Home,Away,HG,AG,Res,PSCH,PSCD,PSCA,MaxCH,MaxCD,MaxCA,AvgCH,AvgCD,AvgCA,BFECH,BFECD,BFECA",
        "Argentina,Liga Profesional,2024,25/01/2024,23:00,Velez Sarsfield,Boca Juniors,1,1,D,2.7,3.1,2.9,2.8,3.2,3.0,2.6,3.0,2.8,2.9,3.3,3.1",
      ].join("\n"),
      "ARG.csv",
    );
    expect(extra.rejected).toEqual([]);
    expect(extra.games[0]).toMatchObject({ home: "Velez Sarsfield", away: "Boca Juniors", homeScore: 1, awayScore: 1, localDate: "2024-01-25" });
    expect(extra.games[0]!.league).toMatchObject({ key: "football-data-argentina-liga-profesional", name: "Liga Profesional", country: "Argentina" });
    expect(extra.games[0]!.season).toEqual({ label: "2024", startYear: 2024 });
    expect(extra.odds).toHaveLength(12);
    expect(detectSource("Country,League,Season,Date,Time,Home,Away,HG,AG,Res\n")).toBe("football-data");
  });

  it("rejects a row whose result letter contradicts its score", () => {
    const wrong = SOURCE_FORMATS["football-data"].parse(csv.replace(",1,0,H,", ",1,0,A,"), "E0_2425.csv");
    expect(wrong.rejected).toEqual([{ line: 2, message: "Res says A but the score is 1-0" }]);
  });
});

describe("values that cannot be right are dropped with a warning, the rest of the row kept", () => {
  const sbrGame = (extra: Record<string, unknown>) =>
    JSON.stringify([
      {
        season: 2019, date: 20190908, home_team: "Dallas", away_team: "NYGiants", home_final: 35, away_final: 17,
        home_1stQtr: 7, home_2ndQtr: 14, home_3rdQtr: 7, home_4thQtr: 7, away_1stQtr: 0, away_2ndQtr: 7, away_3rdQtr: 3, away_4thQtr: 7,
        home_close_spread: -7, away_close_spread: 7, close_over_under: 45.5, home_close_ml: -300, away_close_ml: 250,
        ...extra,
      },
    ]);

  it("NFL second-half lines that the archive swapped (spread -24.5, total 0.5)", () => {
    const batch = SOURCE_FORMATS["sbr-nfl"].parse(sbrGame({ home_2H_spread: -24.5, away_2H_spread: 24.5, "2H_total": 0.5 }));
    expect(batch.games).toHaveLength(1);
    expect(batch.odds.filter((o) => o.period === "SECOND_HALF")).toEqual([]);
    expect(batch.odds.filter((o) => o.period === "FULL_GAME")).toHaveLength(2 + 2 + 2);
    expect(batch.warnings.map((w) => w.message)).toEqual([
      "ignored 2H_total 0.5: a second-half total in American football lies between 10 and 40",
      "ignored home_2H_spread -24.5: a second-half spread in American football lies between -15 and 15",
      "ignored away_2H_spread 24.5: a second-half spread in American football lies between -15 and 15",
    ]);
  });

  it("keeps plausible second-half lines", () => {
    const batch = SOURCE_FORMATS["sbr-nfl"].parse(sbrGame({ home_2H_spread: -3.5, away_2H_spread: 3.5, "2H_total": 23.5 }));
    expect(batch.warnings).toEqual([]);
    expect(batch.odds.filter((o) => o.period === "SECOND_HALF")).toHaveLength(4);
  });

  it("a full-game NFL spread of 48.5 (the total in the spread column)", () => {
    const batch = SOURCE_FORMATS["sbr-nfl"].parse(sbrGame({ home_close_spread: 48.5, away_close_spread: -48.5 }));
    expect(batch.odds.filter((o) => o.market === "SPREAD")).toEqual([]);
    expect(batch.warnings).toHaveLength(2);
  });

  it("soccer handicaps and prices the database could not hold", () => {
    const csv = [
      "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,B365H,B365D,B365A,AHh,PAHH,PAHA",
      "E0,12/08/2023,Arsenal,Forest,2,1,1.000001,7,5000,12,1.9,2.0",
    ].join("\n");
    const batch = SOURCE_FORMATS["football-data"].parse(csv, "E0_2324.csv");
    expect(batch.games).toHaveLength(1);
    expect(batch.odds.map((o) => o.price)).toEqual([7]);
    expect(batch.warnings.map((w) => w.message)).toEqual([
      "ignored B365H price 1.000001: decimal odds must be greater than 1",
      "ignored B365A price 5000: decimal odds above 1001 are not offered by any book",
      "ignored PAHH line 12: a spread in soccer lies between -6 and 6",
      "ignored PAHA line -12: a spread in soccer lies between -6 and 6",
    ]);
  });
});

describe("NUL characters", () => {
  it("reject the line they are on, with its number, and nothing else", () => {
    const csv = [
      "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG",
      "E0,12/08/2023,Arsenal,Forest,2,1",
      "E0,12/08/2023,Bren\u0000tford,Spurs,2,2",
    ].join("\n");
    const batch = SOURCE_FORMATS["football-data"].parse(csv, "E0_2324.csv");
    expect(batch.games.map((g) => g.home)).toEqual(["Arsenal"]);
    expect(batch.rejected).toEqual([
      { line: 3, message: "HomeTeam contains a NUL character (\\0): remove it from the file and import it again" },
    ]);
  });

  it("in every CSV source and the SBR JSON", () => {
    const nflverse = SOURCE_FORMATS.nflverse.parse(
      "game_id,season,game_type,gameday,away_team,home_team,away_score,home_score\n2023_01_DET_KC,2023,REG,2023-09-07,DE\u0000T,KC,21,20\n",
    );
    expect(nflverse.rejected[0]?.message).toMatch(/away_team contains a NUL character/);
    const sbr = SOURCE_FORMATS["sbr-nfl"].parse(
      JSON.stringify([{ season: 2019, date: 20190908, home_team: "Dal\u0000las", away_team: "NYGiants", home_final: 1, away_final: 0, home_close_spread: 0 }]),
    );
    expect(sbr.rejected[0]?.message).toMatch(/home team contains a NUL character/);
  });
});

describe("sbr-nba parser", () => {
  const csv = [
    "season,date,regular,playoffs,away,home,score_away,score_home,q1_away,q2_away,q3_away,q4_away,ot_away,q1_home,q2_home,q3_home,q4_home,ot_home,whos_favored,spread,total,moneyline_away,moneyline_home,h2_spread,h2_total,id_spread,id_total",
    "2008,10/30/07,TRUE,FALSE,por,sa,97,106,26,23,28,20,0,29,30,22,25,0,home,13,189.5,900,-1400,5,95,0,1",
    "2008,10/30/07,TRUE,FALSE,hou,lal,95,93,16,27,27,25,0,25,18,19,31,0,away,5,199,-230,190,3,99,0,0",
  ].join("\n");
  const batch = SOURCE_FORMATS["sbr-nba"].parse(csv);

  it("gives the favourite the negative handicap and converts American prices", () => {
    const homeSpread = (g: number) => batch.odds.find((o) => o.game === g && o.market === "SPREAD" && o.selection === "HOME");
    expect(homeSpread(0)?.line).toBe(-13);
    expect(homeSpread(1)?.line).toBe(5);
    const ml = batch.odds.find((o) => o.game === 0 && o.market === "MONEYLINE" && o.selection === "AWAY");
    expect(ml?.price).toBeCloseTo(10, 10);
    expect(batch.games[0]!.season).toEqual({ label: "2007-08", startYear: 2007 });
  });
});

describe("tennis-data parser", () => {
  it("orders players alphabetically so the fixture does not reveal the winner", () => {
    const csv = [
      "WTA,Location,Tournament,Date,Tier,Court,Surface,Round,Best of,Winner,Loser,WRank,LRank,W1,L1,W2,L2,W3,L3,Wsets,Lsets,Comment,B365W,B365L,PSW,PSL",
      "1,Abu Dhabi,Abu Dhabi Open,44202,WTA500,Outdoor,Hard,1st Round,3,Wang Q.,Kasatkina D.,72,34,6,2,3,6,6,2,2,1,Completed,1.66,2.1,1.69,2.28",
    ].join("\n");
    const { games, odds } = SOURCE_FORMATS["tennis-data"].parse(csv);
    expect(games[0]).toMatchObject({ home: "Kasatkina D.", away: "Wang Q.", homeScore: 1, awayScore: 2, localDate: "2021-01-06" });
    expect(games[0]!.periodScores![0]).toEqual({ period: "S1", home: 2, away: 6 });
    expect(odds.find((o) => o.bookmaker.key === "pinnacle" && o.selection === "AWAY")?.price).toBe(1.69);
  });
});

describe("format detection and decoding", () => {
  it("detects each source from its header", () => {
    expect(detectSource("game_id,season,game_type,week\n")).toBe("nflverse");
    expect(detectSource("Div,Date,HomeTeam,AwayTeam\n")).toBe("football-data");
    expect(detectSource("ATP,Location,Tournament,Date,Series\n")).toBe("tennis-data");
    expect(detectSource('[{"season":2011,"home_close_spread":-5}]')).toBe("sbr-nfl");
    expect(detectSource("hello,world\n")).toBeNull();
  });

  it("decodes Windows-1252 files and drops a UTF-8 byte-order mark", () => {
    expect(decodeText(new Uint8Array([0x4d, 0xfc, 0x6e]))).toBe("Mün");
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe("A");
  });
});
