import { mulberry32 } from "@/server/domain/backtest/statistics";
import type { OddsApiOddsEvent, OddsApiScore } from "./schema";

/**
 * Realistic Odds API payloads for the fake server, tests and benchmarks: real bookmaker keys and titles, real
 * team names as The Odds API spells them, and prices a book could offer (a margin over fair odds, lines on the
 * sport's usual steps). Deterministic: the same arguments give the same events.
 */

export interface OddsApiBook {
  key: string;
  title: string;
  region: "us" | "uk" | "eu" | "au";
  /** Exchanges quote lay prices too (market h2h_lay). */
  exchange?: boolean;
}

const book = (key: string, title: string, region: OddsApiBook["region"], exchange = false): OddsApiBook => ({
  key,
  title,
  region,
  exchange,
});

/** Bookmakers of The Odds API, by region (40+, as the real feed carries). */
// prettier-ignore
export const ODDS_API_BOOKS: readonly OddsApiBook[] = [
  book("pinnacle", "Pinnacle", "eu"),
  book("bet365", "Bet365", "uk"),
  book("williamhill", "William Hill", "uk"),
  book("unibet_eu", "Unibet", "eu"),
  book("betfair_ex_eu", "Betfair", "eu", true),
  book("draftkings", "DraftKings", "us"),
  book("fanduel", "FanDuel", "us"),
  book("betmgm", "BetMGM", "us"),
  book("williamhill_us", "Caesars", "us"),
  book("betrivers", "BetRivers", "us"),
  book("bovada", "Bovada", "us"),
  book("mybookieag", "MyBookie.ag", "us"),
  book("betonlineag", "BetOnline.ag", "us"),
  book("lowvig", "LowVig.ag", "us"),
  book("betus", "BetUS", "us"),
  book("espnbet", "ESPN BET", "us"),
  book("fliff", "Fliff", "us"),
  book("hardrockbet", "Hard Rock Bet", "us"),
  book("ballybet", "Bally Bet", "us"),
  book("fanatics", "Fanatics", "us"),
  book("skybet", "Sky Bet", "uk"),
  book("paddypower", "Paddy Power", "uk"),
  book("betfair_ex_uk", "Betfair", "uk", true),
  book("betfair_sb_uk", "Betfair Sportsbook", "uk"),
  book("ladbrokes_uk", "Ladbrokes", "uk"),
  book("coral", "Coral", "uk"),
  book("betway", "Betway", "uk"),
  book("betvictor", "Bet Victor", "uk"),
  book("boylesports", "BoyleSports", "uk"),
  book("leovegas", "LeoVegas", "uk"),
  book("livescorebet", "LiveScore Bet", "uk"),
  book("matchbook", "Matchbook", "uk", true),
  book("sport888", "888sport", "uk"),
  book("virginbet", "Virgin Bet", "uk"),
  book("onexbet", "1xBet", "eu"),
  book("betsson", "Betsson", "eu"),
  book("marathonbet", "Marathon Bet", "eu"),
  book("nordicbet", "Nordic Bet", "eu"),
  book("coolbet", "Coolbet", "eu"),
  book("everygame", "Everygame", "eu"),
  book("sportsbet", "SportsBet", "au"),
  book("tab", "TAB", "au"),
  book("neds", "Neds", "au"),
  book("ladbrokes_au", "Ladbrokes", "au"),
];

export const DEFAULT_SAMPLE_BOOKS = [
  "pinnacle",
  "bet365",
  "williamhill",
  "unibet_eu",
  "betfair_ex_eu",
  "draftkings",
  "fanduel",
];

// prettier-ignore
const TEAMS: Record<string, { title: string; teams: string[] }> = {
  americanfootball_nfl: {
    title: "NFL",
    teams: [
      "Arizona Cardinals", "Atlanta Falcons", "Baltimore Ravens", "Buffalo Bills", "Carolina Panthers", "Chicago Bears",
      "Cincinnati Bengals", "Cleveland Browns", "Dallas Cowboys", "Denver Broncos", "Detroit Lions", "Green Bay Packers",
      "Houston Texans", "Indianapolis Colts", "Jacksonville Jaguars", "Kansas City Chiefs", "Las Vegas Raiders",
      "Los Angeles Chargers", "Los Angeles Rams", "Miami Dolphins", "Minnesota Vikings", "New England Patriots",
      "New Orleans Saints", "New York Giants", "New York Jets", "Philadelphia Eagles", "Pittsburgh Steelers",
      "San Francisco 49ers", "Seattle Seahawks", "Tampa Bay Buccaneers", "Tennessee Titans", "Washington Commanders",
    ],
  },
  basketball_nba: {
    title: "NBA",
    teams: [
      "Atlanta Hawks", "Boston Celtics", "Brooklyn Nets", "Charlotte Hornets", "Chicago Bulls", "Cleveland Cavaliers",
      "Dallas Mavericks", "Denver Nuggets", "Detroit Pistons", "Golden State Warriors", "Houston Rockets", "Indiana Pacers",
      "Los Angeles Clippers", "Los Angeles Lakers", "Memphis Grizzlies", "Miami Heat", "Milwaukee Bucks",
      "Minnesota Timberwolves", "New Orleans Pelicans", "New York Knicks", "Oklahoma City Thunder", "Orlando Magic",
      "Philadelphia 76ers", "Phoenix Suns", "Portland Trail Blazers", "Sacramento Kings", "San Antonio Spurs",
      "Toronto Raptors", "Utah Jazz", "Washington Wizards",
    ],
  },
  soccer_epl: {
    title: "EPL",
    teams: [
      "Arsenal", "Aston Villa", "Bournemouth", "Brentford", "Brighton and Hove Albion", "Burnley", "Chelsea",
      "Crystal Palace", "Everton", "Fulham", "Leeds United", "Liverpool", "Manchester City", "Manchester United",
      "Newcastle United", "Nottingham Forest", "Sunderland", "Tottenham Hotspur", "West Ham United",
      "Wolverhampton Wanderers",
    ],
  },
  soccer_spain_la_liga: {
    title: "La Liga - Spain",
    teams: [
      "Alavés", "Athletic Bilbao", "Atlético Madrid", "Barcelona", "CA Osasuna", "Celta Vigo", "Elche CF", "Espanyol",
      "Getafe", "Girona", "Levante", "Mallorca", "Oviedo", "Rayo Vallecano", "Real Betis", "Real Madrid",
      "Real Sociedad", "Sevilla", "Valencia", "Villarreal",
    ],
  },
  soccer_efl_champ: {
    title: "Championship",
    teams: [
      "Birmingham City", "Blackburn Rovers", "Bristol City", "Charlton Athletic", "Coventry City", "Derby County",
      "Hull City", "Ipswich Town", "Leicester City", "Middlesbrough", "Millwall", "Norwich City", "Oxford United",
      "Portsmouth", "Preston North End", "Queens Park Rangers", "Sheffield United", "Sheffield Wednesday",
      "Southampton", "Stoke City", "Swansea City", "Watford", "West Bromwich Albion", "Wrexham AFC",
    ],
  },
};

export const SAMPLE_SPORTS = Object.keys(TEAMS);

function seedOf(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const roundTo = (x: number, step: number) => Math.round(x / step) * step;
const price = (probability: number, margin: number) => Math.max(1.01, round2(1 / (probability * margin)));
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

function booksOf(books: number | readonly string[]): OddsApiBook[] {
  if (typeof books === "number") return ODDS_API_BOOKS.slice(0, books);
  return books.map((key) => ODDS_API_BOOKS.find((b) => b.key === key) ?? book(key, key, "eu"));
}

/**
 * `n` upcoming events of a sport, 3 hours apart from 2 hours after `now`, each priced by `books` (keys, or the
 * first N of ODDS_API_BOOKS) in h2h, spreads and totals.
 */
export function sampleEvents(
  n: number,
  books: number | readonly string[] = DEFAULT_SAMPLE_BOOKS,
  now: Date = new Date(),
  sportKey = "soccer_epl",
): OddsApiOddsEvent[] {
  const sport = TEAMS[sportKey];
  if (!sport) throw new Error(`no sample teams for ${sportKey}; use one of ${SAMPLE_SPORTS.join(", ")}`);
  const rand = mulberry32(seedOf(`${sportKey}:${n}:${now.getTime()}`));
  const bookList = booksOf(books);
  const soccer = sportKey.startsWith("soccer_");
  const half = Math.floor(sport.teams.length / 2);
  const events: OddsApiOddsEvent[] = [];
  for (let i = 0; i < n; i++) {
    // Round-robin pairings, so no team meets itself and pairs vary across rounds.
    const round = Math.floor(i / half);
    const slot = i % half;
    const rotated = sport.teams.map((_, k) => sport.teams[(k + round) % sport.teams.length]!);
    const home = rotated[slot]!;
    const away = rotated[sport.teams.length - 1 - slot]!;
    const id = Array.from({ length: 4 }, () =>
      Math.floor(rand() * 2 ** 32)
        .toString(16)
        .padStart(8, "0"),
    ).join("");
    const commence = now.getTime() + (2 + 3 * i) * 3600_000;
    const homeStrength = 0.3 + rand() * 0.4;
    const draw = soccer ? 0.22 + rand() * 0.08 : 0;
    const pHome = (1 - draw) * homeStrength;
    const pAway = 1 - draw - pHome;
    const spreadLine = soccer
      ? roundTo(-(pHome - pAway) * 2.5, 0.25)
      : roundTo(-(pHome - pAway) * (sportKey === "basketball_nba" ? 30 : 28), 0.5);
    const total = soccer
      ? [2.25, 2.5, 2.75, 3][Math.floor(rand() * 4)]!
      : sportKey === "basketball_nba"
        ? roundTo(212 + rand() * 28, 0.5)
        : roundTo(38 + rand() * 14, 0.5);
    const bookmakers = bookList.map((b) => {
      const margin = b.exchange ? 1.005 : b.key === "pinnacle" ? 1.025 : 1.04 + rand() * 0.04;
      const jitter = () => 1 + (rand() - 0.5) * 0.03;
      const updated = iso(now.getTime() - Math.floor(rand() * 600_000));
      const h2h = [
        { name: home, price: price(pHome * jitter(), margin) },
        { name: away, price: price(pAway * jitter(), margin) },
        ...(soccer ? [{ name: "Draw", price: price(draw * jitter(), margin) }] : []),
      ];
      const coverHome = 0.5 * jitter();
      const over = 0.5 * jitter();
      const markets: OddsApiOddsEvent["bookmakers"][number]["markets"] = [
        { key: "h2h", last_update: updated, outcomes: h2h },
        ...(b.exchange
          ? [
              {
                key: "h2h_lay",
                last_update: updated,
                outcomes: h2h.map((o) => ({ ...o, price: round2(o.price + 0.02) })),
              },
            ]
          : []),
        {
          key: "spreads",
          last_update: updated,
          outcomes: [
            { name: home, price: price(coverHome, margin), point: spreadLine === 0 ? 0 : spreadLine },
            { name: away, price: price(1 - coverHome, margin), point: spreadLine === 0 ? 0 : -spreadLine },
          ],
        },
        {
          key: "totals",
          last_update: updated,
          outcomes: [
            { name: "Over", price: price(over, margin), point: total },
            { name: "Under", price: price(1 - over, margin), point: total },
          ],
        },
      ];
      return { key: b.key, title: b.title, last_update: updated, markets };
    });
    events.push({
      id,
      sport_key: sportKey,
      sport_title: sport.title,
      commence_time: iso(commence),
      home_team: home,
      away_team: away,
      bookmakers,
    });
  }
  return events;
}

/** Scores for events: the first has finished, the second is in progress, the rest have not started. */
export function sampleScores(events: readonly OddsApiOddsEvent[], now: Date = new Date()): OddsApiScore[] {
  return events.map((e, i) => {
    const base = {
      id: e.id,
      sport_key: e.sport_key,
      sport_title: e.sport_title,
      commence_time: e.commence_time,
      home_team: e.home_team,
      away_team: e.away_team,
    };
    const points =
      e.sport_key === "basketball_nba" ? [112, 105] : e.sport_key === "americanfootball_nfl" ? [24, 17] : [2, 1];
    if (i === 0)
      return {
        ...base,
        completed: true,
        scores: [
          { name: e.home_team, score: String(points[0]) },
          { name: e.away_team, score: String(points[1]) },
        ],
        last_update: now.toISOString(),
      };
    if (i === 1)
      return {
        ...base,
        completed: false,
        scores: [
          { name: e.home_team, score: "0" },
          { name: e.away_team, score: "0" },
        ],
        last_update: now.toISOString(),
      };
    return { ...base, completed: false, scores: null, last_update: null };
  });
}
