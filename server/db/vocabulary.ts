import type { Market as DbMarket, MarketPeriod as DbPeriod, OddsPhase as DbPhase, Selection as DbSelection } from "./generated/enums";
import type { Market, Period, Phase, Selection } from "@/server/domain/vocabulary";

/**
 * Where Prisma's enums meet the domain's vocabulary. The codes are the same strings, so values pass through
 * unchanged; these checks make the build fail when a market, selection, period or phase is added to one
 * list and not the other (add a migration for the enum when you extend the vocabulary).
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const VOCABULARY_MATCHES_DATABASE: [
  Same<DbMarket, Market>,
  Same<DbSelection, Selection>,
  Same<DbPeriod, Period>,
  Same<DbPhase, Phase>,
] = [true, true, true, true];
