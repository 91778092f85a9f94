import { z } from "zod";
import { listAuditEntries } from "@/server/services/audit/list";
import { escapeLike, safeText, UtcTime } from "../schemas";
import { adminProcedure, router } from "../trpc";

const Entry = z.object({
  id: z.string(),
  at: z.date(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.unknown(),
  ip: z.string().nullable(),
});

export const adminAuditRouter = router({
  list: adminProcedure
    .input(
      z.object({
        action: safeText(80).transform(escapeLike).optional(),
        actorEmail: safeText(254).transform(escapeLike).optional(),
        from: UtcTime.optional(),
        to: UtcTime.optional(),
        cursor: z.string().regex(/^\d{1,18}$/, "is not a valid cursor").optional(),
      }),
    )
    .output(z.object({ entries: z.array(Entry), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) =>
      listAuditEntries(ctx.db, {
        actionPrefix: input.action || undefined,
        actorEmail: input.actorEmail || undefined,
        from: input.from,
        to: input.to,
        cursor: input.cursor,
      }),
    ),
});
