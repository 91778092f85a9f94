import { z } from "zod";
import { MAX_WINDOW_HOURS } from "@/server/domain/bots/decide";
import { MARKET_KEYS } from "@/server/domain/vocabulary";
import { CurrencyCode, DbId, LeagueKey, PlacedAt, Price, safeText, StakeCents, UtcTime, Version } from "../../schemas";

/** Input bounds of the bots API (one definition, shared by tRPC and the REST routes). */

/** Crypto books take slips by hand too: a bot's paper bankroll may count in USDT or BTC units (still integer cents of a unit). */
export const CRYPTO_UNITS = ["USDT", "BTC"] as const;
export const BotCurrency = z.union([z.enum(CRYPTO_UNITS), CurrencyCode]);

const BotName = safeText(120).pipe(z.string().min(1, "give the bot a name"));
const Slug = safeText(80).pipe(
  z.string().regex(/^[a-z0-9](?:[a-z0-9-]{1,78}[a-z0-9])$/, "use 3 to 80 lower-case letters, digits and dashes"),
);
const RunTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use UTC "HH:MM", such as 09:30');

export const BotSettingsInput = z.object({
  name: BotName,
  leagues: z.array(LeagueKey).max(100).default([]),
  markets: z.array(z.enum(MARKET_KEYS)).max(MARKET_KEYS.length).default([]),
  windowHours: z.number().int().min(1).max(MAX_WINDOW_HOURS).default(48),
  schedule: z.enum(["on-odds", "fixed"]).default("on-odds"),
  runTimes: z.array(RunTime).max(24).default([]),
});

export const CreateBotInput = BotSettingsInput.extend({
  strategyId: DbId,
  slug: Slug.optional(),
  probabilitySource: safeText(80).optional(),
  modelVersionIds: z.array(DbId).max(50).optional(),
  currency: BotCurrency.default("USD"),
  initialDepositCents: z.number().int().min(100, "start with at least 1.00").max(10_000_000_000),
});

export const UpdateBotInput = z.object({
  id: DbId,
  version: Version,
  changes: BotSettingsInput.partial().extend({ killSwitch: z.boolean().optional() }),
});

export const BotRef = z.object({ id: DbId });
export const SetStateInput = z.object({ id: DbId, version: Version, state: z.enum(["ACTIVE", "PAUSED", "STOPPED"]) });
export const MovePinInput = z.object({ id: DbId, version: Version, strategyVersionId: DbId.optional() });

/** A day of slips at most a week wide: the client sends its own day's bounds. */
export const SlipRange = z
  .object({ botId: DbId.optional(), from: UtcTime, to: UtcTime })
  .refine(
    (r) => r.to > r.from && r.to.getTime() - r.from.getTime() <= 7 * 86_400_000,
    "the range is from before to, at most 7 days",
  );

export const ConfirmSlipInput = z.object({
  slipId: DbId,
  price: Price,
  stakeCents: StakeCents,
  bankrollId: DbId,
  placedAt: PlacedAt,
});
