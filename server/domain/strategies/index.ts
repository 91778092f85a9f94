/**
 * The strategy language's public API: the one schema and the field registry (the shared contract), parsing
 * with validation that points at the rule at fault, migrations, the three evaluators, the plain-English
 * summary, the canonical hash and the templates. Pure: runs in the browser, the server and worker threads.
 */
export * from "./schema";
export * from "./fields";
export { migrateStrategy, StrategyMigrationError, STRATEGY_MIGRATIONS, type MigrationStep } from "./migrations";
export {
  parseStrategy,
  validateCondition,
  lookAheadFields,
  closeFieldNames,
  formatPath,
  type ParseStrategyResult,
  type StrategyError,
  type StrategyErrorCode,
} from "./validate";
export { referenceEvaluate, compileRow, compileColumns } from "./evaluate";
export { summarizeStrategy, type SummaryNames } from "./summary";
export { canonicalJson, sha256Hex, strategyHash } from "./canonical";
export { DEFAULT_STAKE, STRATEGY_TEMPLATES, type StrategyTemplate } from "./templates";
export { ANALYST_MODEL, ANALYST_SOURCE, FORWARD_ONLY_REASON, forwardOnlyReason } from "./forward-only";
