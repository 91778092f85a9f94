import { z } from "zod";
import { ODDS_FORMATS } from "@/server/domain/odds";
import { adoptBrowserTimeZone, getPreferences, updatePreferences } from "@/server/services/settings/settings";
import { CurrencyCode, TimeZoneName } from "../schemas";
import { protectedProcedure, router } from "../trpc";

const OddsFormat = z.enum(ODDS_FORMATS, { error: "pick decimal, American or fractional" });
const Preferences = z.object({ oddsFormat: OddsFormat, timeZone: z.string().nullable(), currency: z.string() });

export const settingsRouter = router({
  get: protectedProcedure.output(Preferences).query(({ ctx }) => getPreferences(ctx.db, ctx.user.id)),

  update: protectedProcedure
    .input(z.object({ oddsFormat: OddsFormat.optional(), timeZone: TimeZoneName.optional(), currency: CurrencyCode.optional() }).strict())
    .output(Preferences)
    .mutation(({ ctx, input }) => updatePreferences(ctx.db, ctx.user.id, input)),

  adoptBrowserTimeZone: protectedProcedure
    .input(z.object({ timeZone: TimeZoneName }))
    .output(Preferences)
    .mutation(({ ctx, input }) => adoptBrowserTimeZone(ctx.db, ctx.user.id, input.timeZone)),
});
