export * from "./client";
export * from "../provider-error";
export * from "./schema";
export {
  ODDS_API_BOOKS,
  DEFAULT_SAMPLE_BOOKS,
  SAMPLE_SPORTS,
  sampleEvents,
  sampleScores,
  type OddsApiBook,
} from "./sample-events";
