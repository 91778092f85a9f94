export {
  americanToDecimal,
  assertDecimalOdds,
  decimalToAmerican,
  fractionalToDecimal,
  impliedProbability,
  overround,
} from "./convert";
export { removeVigMultiplicative } from "./vig";
