import { Prisma, type PrismaClient } from "@/server/db/generated/client";
import { ADVISORY_LOCKS } from "@/server/db/locks";
import { overrideInForce } from "@/server/domain/billing/entitlement";
import type { PlanId } from "@/server/domain/billing/plans";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record";
import { limitsOfAccount, type AccountRow } from "@/server/services/billing/limits";

/**
 * What administrators do to accounts: list and search them, change a role, disable or enable, and override the
 * plan ("comp"). Every change is written with its audit entry in one transaction.
 */

type Tx = Prisma.TransactionClient;
type Role = "USER" | "ADMIN";

export interface AdminActor {
  id: string;
  ip?: string | null | undefined;
}

export const USERS_PAGE_SIZE = 25;

export interface AdminUserRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
  disabledReason: string | null;
  twoFactor: boolean;
  /** The plan that applies now (billing/limits.ts decides it), and whether an administrator's override sets it. */
  plan: PlanId;
  comped: boolean;
  compPlan: PlanId | null;
  compEndsAt: Date | null;
}

type ListedRow = Omit<AdminUserRow, "plan" | "comped"> & Omit<AccountRow, "compPlan" | "compEndsAt">;

/**
 * One page of users, newest first, optionally only those whose email or name contains `likePattern` (already
 * LIKE-escaped by the router). The cursor is the last id of the previous page.
 */
export async function listUsers(db: PrismaClient, input: { search?: string | undefined; cursor?: string | undefined }, now = new Date()) {
  const search = input.search ? Prisma.sql`AND (u.email ILIKE ${`%${input.search}%`} ESCAPE '\\' OR u.name ILIKE ${`%${input.search}%`} ESCAPE '\\')` : Prisma.empty;
  const after = input.cursor
    ? Prisma.sql`AND (u."createdAt", u.id) < (SELECT c."createdAt", c.id FROM "User" c WHERE c.id = ${input.cursor})`
    : Prisma.empty;
  const rows = await db.$queryRaw<ListedRow[]>`
    SELECT u.id, u.email, u.name, u.role::text AS role, u."createdAt", u."disabledAt", u."disabledReason",
           (t."enabledAt" IS NOT NULL) AS "twoFactor",
           COALESCE(b.plan::text, 'FREE') AS plan, b.status, b."currentPeriodEnd", COALESCE(b."cancelAtPeriodEnd", false) AS "cancelAtPeriodEnd",
           b."pastDueSince", b."compPlan"::text AS "compPlan", b."compEndsAt"
      FROM "User" u
      LEFT JOIN "BillingAccount" b ON b."userId" = u.id
      LEFT JOIN "TwoFactor" t ON t."userId" = u.id
     WHERE true ${search} ${after}
     ORDER BY u."createdAt" DESC, u.id DESC
     LIMIT ${USERS_PAGE_SIZE + 1}`;
  const users: AdminUserRow[] = rows.slice(0, USERS_PAGE_SIZE).map((r) => {
    const { mode, plan } = limitsOfAccount(r, now);
    const comped = mode !== "off" && r.compPlan !== null && overrideInForce({ plan: r.compPlan, endsAt: r.compEndsAt }, now);
    return {
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      createdAt: r.createdAt,
      disabledAt: r.disabledAt,
      disabledReason: r.disabledReason,
      twoFactor: r.twoFactor,
      plan,
      comped,
      compPlan: r.compPlan,
      compEndsAt: r.compEndsAt,
    };
  });
  return { users, nextCursor: rows.length > USERS_PAGE_SIZE ? users.at(-1)!.id : null };
}

const TARGET = { id: true, email: true, role: true, disabledAt: true } as const;

/**
 * Runs one admin change: the roles lock serialises it with every other role change, disable and sign-up, so two
 * administrators demoting each other at once cannot leave the installation without one.
 */
async function withTarget<T>(
  db: PrismaClient,
  actor: AdminActor,
  userId: string,
  change: (tx: Tx, target: { id: string; email: string; role: Role; disabledAt: Date | null }, actorEmail: string) => Promise<T>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.roles})`;
    const me = await tx.user.findUnique({ where: { id: actor.id }, select: { email: true, role: true, disabledAt: true } });
    if (me?.role !== "ADMIN" || me.disabledAt) throw new AppError("FORBIDDEN", "Only administrators can do this.");
    const target = await tx.user.findUnique({ where: { id: userId }, select: TARGET });
    if (!target) throw new AppError("NOT_FOUND", "That user does not exist (any more). Reload the list.");
    return change(tx, target, me.email);
  });
}

/** Refuses a change that would leave no active administrator. */
async function assertAnotherActiveAdmin(tx: Tx, target: { id: string; role: Role; disabledAt: Date | null }, doing: string) {
  if (target.role !== "ADMIN" || target.disabledAt) return;
  const others = await tx.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: target.id } } });
  if (others === 0) {
    throw new AppError("CONFLICT", `Cannot ${doing} the last active administrator. Make another user an administrator first.`);
  }
}

export async function changeRole(db: PrismaClient, actor: AdminActor, input: { userId: string; role: Role }) {
  return withTarget(db, actor, input.userId, async (tx, target, actorEmail) => {
    if (target.role === input.role) return { id: target.id, role: target.role };
    if (input.role === "USER") await assertAnotherActiveAdmin(tx, target, "demote");
    // A new role starts with new sessions: the old tokens carry the old role.
    await tx.user.update({ where: { id: target.id }, data: { role: input.role, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, {
      actor: { id: actor.id, email: actorEmail },
      action: "user.role.change",
      target: { type: "user", id: target.id },
      details: { email: target.email, from: target.role, to: input.role },
      ip: actor.ip ?? null,
    });
    return { id: target.id, role: input.role };
  });
}

export async function disableUser(db: PrismaClient, actor: AdminActor, input: { userId: string; reason: string }, now = new Date()) {
  return withTarget(db, actor, input.userId, async (tx, target, actorEmail) => {
    if (target.id === actor.id) throw new AppError("BAD_REQUEST", "You cannot disable your own account. Ask another administrator.");
    if (target.disabledAt) throw new AppError("CONFLICT", "This account is already disabled.");
    await assertAnotherActiveAdmin(tx, target, "disable");
    // A new session version ends every session the user has at once.
    await tx.user.update({
      where: { id: target.id },
      data: { disabledAt: now, disabledReason: input.reason, sessionVersion: { increment: 1 } },
    });
    await recordAudit(tx, {
      actor: { id: actor.id, email: actorEmail },
      action: "user.disable",
      target: { type: "user", id: target.id },
      details: { email: target.email, reason: input.reason },
      ip: actor.ip ?? null,
    });
    return { id: target.id, disabledAt: now };
  });
}

export async function enableUser(db: PrismaClient, actor: AdminActor, input: { userId: string }) {
  return withTarget(db, actor, input.userId, async (tx, target, actorEmail) => {
    if (!target.disabledAt) throw new AppError("CONFLICT", "This account is not disabled.");
    await tx.user.update({ where: { id: target.id }, data: { disabledAt: null, disabledReason: null } });
    await recordAudit(tx, {
      actor: { id: actor.id, email: actorEmail },
      action: "user.enable",
      target: { type: "user", id: target.id },
      details: { email: target.email },
      ip: actor.ip ?? null,
    });
    return { id: target.id };
  });
}

/** Sets or removes (plan null) the user's plan override; limitsFor honours it until `endsAt`. */
export async function setPlanOverride(
  db: PrismaClient,
  actor: AdminActor,
  input: { userId: string; plan: PlanId | null; endsAt: Date | null },
  now = new Date(),
) {
  if (input.plan && input.endsAt && input.endsAt <= now) throw new AppError("BAD_REQUEST", "The end date must be in the future.", { field: "endsAt" });
  const endsAt = input.plan ? input.endsAt : null;
  return withTarget(db, actor, input.userId, async (tx, target, actorEmail) => {
    const before = await tx.billingAccount.findUnique({ where: { userId: target.id }, select: { compPlan: true, compEndsAt: true } });
    await tx.billingAccount.upsert({
      where: { userId: target.id },
      create: { userId: target.id, compPlan: input.plan, compEndsAt: endsAt },
      update: { compPlan: input.plan, compEndsAt: endsAt },
    });
    await recordAudit(tx, {
      actor: { id: actor.id, email: actorEmail },
      action: input.plan ? "user.plan.override" : "user.plan.override.remove",
      target: { type: "user", id: target.id },
      details: {
        email: target.email,
        from: before?.compPlan ?? null,
        to: input.plan,
        endsAt: endsAt?.toISOString() ?? null,
      },
      ip: actor.ip ?? null,
    });
    return { id: target.id, compPlan: input.plan, compEndsAt: endsAt };
  });
}
