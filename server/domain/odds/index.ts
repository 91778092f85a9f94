export {
  americanToDecimal,
  assertDecimalOdds,
  decimalToAmerican,
  fractionalToDecimal,
  impliedProbability,
  overround,
} from "./convert";
export { formatOdds, ODDS_EXAMPLE, ODDS_FORMATS, parseOdds, parseOddsList, type OddsFormat } from "./format";
export { removeVig, VIG_METHODS, type VigMethod } from "./vig";
export { expectedValue, kellyFraction, type KellyOptions } from "./value";
export { findArbitrage, hedgeStake, parlayPrice, type Arbitrage, type Offer } from "./arbitrage";
export { gradeBet, settleProfitCents, type BetMarket, type BetSelection, type GradableBet, type Outcome } from "./grading";
export { closingLineValue, closingLineValuePoints } from "./clv";
export {
  detectSteamMoves,
  isReverseLineMovement,
  STEAM_DEFAULTS,
  summarizeMovement,
  type MovementSummary,
  type PricePoint,
  type SteamMove,
  type SteamOptions,
} from "./movement";
