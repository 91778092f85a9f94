/**
 * Every NFL home venue (and the recent former ones, by season), with coordinates for the weather forecast and
 * the roof that decides whether weather matters. International games are played at the venues in
 * INTERNATIONAL_VENUES (found by ESPN's venue name). Coordinates are the stadium's centre to ~3 decimals.
 */

export type Roof = "outdoors" | "dome" | "retractable";

export interface Stadium {
  key: string;
  name: string;
  /** Team abbreviations (ESPN's first, then other spellings in use). Empty for neutral venues. */
  teams: string[];
  city: string;
  country: string;
  latitude: number;
  longitude: number;
  roof: Roof;
  /** Seasons (NFL season year) during which the teams played home games here; open ends are null. */
  fromSeason: number | null;
  toSeason: number | null;
  /** Other names ESPN has used for the venue. */
  aliases?: string[];
}

const s = (
  key: string,
  name: string,
  teams: string[],
  city: string,
  latitude: number,
  longitude: number,
  roof: Roof,
  extra: Partial<Stadium> = {},
): Stadium => ({
  key,
  name,
  teams,
  city,
  country: "USA",
  latitude,
  longitude,
  roof,
  fromSeason: null,
  toSeason: null,
  ...extra,
});

export const NFL_STADIUMS: readonly Stadium[] = [
  s("state-farm-stadium", "State Farm Stadium", ["ARI"], "Glendale, AZ", 33.528, -112.263, "retractable"),
  s("mercedes-benz-stadium", "Mercedes-Benz Stadium", ["ATL"], "Atlanta, GA", 33.755, -84.401, "retractable", {
    fromSeason: 2017,
  }),
  s("georgia-dome", "Georgia Dome", ["ATL"], "Atlanta, GA", 33.758, -84.403, "dome", { toSeason: 2016 }),
  s("mt-bank-stadium", "M&T Bank Stadium", ["BAL"], "Baltimore, MD", 39.278, -76.623, "outdoors"),
  s("highmark-stadium", "Highmark Stadium", ["BUF"], "Orchard Park, NY", 42.774, -78.787, "outdoors", {
    toSeason: 2025,
    aliases: ["New Era Field", "Bills Stadium", "Ralph Wilson Stadium"],
  }),
  // The new stadium across Abbott Road from the old one, opened for 2026 (open-air); coordinates approximate.
  s("new-highmark-stadium", "Highmark Stadium", ["BUF"], "Orchard Park, NY", 42.772, -78.791, "outdoors", {
    fromSeason: 2026,
  }),
  s("bank-of-america-stadium", "Bank of America Stadium", ["CAR"], "Charlotte, NC", 35.226, -80.853, "outdoors"),
  s("soldier-field", "Soldier Field", ["CHI"], "Chicago, IL", 41.862, -87.617, "outdoors"),
  s("paycor-stadium", "Paycor Stadium", ["CIN"], "Cincinnati, OH", 39.095, -84.516, "outdoors", {
    aliases: ["Paul Brown Stadium"],
  }),
  s("huntington-bank-field", "Huntington Bank Field", ["CLE"], "Cleveland, OH", 41.506, -81.7, "outdoors", {
    aliases: ["Cleveland Browns Stadium", "FirstEnergy Stadium"],
  }),
  s("att-stadium", "AT&T Stadium", ["DAL"], "Arlington, TX", 32.748, -97.093, "retractable"),
  s("empower-field", "Empower Field at Mile High", ["DEN"], "Denver, CO", 39.744, -105.02, "outdoors", {
    aliases: ["Broncos Stadium at Mile High", "Sports Authority Field at Mile High"],
  }),
  s("ford-field", "Ford Field", ["DET"], "Detroit, MI", 42.34, -83.046, "dome"),
  s("lambeau-field", "Lambeau Field", ["GB"], "Green Bay, WI", 44.501, -88.062, "outdoors"),
  s("nrg-stadium", "NRG Stadium", ["HOU"], "Houston, TX", 29.685, -95.411, "retractable"),
  s("lucas-oil-stadium", "Lucas Oil Stadium", ["IND"], "Indianapolis, IN", 39.76, -86.164, "retractable"),
  s("everbank-stadium", "EverBank Stadium", ["JAX", "JAC"], "Jacksonville, FL", 30.324, -81.637, "outdoors", {
    aliases: ["TIAA Bank Field", "EverBank Field"],
  }),
  s("arrowhead-stadium", "GEHA Field at Arrowhead Stadium", ["KC"], "Kansas City, MO", 39.049, -94.484, "outdoors", {
    aliases: ["Arrowhead Stadium"],
  }),
  s("allegiant-stadium", "Allegiant Stadium", ["LV"], "Las Vegas, NV", 36.091, -115.184, "dome", { fromSeason: 2020 }),
  s("oakland-coliseum", "Oakland Coliseum", ["OAK", "LV"], "Oakland, CA", 37.752, -122.201, "outdoors", {
    toSeason: 2019,
    aliases: ["RingCentral Coliseum", "Oakland-Alameda County Coliseum"],
  }),
  // SoFi has a fixed translucent roof with open sides: no rain or wind on the field.
  s("sofi-stadium", "SoFi Stadium", ["LAR", "LAC", "LA"], "Inglewood, CA", 33.953, -118.339, "dome", {
    fromSeason: 2020,
  }),
  s(
    "la-memorial-coliseum",
    "Los Angeles Memorial Coliseum",
    ["LAR", "LA"],
    "Los Angeles, CA",
    34.014,
    -118.288,
    "outdoors",
    {
      fromSeason: 2016,
      toSeason: 2019,
    },
  ),
  s("edward-jones-dome", "Edward Jones Dome", ["STL", "LAR", "LA"], "St. Louis, MO", 38.633, -90.189, "dome", {
    toSeason: 2015,
  }),
  s("dignity-health-sports-park", "Dignity Health Sports Park", ["LAC"], "Carson, CA", 33.864, -118.261, "outdoors", {
    fromSeason: 2017,
    toSeason: 2019,
    aliases: ["StubHub Center"],
  }),
  s("qualcomm-stadium", "Qualcomm Stadium", ["SD", "LAC"], "San Diego, CA", 32.783, -117.12, "outdoors", {
    toSeason: 2016,
  }),
  s("hard-rock-stadium", "Hard Rock Stadium", ["MIA"], "Miami Gardens, FL", 25.958, -80.239, "outdoors"),
  s("us-bank-stadium", "U.S. Bank Stadium", ["MIN"], "Minneapolis, MN", 44.974, -93.258, "dome", { fromSeason: 2016 }),
  s("huntington-bank-stadium", "TCF Bank Stadium", ["MIN"], "Minneapolis, MN", 44.976, -93.225, "outdoors", {
    fromSeason: 2014,
    toSeason: 2015,
  }),
  s("metrodome", "Hubert H. Humphrey Metrodome", ["MIN"], "Minneapolis, MN", 44.974, -93.258, "dome", {
    toSeason: 2013,
  }),
  s("gillette-stadium", "Gillette Stadium", ["NE"], "Foxborough, MA", 42.091, -71.264, "outdoors"),
  s("caesars-superdome", "Caesars Superdome", ["NO"], "New Orleans, LA", 29.951, -90.081, "dome", {
    aliases: ["Mercedes-Benz Superdome", "Louisiana Superdome"],
  }),
  s("metlife-stadium", "MetLife Stadium", ["NYG", "NYJ"], "East Rutherford, NJ", 40.814, -74.074, "outdoors"),
  s("lincoln-financial-field", "Lincoln Financial Field", ["PHI"], "Philadelphia, PA", 39.901, -75.168, "outdoors"),
  s("acrisure-stadium", "Acrisure Stadium", ["PIT"], "Pittsburgh, PA", 40.447, -80.016, "outdoors", {
    aliases: ["Heinz Field"],
  }),
  s("levis-stadium", "Levi's Stadium", ["SF"], "Santa Clara, CA", 37.403, -121.97, "outdoors"),
  s("lumen-field", "Lumen Field", ["SEA"], "Seattle, WA", 47.595, -122.332, "outdoors", {
    aliases: ["CenturyLink Field"],
  }),
  s("raymond-james-stadium", "Raymond James Stadium", ["TB"], "Tampa, FL", 27.976, -82.503, "outdoors"),
  s("nissan-stadium", "Nissan Stadium", ["TEN"], "Nashville, TN", 36.166, -86.771, "outdoors"),
  s("northwest-stadium", "Northwest Stadium", ["WSH", "WAS"], "Landover, MD", 38.908, -76.864, "outdoors", {
    aliases: ["FedExField", "FedEx Field"],
  }),
];

const intl = (
  key: string,
  name: string,
  city: string,
  country: string,
  latitude: number,
  longitude: number,
  roof: Roof,
  aliases?: string[],
): Stadium => ({
  key,
  name,
  teams: [],
  city,
  country,
  latitude,
  longitude,
  roof,
  fromSeason: null,
  toSeason: null,
  aliases,
});

/** Neutral venues of the NFL's international games. */
export const INTERNATIONAL_VENUES: readonly Stadium[] = [
  intl("wembley", "Wembley Stadium", "London", "England", 51.556, -0.28, "outdoors"),
  intl("tottenham-hotspur-stadium", "Tottenham Hotspur Stadium", "London", "England", 51.604, -0.066, "outdoors"),
  intl("twickenham", "Allianz Stadium", "London", "England", 51.456, -0.342, "outdoors", ["Twickenham Stadium"]),
  intl("allianz-arena", "Allianz Arena", "Munich", "Germany", 48.219, 11.625, "outdoors"),
  intl("deutsche-bank-park", "Deutsche Bank Park", "Frankfurt", "Germany", 50.069, 8.645, "retractable"),
  intl("olympiastadion-berlin", "Olympiastadion", "Berlin", "Germany", 52.515, 13.239, "outdoors"),
  intl("estadio-azteca", "Estadio Azteca", "Mexico City", "Mexico", 19.303, -99.151, "outdoors", ["Estadio Banorte"]),
  intl("neo-quimica-arena", "Neo Química Arena", "São Paulo", "Brazil", -23.545, -46.474, "outdoors", [
    "Corinthians Arena",
  ]),
  intl("santiago-bernabeu", "Santiago Bernabéu", "Madrid", "Spain", 40.453, -3.688, "retractable", [
    "Estadio Santiago Bernabéu",
  ]),
  intl("croke-park", "Croke Park", "Dublin", "Ireland", 53.361, -6.251, "outdoors"),
  intl("melbourne-cricket-ground", "Melbourne Cricket Ground", "Melbourne", "Australia", -37.82, 144.983, "outdoors", [
    "MCG",
  ]),
];

function inSeason(stadium: Stadium, season: number): boolean {
  return (stadium.fromSeason ?? -Infinity) <= season && season <= (stadium.toSeason ?? Infinity);
}

/**
 * The home stadium of a team (ESPN abbreviation, case-insensitive) in a season (default: the current one,
 * i.e. the stadium without an end season). Undefined for an unknown team.
 */
export function stadiumOf(teamAbbreviation: string, season?: number): Stadium | undefined {
  const team = teamAbbreviation.trim().toUpperCase();
  const candidates = NFL_STADIUMS.filter((st) => st.teams.includes(team));
  if (season === undefined) return candidates.find((st) => st.toSeason === null) ?? candidates.at(-1);
  return candidates.find((st) => inSeason(st, season));
}

const normalise = (name: string) =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** A venue by the name ESPN gives it (current name or a former one), team venues and international ones. */
export function venueByName(name: string): Stadium | undefined {
  const wanted = normalise(name);
  return [...NFL_STADIUMS, ...INTERNATIONAL_VENUES].find((st) =>
    [st.name, ...(st.aliases ?? [])].some((n) => normalise(n) === wanted),
  );
}

/** Whether weather reaches the field. Retractable roofs are usually closed in bad weather: treated as covered. */
export function isOutdoor(stadium: Stadium): boolean {
  return stadium.roof === "outdoors";
}
