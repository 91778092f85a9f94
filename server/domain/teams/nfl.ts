import { FranchiseRegistry, type Franchise } from "./registry";

// Current franchise names; relocated teams keep their history (Oakland/Las Vegas Raiders are one team).
// Abbreviations cover nflverse (LA, LV, WAS, STL, SD, OAK) and FiveThirtyEight (LAR, WSH).
const franchises: Franchise[] = [
  { name: "Arizona Cardinals", abbreviation: "ARI", city: "Arizona", nickname: "Cardinals", aliases: ["Phoenix Cardinals"] },
  { name: "Atlanta Falcons", abbreviation: "ATL", city: "Atlanta", nickname: "Falcons" },
  { name: "Baltimore Ravens", abbreviation: "BAL", city: "Baltimore", nickname: "Ravens" },
  { name: "Buffalo Bills", abbreviation: "BUF", city: "Buffalo", nickname: "Bills", aliases: ["BuffaloBills"] },
  { name: "Carolina Panthers", abbreviation: "CAR", city: "Carolina", nickname: "Panthers" },
  { name: "Chicago Bears", abbreviation: "CHI", city: "Chicago", nickname: "Bears" },
  { name: "Cincinnati Bengals", abbreviation: "CIN", city: "Cincinnati", nickname: "Bengals" },
  { name: "Cleveland Browns", abbreviation: "CLE", city: "Cleveland", nickname: "Browns" },
  { name: "Dallas Cowboys", abbreviation: "DAL", city: "Dallas", nickname: "Cowboys" },
  { name: "Denver Broncos", abbreviation: "DEN", city: "Denver", nickname: "Broncos" },
  { name: "Detroit Lions", abbreviation: "DET", city: "Detroit", nickname: "Lions" },
  { name: "Green Bay Packers", abbreviation: "GB", city: "Green Bay", nickname: "Packers" },
  { name: "Houston Texans", abbreviation: "HOU", city: "Houston", nickname: "Texans" },
  { name: "Indianapolis Colts", abbreviation: "IND", city: "Indianapolis", nickname: "Colts" },
  { name: "Jacksonville Jaguars", abbreviation: "JAX", city: "Jacksonville", nickname: "Jaguars", aliases: ["JAC"] },
  { name: "Kansas City Chiefs", abbreviation: "KC", city: "Kansas City", nickname: "Chiefs", aliases: ["KCChiefs", "Kansas"] },
  {
    name: "Los Angeles Chargers", abbreviation: "LAC", city: "Los Angeles", nickname: "Chargers",
    aliases: ["SD", "San Diego", "San Diego Chargers"],
  },
  {
    name: "Los Angeles Rams", abbreviation: "LAR", city: "Los Angeles", nickname: "Rams",
    aliases: ["LA", "STL", "St. Louis", "St. Louis Rams"],
    // Before the Chargers moved (2017) the Rams were the only Los Angeles team.
    seasonalAliases: [{ alias: "Los Angeles", from: 2016, to: 2016 }],
  },
  {
    name: "Las Vegas Raiders", abbreviation: "LV", city: "Las Vegas", nickname: "Raiders",
    aliases: ["OAK", "Oakland", "Oakland Raiders", "LVRaiders"],
  },
  { name: "Miami Dolphins", abbreviation: "MIA", city: "Miami", nickname: "Dolphins" },
  { name: "Minnesota Vikings", abbreviation: "MIN", city: "Minnesota", nickname: "Vikings" },
  { name: "New England Patriots", abbreviation: "NE", city: "New England", nickname: "Patriots" },
  { name: "New Orleans Saints", abbreviation: "NO", city: "New Orleans", nickname: "Saints" },
  { name: "New York Giants", abbreviation: "NYG", city: "New York", nickname: "Giants" },
  { name: "New York Jets", abbreviation: "NYJ", city: "New York", nickname: "Jets" },
  { name: "Philadelphia Eagles", abbreviation: "PHI", city: "Philadelphia", nickname: "Eagles" },
  { name: "Pittsburgh Steelers", abbreviation: "PIT", city: "Pittsburgh", nickname: "Steelers" },
  { name: "San Francisco 49ers", abbreviation: "SF", city: "San Francisco", nickname: "49ers", aliases: ["Fortyniners"] },
  { name: "Seattle Seahawks", abbreviation: "SEA", city: "Seattle", nickname: "Seahawks" },
  { name: "Tampa Bay Buccaneers", abbreviation: "TB", city: "Tampa Bay", nickname: "Buccaneers", aliases: ["Tampa"] },
  { name: "Tennessee Titans", abbreviation: "TEN", city: "Tennessee", nickname: "Titans", aliases: ["Tennessee Oilers"] },
  {
    name: "Washington Commanders", abbreviation: "WAS", city: "Washington", nickname: "Commanders",
    // "Washingtom" is a misspelling in the SBR archive.
    aliases: ["WSH", "Redskins", "Washington Redskins", "Football Team", "Washington Football Team", "Washingtom"],
  },
];

export const nflFranchises = new FranchiseRegistry(franchises);
