import type { BookmakerRef, LeagueRef } from "./types";

/** Sports, leagues and bookmakers that the importers know by name. */

const SPORTS = {
  americanFootball: { key: "american-football", name: "American football" },
  basketball: { key: "basketball", name: "Basketball" },
  soccer: { key: "soccer", name: "Soccer" },
  tennis: { key: "tennis", name: "Tennis" },
} as const;

export const NFL: LeagueRef = {
  key: "nfl",
  name: "NFL",
  country: "USA",
  sport: SPORTS.americanFootball,
  naming: "nfl",
  competitorKind: "TEAM",
};

export const NBA: LeagueRef = {
  key: "nba",
  name: "NBA",
  country: "USA",
  sport: SPORTS.basketball,
  naming: "nba",
  competitorKind: "TEAM",
};

export const ATP: LeagueRef = {
  key: "atp",
  name: "ATP Tour",
  country: null,
  sport: SPORTS.tennis,
  naming: "spelling",
  competitorKind: "INDIVIDUAL",
};

export const WTA: LeagueRef = { ...ATP, key: "wta", name: "WTA Tour" };

// football-data.co.uk division codes (see its notes.txt). Unknown codes still import, named by code.
const FOOTBALL_DATA_DIVISIONS: Record<string, [key: string, name: string, country: string]> = {
  E0: ["eng-premier-league", "Premier League", "England"],
  E1: ["eng-championship", "Championship", "England"],
  E2: ["eng-league-one", "League One", "England"],
  E3: ["eng-league-two", "League Two", "England"],
  EC: ["eng-national-league", "National League", "England"],
  SC0: ["sco-premiership", "Scottish Premiership", "Scotland"],
  SC1: ["sco-championship", "Scottish Championship", "Scotland"],
  SC2: ["sco-league-one", "Scottish League One", "Scotland"],
  SC3: ["sco-league-two", "Scottish League Two", "Scotland"],
  D1: ["ger-bundesliga", "Bundesliga", "Germany"],
  D2: ["ger-2-bundesliga", "2. Bundesliga", "Germany"],
  I1: ["ita-serie-a", "Serie A", "Italy"],
  I2: ["ita-serie-b", "Serie B", "Italy"],
  SP1: ["esp-la-liga", "La Liga", "Spain"],
  SP2: ["esp-segunda", "Segunda División", "Spain"],
  F1: ["fra-ligue-1", "Ligue 1", "France"],
  F2: ["fra-ligue-2", "Ligue 2", "France"],
  N1: ["ned-eredivisie", "Eredivisie", "Netherlands"],
  B1: ["bel-pro-league", "Pro League", "Belgium"],
  P1: ["por-primeira-liga", "Primeira Liga", "Portugal"],
  T1: ["tur-super-lig", "Süper Lig", "Turkey"],
  G1: ["gre-super-league", "Super League", "Greece"],
};

const slug = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** A league of football-data's extra-leagues files, which name the country and league instead of a division. */
export function footballDataExtraLeague(country: string, league: string): LeagueRef {
  return {
    key: `football-data-${slug(country)}-${slug(league)}`,
    name: league,
    country,
    sport: SPORTS.soccer,
    naming: "spelling",
    competitorKind: "TEAM",
  };
}

export function footballDataLeague(division: string): LeagueRef {
  const known = FOOTBALL_DATA_DIVISIONS[division];
  const [key, name, country] = known ?? [`football-data-${division.toLowerCase()}`, `Division ${division}`, null];
  return { key, name, country, sport: SPORTS.soccer, naming: "spelling", competitorKind: "TEAM" };
}

function book(key: string, name: string, extra: Partial<BookmakerRef> = {}): BookmakerRef {
  return { key, name, isSharp: false, isAggregate: false, ...extra };
}

export const BOOKMAKERS = {
  pinnacle: book("pinnacle", "Pinnacle", { isSharp: true }),
  bet365: book("bet365", "bet365"),
  bwin: book("bwin", "bwin"),
  interwetten: book("interwetten", "Interwetten"),
  williamHill: book("william-hill", "William Hill"),
  betVictor: book("betvictor", "BetVictor"),
  betfred: book("betfred", "Betfred"),
  betMgm: book("betmgm", "BetMGM"),
  coral: book("coral", "Coral"),
  paddyPower: book("paddy-power", "Paddy Power"),
  skyBet: book("sky-bet", "Sky Bet"),
  ladbrokes: book("ladbrokes", "Ladbrokes"),
  sportingbet: book("sportingbet", "Sportingbet"),
  stanJames: book("stan-james", "Stan James"),
  gamebookers: book("gamebookers", "Gamebookers"),
  blueSquare: book("blue-square", "Blue Square"),
  sportingOdds: book("sporting-odds", "Sporting Odds"),
  stanleybet: book("stanleybet", "Stanleybet"),
  oneXBet: book("1xbet", "1xBet"),
  betfair: book("betfair", "Betfair Sportsbook"),
  betfairExchange: book("betfair-exchange", "Betfair Exchange"),
  expekt: book("expekt", "Expekt"),
  centrebet: book("centrebet", "Centrebet"),
  marketMax: book("market-max", "Best price (market maximum)", { isAggregate: true }),
  marketAverage: book("market-average", "Market average", { isAggregate: true }),
  betbrainMax: book("betbrain-max", "Betbrain maximum", { isAggregate: true }),
  betbrainAverage: book("betbrain-average", "Betbrain average", { isAggregate: true }),
  nflverseConsensus: book("nflverse-consensus", "Consensus line (nflverse)", { isAggregate: true }),
  sbrNfl: book("sbr-nfl", "Consensus line (SBR NFL archive)", { isAggregate: true }),
  sbrNba: book("sbr-nba", "Consensus line (SBR NBA archive)", { isAggregate: true }),
} satisfies Record<string, BookmakerRef>;
