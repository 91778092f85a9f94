import { STRATEGY_SCHEMA_VERSION } from "./schema";

/**
 * Pure migrations of stored strategy JSON: step `n` turns a version-`n` object into a version-`n + 1` one.
 * Strategies are stored and hashed as written, so an old one must keep its meaning when the format moves on;
 * each step is a plain function of the JSON (no defaults from elsewhere, no I/O) so the browser, the API and
 * the CLI migrate identically. Version 1 is the first version: there are no steps yet.
 */
export type MigrationStep = (strategy: Readonly<Record<string, unknown>>) => Record<string, unknown>;

export const STRATEGY_MIGRATIONS: Readonly<Record<number, MigrationStep>> = {};

/** Raised when input cannot be brought to the current version; `path` is where the problem is ("schemaVersion"). */
export class StrategyMigrationError extends Error {
  constructor(
    message: string,
    readonly path: string = "schemaVersion",
  ) {
    super(message);
    this.name = "StrategyMigrationError";
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Brings strategy JSON from its `schemaVersion` to `target` (the current version) by applying the steps in
 * order. A missing version, an unknown newer one or a gap in the steps is an error rather than a guess: reading
 * a strategy with the wrong meaning would make its backtest and its hash lie. The input is not modified.
 * `steps` and `target` are parameters only so the framework can be tested before a second version exists.
 */
export function migrateStrategy(
  input: unknown,
  steps: Readonly<Record<number, MigrationStep>> = STRATEGY_MIGRATIONS,
  target: number = STRATEGY_SCHEMA_VERSION,
): unknown {
  if (!isRecord(input)) throw new StrategyMigrationError("a strategy is a JSON object", "");
  const version = input.schemaVersion;
  if (version === undefined)
    throw new StrategyMigrationError(`"schemaVersion" is missing: this format's current version is ${target}`);
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    throw new StrategyMigrationError(
      `"schemaVersion" must be a whole number (the current version is ${target}), not ${JSON.stringify(version)}`,
    );
  }
  if (version > target) {
    throw new StrategyMigrationError(
      `schemaVersion ${version} is newer than this version of Linesmith understands (up to ${target}); update Linesmith to read it`,
    );
  }
  let current: Record<string, unknown> = input;
  for (let v = version; v < target; v++) {
    const step = Object.hasOwn(steps, v) ? steps[v] : undefined;
    if (!step)
      throw new StrategyMigrationError(
        `schemaVersion ${v} is no longer supported: there is no migration from version ${v} to ${v + 1}`,
      );
    // Steps receive a copy so a careless step cannot change the caller's object.
    const next = step({ ...current });
    if (!isRecord(next) || next.schemaVersion !== v + 1) {
      throw new StrategyMigrationError(`the migration from version ${v} must produce schemaVersion ${v + 1}`);
    }
    current = next;
  }
  return current;
}
