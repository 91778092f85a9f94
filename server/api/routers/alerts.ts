import { z } from "zod";
import { alertRuleInput } from "@/server/domain/alerts/rules";
import { calibrationModelChoices, calibrationStatuses } from "@/server/services/alerts/calibration";
import { createAlertRule, deleteAlertRule, listAlertRules, setAlertRuleEnabled } from "@/server/services/alerts/rules";
import { DbId, safeText } from "../schemas";
import { protectedProcedure, router } from "../trpc";

const Name = safeText(80).pipe(z.string().min(1, "give the rule a name"));

export const alertsRouter = router({
  list: protectedProcedure.query(({ ctx }) => listAlertRules(ctx.pool, ctx.user.id)),

  /** The caller's calibration rules checked now: figures, or "not enough games yet". */
  calibrationStatus: protectedProcedure.query(({ ctx }) => calibrationStatuses(ctx.pool, ctx.user.id, new Date())),

  /** The caller's model versions a calibration rule can watch. */
  modelChoices: protectedProcedure.query(({ ctx }) => calibrationModelChoices(ctx.pool, ctx.user.id)),

  /** Refused with PAYMENT_REQUIRED past the plan's "alertRules" limit. */
  create: protectedProcedure
    .input(z.intersection(z.object({ name: Name }), alertRuleInput))
    .mutation(({ ctx, input }) => createAlertRule(ctx.pool, ctx.user.id, input)),

  setEnabled: protectedProcedure
    .input(z.object({ ruleId: DbId, enabled: z.boolean() }).strict())
    .mutation(({ ctx, input }) => setAlertRuleEnabled(ctx.pool, ctx.user.id, input.ruleId, input.enabled)),

  remove: protectedProcedure
    .input(z.object({ ruleId: DbId }).strict())
    .mutation(async ({ ctx, input }) => {
      await deleteAlertRule(ctx.pool, ctx.user.id, input.ruleId);
      return { removed: input.ruleId };
    }),
});
