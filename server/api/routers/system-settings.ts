import { SystemSettings } from "@/server/domain/settings/system";
import { getSystemSettings, systemSettingsMeta, updateSystemSettings } from "@/server/services/system-settings/settings";
import { adminProcedure, protectedProcedure, router } from "../trpc";

/** System-wide defaults (signal tiers, Kelly staking): everyone signed in reads them, administrators change them. */
export const systemSettingsRouter = router({
  get: protectedProcedure.query(({ ctx }) => getSystemSettings(ctx.pool)),
  meta: adminProcedure.query(({ ctx }) => systemSettingsMeta(ctx.db)),
  // Bounds and A > B > C are checked here (BAD_REQUEST naming the field) and again in the service.
  update: adminProcedure
    .input(SystemSettings)
    .mutation(({ ctx, input }) => updateSystemSettings(ctx.db, { id: ctx.user.id, email: ctx.user.email ?? null }, input)),
});
