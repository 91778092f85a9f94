import { FranchiseRegistry, type Franchise } from "./registry";

// Abbreviations cover the SBR archive's codes (gs, sa, utah, ny, no, phx, wsh, bkn) and common ones.
const franchises: Franchise[] = [
  { name: "Atlanta Hawks", abbreviation: "ATL", city: "Atlanta", nickname: "Hawks" },
  { name: "Boston Celtics", abbreviation: "BOS", city: "Boston", nickname: "Celtics" },
  { name: "Brooklyn Nets", abbreviation: "BKN", city: "Brooklyn", nickname: "Nets", aliases: ["BRK", "NJ", "NJN", "New Jersey Nets"] },
  { name: "Charlotte Hornets", abbreviation: "CHA", city: "Charlotte", nickname: "Hornets", aliases: ["CHO", "Charlotte Bobcats", "Bobcats"] },
  { name: "Chicago Bulls", abbreviation: "CHI", city: "Chicago", nickname: "Bulls" },
  { name: "Cleveland Cavaliers", abbreviation: "CLE", city: "Cleveland", nickname: "Cavaliers", aliases: ["Cavs"] },
  { name: "Dallas Mavericks", abbreviation: "DAL", city: "Dallas", nickname: "Mavericks", aliases: ["Mavs"] },
  { name: "Denver Nuggets", abbreviation: "DEN", city: "Denver", nickname: "Nuggets" },
  { name: "Detroit Pistons", abbreviation: "DET", city: "Detroit", nickname: "Pistons" },
  { name: "Golden State Warriors", abbreviation: "GSW", city: "Golden State", nickname: "Warriors", aliases: ["GS"] },
  { name: "Houston Rockets", abbreviation: "HOU", city: "Houston", nickname: "Rockets" },
  { name: "Indiana Pacers", abbreviation: "IND", city: "Indiana", nickname: "Pacers" },
  { name: "LA Clippers", abbreviation: "LAC", city: "Los Angeles", nickname: "Clippers", aliases: ["Los Angeles Clippers"] },
  { name: "Los Angeles Lakers", abbreviation: "LAL", city: "Los Angeles", nickname: "Lakers" },
  { name: "Memphis Grizzlies", abbreviation: "MEM", city: "Memphis", nickname: "Grizzlies" },
  { name: "Miami Heat", abbreviation: "MIA", city: "Miami", nickname: "Heat" },
  { name: "Milwaukee Bucks", abbreviation: "MIL", city: "Milwaukee", nickname: "Bucks" },
  { name: "Minnesota Timberwolves", abbreviation: "MIN", city: "Minnesota", nickname: "Timberwolves" },
  { name: "New Orleans Pelicans", abbreviation: "NOP", city: "New Orleans", nickname: "Pelicans", aliases: ["NO", "NOH", "New Orleans Hornets"] },
  { name: "New York Knicks", abbreviation: "NYK", city: "New York", nickname: "Knicks", aliases: ["NY"] },
  { name: "Oklahoma City Thunder", abbreviation: "OKC", city: "Oklahoma City", nickname: "Thunder", aliases: ["Seattle SuperSonics"] },
  { name: "Orlando Magic", abbreviation: "ORL", city: "Orlando", nickname: "Magic" },
  { name: "Philadelphia 76ers", abbreviation: "PHI", city: "Philadelphia", nickname: "76ers", aliases: ["Sixers"] },
  { name: "Phoenix Suns", abbreviation: "PHX", city: "Phoenix", nickname: "Suns", aliases: ["PHO"] },
  { name: "Portland Trail Blazers", abbreviation: "POR", city: "Portland", nickname: "Trail Blazers", aliases: ["Blazers"] },
  { name: "Sacramento Kings", abbreviation: "SAC", city: "Sacramento", nickname: "Kings" },
  { name: "San Antonio Spurs", abbreviation: "SAS", city: "San Antonio", nickname: "Spurs", aliases: ["SA"] },
  { name: "Toronto Raptors", abbreviation: "TOR", city: "Toronto", nickname: "Raptors" },
  { name: "Utah Jazz", abbreviation: "UTA", city: "Utah", nickname: "Jazz" },
  { name: "Washington Wizards", abbreviation: "WAS", city: "Washington", nickname: "Wizards", aliases: ["WSH"] },
];

export const nbaFranchises = new FranchiseRegistry(franchises);
