/**
 * Stored with every backtest so results from different engines are never compared as if alike. Bump it
 * when a change to the engine can change a report's figures.
 */
export const BACKTEST_CODE_VERSION = "backtest-engine-1";
