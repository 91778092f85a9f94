import { z } from "zod";
import { IMPORT_SOURCES, SOURCE_FORMATS } from "@/server/domain/imports";
import { deleteRun, getRun, listRuns, setRunHidden } from "@/server/services/imports/runs";
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
  warnings: z.number(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  hiddenAt: z.date().nullable(),
  deletedAt: z.date().nullable(),
});
const RunId = z.object({ id: z.string().trim().min(1).max(64) });

export const importsRouter = router({
  sources: adminProcedure
    .output(z.array(z.object({ source: z.string(), label: z.string(), extensions: z.array(z.string()) })))
    .query(() => IMPORT_SOURCES.map((s) => ({ source: s, label: SOURCE_FORMATS[s].label, extensions: SOURCE_FORMATS[s].extensions }))),
  runs: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(50) }))
    .output(z.array(ImportRun))
    .query(({ ctx, input }) => listRuns(ctx.db, input.limit)),
  run: adminProcedure
    .input(RunId)
    .output(ImportRun.extend({ checksum: z.string(), errors: z.array(Issue) }))
    .query(({ ctx, input }) => getRun(ctx.db, input.id)),
  setHidden: adminProcedure
    .input(RunId.extend({ hidden: z.boolean() }))
    .mutation(({ ctx, input }) => setRunHidden(ctx.db, { id: ctx.user.id }, input.id, input.hidden)),
  delete: adminProcedure
    .input(RunId)
    .output(z.object({ games: z.number(), odds: z.number(), playerStats: z.number(), keptGames: z.number(), message: z.string() }))
    .mutation(({ ctx, input }) => deleteRun(ctx.db, { id: ctx.user.id }, input.id)),
});
