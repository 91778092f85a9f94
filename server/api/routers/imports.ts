import { z } from "zod";
import { IMPORT_SOURCES, SOURCE_FORMATS } from "@/server/domain/imports";
import { AppError } from "@/server/errors";
import { adminProcedure, router } from "../trpc";

const Issue = z.object({ line: z.number(), message: z.string(), kind: z.string().optional() });
const ImportRun = z.object({
  id: z.string(),
  source: z.string(),
  fileName: z.string(),
  status: z.enum(["RUNNING", "SUCCEEDED", "REFUSED", "FAILED"]),
  message: z.string().nullable(),
  rowsRead: z.number(),
  games: z.number(),
  odds: z.number(),
  inserted: z.number(),
  updated: z.number(),
  rejected: z.number(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
});

export const importsRouter = router({
  sources: adminProcedure
    .output(z.array(z.object({ source: z.string(), label: z.string(), extensions: z.array(z.string()) })))
    .query(() => IMPORT_SOURCES.map((s) => ({ source: s, label: SOURCE_FORMATS[s].label, extensions: SOURCE_FORMATS[s].extensions }))),
  runs: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(50) }))
    .output(z.array(ImportRun))
    .query(({ ctx, input }) =>
      ctx.db.importRun.findMany({
        orderBy: { startedAt: "desc" },
        take: input.limit,
        omit: { errors: true, checksum: true, userId: true },
      }),
    ),
  run: adminProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .output(ImportRun.extend({ checksum: z.string(), errors: z.array(Issue) }))
    .query(async ({ ctx, input }) => {
      const run = await ctx.db.importRun.findUnique({ where: { id: input.id }, omit: { userId: true } });
      if (!run) throw new AppError("NOT_FOUND", "No such import.");
      return { ...run, errors: z.array(Issue).parse(run.errors) };
    }),
});
