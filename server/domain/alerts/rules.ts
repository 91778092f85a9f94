import { z } from "zod";
import { MARKET_CODES, PERIOD_CODES, SELECTION_CODES } from "../vocabulary";

/**
 * Alert rules: what a user wants to hear about. Each kind's parameters are validated here (the database
 * stores them as JSON), with bounds, so a rule that reaches the matcher is always well formed.
 */
export const ALERT_KINDS = ["VALUE_BET", "STEAM_MOVE", "TARGET_PRICE", "BOT_SLIPS", "MODEL_CALIBRATION"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

const leagueKey = z.string().trim().min(1).max(64).regex(/^[a-z0-9][a-z0-9._-]*$/i, "a league key such as epl");

export const valueBetParams = z.object({
  /** Expected value in percent of the stake (5 = +5 % EV). */
  minEvPercent: z.number().min(0.5, "minimum EV is at least 0.5 %").max(100),
  /** League keys; empty = every league. */
  leagues: z.array(leagueKey).max(50).default([]),
  /** Markets; empty = every market. */
  markets: z.array(z.enum(MARKET_CODES)).max(MARKET_CODES.length).default([]),
});

export const steamMoveParams = z
  .object({
    /** Games named in the rule itself (rules stored before following existed have only these). */
    gameIds: z.array(z.number().int().positive()).max(100).default([]),
    /** Also every game the user follows, resolved when the rule is evaluated (so a later follow counts). */
    followed: z.boolean().default(false),
  })
  .refine((p) => p.followed || p.gameIds.length > 0, { message: "follow at least one game, or choose the games you follow", path: ["gameIds"] });

export const targetPriceParams = z.object({
  gameId: z.number().int().positive(),
  market: z.enum(MARKET_CODES),
  period: z.enum(PERIOD_CODES).default("FULL_GAME"),
  selection: z.enum(SELECTION_CODES),
  /** Spreads and totals: the line (home handicap for spreads); null for markets without a line. */
  line: z.number().min(-200).max(500).multipleOf(0.25).nullable().default(null),
  /** Decimal odds the best real book must offer, or more. */
  targetPrice: z.number().min(1.01).max(1000),
});

export const botSlipsParams = z.object({});

/** Graded games a calibration check needs before it may fire: below this the error is mostly noise. */
export const CALIBRATION_MIN_GAMES = 50;

export const modelCalibrationParams = z.object({
  /** One of the user's registered model versions (ownership is checked by the service). */
  modelVersionId: z.number().int().positive(),
  /** Which finished games count: those of the last `days` days, or the last `games` graded games. */
  window: z
    .discriminatedUnion("by", [
      z.object({ by: z.literal("days"), days: z.number().int().min(7, "at least 7 days").max(365, "at most 365 days") }),
      z.object({ by: z.literal("games"), games: z.number().int().min(CALIBRATION_MIN_GAMES, `at least ${CALIBRATION_MIN_GAMES} games`).max(2000, "at most 2000 games") }),
    ])
    .default({ by: "days", days: 30 }),
});
export type CalibrationWindow = z.infer<typeof modelCalibrationParams>["window"];

export const alertRuleInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("VALUE_BET"), params: valueBetParams }),
  z.object({ kind: z.literal("STEAM_MOVE"), params: steamMoveParams }),
  z.object({ kind: z.literal("TARGET_PRICE"), params: targetPriceParams }),
  z.object({ kind: z.literal("BOT_SLIPS"), params: botSlipsParams }),
  z.object({ kind: z.literal("MODEL_CALIBRATION"), params: modelCalibrationParams }),
]);
export type AlertRuleInput = z.infer<typeof alertRuleInput>;

export type AlertRule = AlertRuleInput & { id: number; userId: string; name: string; enabled: boolean };

/** Parses a stored rule; null when its JSON no longer fits its kind (such a rule is skipped, never fatal). */
export function parseStoredRule(row: { id: number; userId: string; name: string; enabled: boolean; kind: string; params: unknown }): AlertRule | null {
  const parsed = alertRuleInput.safeParse({ kind: row.kind, params: row.params });
  return parsed.success ? { ...parsed.data, id: row.id, userId: row.userId, name: row.name, enabled: row.enabled } : null;
}
