import { z } from "zod";
import { FEATURE_GROUPS } from "../features/feature-writer";

/*
 * The walk-forward evaluation report, as computed and as stored (JSON in the Evaluation table). Stored
 * reports outlive code changes, so each carries `reportVersion` and is read back through these schemas:
 * an older version is migrated when it can be, otherwise shown as a report to run again, never a crash.
 */

export const REPORT_VERSION = 2;

export const probabilityMetricsSchema = z.object({
  games: z.number().int(),
  logLoss: z.number(),
  brier: z.number(),
  rps: z.number().nullable(),
  ece: z.number(),
  /** ECE a perfectly calibrated forecaster with these probabilities would show on this many games (mean of simulations). */
  eceNoise: z.number(),
  accuracy: z.number(),
  auc: z.number().nullable(),
});
export type ProbabilityMetrics = z.infer<typeof probabilityMetricsSchema>;

export const reliabilityBinSchema = z.object({
  lower: z.number(),
  upper: z.number(),
  count: z.number().int(),
  meanPredicted: z.number(),
  observed: z.number(),
});
export type ReliabilityBin = z.infer<typeof reliabilityBinSchema>;

export const strategyResultSchema = z.object({
  bets: z.number().int(),
  staked: z.number(),
  profit: z.number(),
  roi: z.number().nullable(),
  meanClv: z.number().nullable(),
});
export type StrategyResult = z.infer<typeof strategyResultSchema>;

export const walkForwardWindowSchema = z.object({ testSeason: z.number().int(), trainSeasons: z.array(z.number().int()) });
export type WalkForwardWindow = z.infer<typeof walkForwardWindowSchema>;

const seasonMetricsSchema = probabilityMetricsSchema.extend({ season: z.number().int() });
export type SeasonMetrics = z.infer<typeof seasonMetricsSchema>;

export const TRAINER_LOCATIONS = ["in-process", "gpu-service"] as const;

const modelReportSchema = probabilityMetricsSchema.extend({
  name: z.string(),
  group: z.enum(FEATURE_GROUPS),
  description: z.string(),
  perSeason: z.array(seasonMetricsSchema),
  reliability: z.array(reliabilityBinSchema),
  /** Mean importance per feature over the windows (trained models only). */
  importances: z.array(z.object({ feature: z.string(), importance: z.number() })),
  strategy: strategyResultSchema,
  /** Calibrated well enough to register and serve (see calibrationGate). */
  calibration: z.object({ passed: z.boolean(), limit: z.number() }),
});
export type ModelReport = z.infer<typeof modelReportSchema>;

/** Version 1 (reports stored before versions existed) has this shape without `reportVersion`. */
const reportBodySchema = z.object({
  sport: z.string(),
  classes: z.number().int().min(2),
  testSeasons: z.array(z.number().int()),
  /** Each test season with the seasons its models were trained on. */
  windows: z.array(walkForwardWindowSchema),
  games: z.number().int(),
  testGames: z.number().int(),
  market: probabilityMetricsSchema.extend({ source: z.string(), perSeason: z.array(seasonMetricsSchema), reliability: z.array(reliabilityBinSchema) }),
  models: z.array(modelReportSchema),
  /** How the default value strategy priced its bets. */
  strategyPricing: z.enum(["opening prices", "closing prices"]),
  trainer: z.enum(TRAINER_LOCATIONS),
  /**
   * Features with no information in any training season (injury features before reports were collected):
   * the models saw them as constants, so no importance is shown for them. Absent in reports made before.
   */
  featuresWithoutData: z.array(z.string()).default([]),
});

export const evaluationReportSchema = reportBodySchema.extend({ reportVersion: z.literal(REPORT_VERSION) });
export type EvaluationReport = z.infer<typeof evaluationReportSchema>;

/** A stored report as the app can show it: the report, or a sentence saying why not. */
export type StoredReport = { report: EvaluationReport; notice: null } | { report: null; notice: string | null };

const RUN_AGAIN = "This report was made by an older version of Linesmith and cannot be shown; run the evaluation again.";

/** Reads a stored report (null when none was stored), migrating older versions where their content allows. */
export function readStoredReport(stored: unknown): StoredReport {
  if (stored === null || stored === undefined) return { report: null, notice: null };
  const version = typeof stored === "object" && "reportVersion" in stored ? stored.reportVersion : 1;
  if (version === 1) {
    // Reports from before the ECE noise figure or the window list lack fields nothing can recompute.
    const v1 = reportBodySchema.safeParse(stored);
    return v1.success ? { report: { ...v1.data, reportVersion: REPORT_VERSION }, notice: null } : { report: null, notice: RUN_AGAIN };
  }
  if (typeof version === "number" && version > REPORT_VERSION) {
    return { report: null, notice: "This report was made by a newer version of Linesmith than the one running; update it to see the report." };
  }
  if (version !== REPORT_VERSION) return { report: null, notice: RUN_AGAIN };
  const current = evaluationReportSchema.safeParse(stored);
  return current.success ? { report: current.data, notice: null } : { report: null, notice: "This stored report is damaged and cannot be shown; run the evaluation again." };
}
