import { aliasKey, cleanDisplayName } from "../names/normalize";

/**
 * Curated franchise lists for leagues whose sources disagree on team names (nflverse says "LV", the SBR
 * archive "LVRaiders" or "Oakland", FiveThirtyEight "OAK"). Leagues without a list (soccer, tennis) use
 * each source's spelling, which is consistent within those sources.
 */
export interface Franchise {
  name: string;
  abbreviation: string;
  nickname: string;
  city: string;
  aliases?: string[];
  /** Names that meant this franchise only in some seasons (e.g. "LosAngeles" in the 2016 SBR file). */
  seasonalAliases?: { alias: string; from: number; to: number }[];
}

export type TeamResolution =
  | { kind: "team"; name: string; abbreviation: string | null; aliases: string[] }
  | { kind: "ambiguous"; candidates: string[] }
  | { kind: "unknown" };

export class FranchiseRegistry {
  private readonly byAlias = new Map<string, Franchise[]>();

  constructor(readonly franchises: Franchise[]) {
    for (const f of franchises) {
      // A city shared by two franchises ("Los Angeles") maps to both and so resolves as ambiguous.
      const names = [f.name, f.abbreviation, f.nickname, f.city, `${f.city} ${f.nickname}`, ...(f.aliases ?? [])];
      for (const n of names) this.add(aliasKey(n), f);
    }
  }

  private add(key: string, franchise: Franchise) {
    const list = this.byAlias.get(key) ?? [];
    if (!list.includes(franchise)) list.push(franchise);
    this.byAlias.set(key, list);
  }

  /** Every alias key that names this franchise in any season (stored so later lookups are one query). */
  aliasesOf(franchise: Franchise): string[] {
    return [...this.byAlias.entries()]
      .filter(([, list]) => list.length === 1 && list[0] === franchise)
      .map(([key]) => key);
  }

  resolve(rawName: string, season?: number): TeamResolution {
    const key = aliasKey(rawName);
    const seasonal =
      season === undefined
        ? []
        : this.franchises.filter((f) =>
            f.seasonalAliases?.some((s) => aliasKey(s.alias) === key && season >= s.from && season <= s.to),
          );
    const matches = seasonal.length > 0 ? seasonal : (this.byAlias.get(key) ?? []);
    if (matches.length === 1) {
      const f = matches[0]!;
      return { kind: "team", name: f.name, abbreviation: f.abbreviation, aliases: this.aliasesOf(f) };
    }
    if (matches.length > 1) return { kind: "ambiguous", candidates: matches.map((f) => f.name) };
    return { kind: "unknown" };
  }
}

/** Resolution for leagues without a curated list: the source's own spelling is the team. */
export function resolveBySpelling(rawName: string): TeamResolution {
  const name = cleanDisplayName(rawName);
  return name ? { kind: "team", name, abbreviation: null, aliases: [aliasKey(name)] } : { kind: "unknown" };
}
