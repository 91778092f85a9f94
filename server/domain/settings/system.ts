import { z } from "zod";
import { SCAN_DEFAULTS } from "../scanners/scan";
import { DEFAULT_TIERS, type Tiers } from "../strategies/schema";

/**
 * System-wide settings an administrator changes (stored per key in SystemSetting). Each applies where a strategy,
 * scan or bet form does not set its own value; the defaults are the constants the code used before.
 */
const probability = (label: string) =>
  z.number({ error: `${label} must be a number` }).finite().gt(0.5, `${label} must be above 50%`).lt(1, `${label} must be below 100%`);

/** Minimum probabilities of signal tiers A, B and C (below C is D): strictly falling from A to C, all above 50%. */
export const SignalTiersSetting = z
  .object({ a: probability("tier A"), b: probability("tier B"), c: probability("tier C") })
  .strict()
  .refine((t) => t.a > t.b && t.b > t.c, "tier thresholds must fall from A to B to C (A above B above C)");

/** Kelly staking where nothing else sets it: the share of full Kelly, and the most a stake may be of the bankroll. */
export const KellyDefaultsSetting = z
  .object({
    fraction: z.number().finite().gt(0, "the Kelly fraction must be above 0").max(1, "the Kelly fraction can be at most 1 (full Kelly)"),
    maxFraction: z.number().finite().gt(0, "the stake cap must be above 0%").max(1, "the stake cap can be at most 100% of the bankroll"),
  })
  .strict();

export const SystemSettings = z.object({ tiers: SignalTiersSetting, kelly: KellyDefaultsSetting }).strict();
export type SystemSettings = { tiers: Tiers; kelly: z.infer<typeof KellyDefaultsSetting> };
export type SystemSettingKey = keyof SystemSettings;
export const SYSTEM_SETTING_KEYS = ["tiers", "kelly"] as const satisfies readonly SystemSettingKey[];

export const DEFAULT_SYSTEM_SETTINGS: SystemSettings = { tiers: DEFAULT_TIERS, kelly: SCAN_DEFAULTS.kelly };

/**
 * Stored values over the defaults, key by key. A stored value that no longer passes the schema (bounds tightened
 * since) falls back to the default rather than failing every page that reads settings.
 */
export function resolveSystemSettings(stored: Partial<Record<string, unknown>>): SystemSettings {
  const tiers = SignalTiersSetting.safeParse(stored.tiers);
  const kelly = KellyDefaultsSetting.safeParse(stored.kelly);
  return {
    tiers: tiers.success ? tiers.data : DEFAULT_SYSTEM_SETTINGS.tiers,
    kelly: kelly.success ? kelly.data : DEFAULT_SYSTEM_SETTINGS.kelly,
  };
}
