import { z } from "zod";
import { PLAN_IDS } from "@/server/domain/billing/plans";
import { changeRole, disableUser, enableUser, listUsers, setPlanOverride } from "@/server/services/admin/users";
import { escapeLike, safeText, SearchTerm, UtcTime } from "../schemas";
import { adminProcedure, router } from "../trpc";

const UserId = z.string().trim().min(1).max(40);
const Role = z.enum(["USER", "ADMIN"]);
const Plan = z.enum(PLAN_IDS);

const UserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: Role,
  createdAt: z.date(),
  disabledAt: z.date().nullable(),
  disabledReason: z.string().nullable(),
  twoFactor: z.boolean(),
  plan: Plan,
  comped: z.boolean(),
  compPlan: Plan.nullable(),
  compEndsAt: z.date().nullable(),
});

/** Administrators' account management: every procedure re-checks the role in the database (adminProcedure). */
export const adminUsersRouter = router({
  list: adminProcedure
    .input(z.object({ search: SearchTerm.transform(escapeLike).optional(), cursor: UserId.optional() }))
    .output(z.object({ users: z.array(UserView), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listUsers(ctx.db, { search: input.search || undefined, cursor: input.cursor })),
  setRole: adminProcedure
    .input(z.object({ userId: UserId, role: Role }))
    .mutation(({ ctx, input }) => changeRole(ctx.db, { id: ctx.user.id, ip: ctx.clientAddress }, input)),
  disable: adminProcedure
    .input(z.object({ userId: UserId, reason: safeText(500).min(1, "say why the account is disabled") }))
    .mutation(({ ctx, input }) => disableUser(ctx.db, { id: ctx.user.id, ip: ctx.clientAddress }, input)),
  enable: adminProcedure
    .input(z.object({ userId: UserId }))
    .mutation(({ ctx, input }) => enableUser(ctx.db, { id: ctx.user.id, ip: ctx.clientAddress }, input)),
  setPlanOverride: adminProcedure
    .input(z.object({ userId: UserId, plan: Plan.nullable(), endsAt: UtcTime.nullable().default(null) }))
    .mutation(({ ctx, input }) => setPlanOverride(ctx.db, { id: ctx.user.id, ip: ctx.clientAddress }, input)),
});
