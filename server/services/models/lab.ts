import type { PrismaClient } from "@/server/db/generated/client";
import type { Queryable } from "@/server/db/pool";
import { AppError } from "@/server/errors";
import { settingsFor } from "@/server/domain/features/sports";
import { EVENTS, publishEvent } from "@/server/jobs/events";
import { readStoredReport } from "@/server/domain/evaluation/report";
import { availableModels } from "@/server/ml/evaluate";
import { assertSeasons, evaluableLeagues, type EvaluationRequest } from "./evaluations";

/** What the Model lab offers: leagues it can evaluate, each with the models that apply to its sport. */
export async function labOptions(pool: Queryable) {
  const leagues = await evaluableLeagues(pool);
  return leagues.map((l) => {
    const settings = settingsFor(l.sport);
    return {
      ...l,
      market: settings.classes === 3 ? ("ONE_X_TWO" as const) : ("MONEYLINE" as const),
      models: availableModels(settings.classes, true).map((m) => ({ name: m.name, group: m.group, description: m.description })),
    };
  });
}

export async function requestEvaluation(db: PrismaClient, pool: Queryable, userId: string, request: EvaluationRequest): Promise<{ id: number }> {
  const league = (await evaluableLeagues(pool)).find((l) => l.id === request.leagueId);
  if (!league) throw new AppError("NOT_FOUND", "No such league, or the model engine has no settings for its sport.");
  assertSeasons(request, league);
  const names = new Set(availableModels(settingsFor(league.sport).classes, true).map((m) => m.name));
  const unknown = request.models.filter((m) => !names.has(m));
  if (unknown.length) throw new AppError("BAD_REQUEST", `These models do not apply to ${league.name}: ${unknown.join(", ")}.`);
  // One evaluation in the queue per user at a time keeps a shared trainer fair.
  const pending = await db.evaluation.count({ where: { userId, status: { in: ["QUEUED", "RUNNING"] } } });
  if (pending > 0) throw new AppError("CONFLICT", "You already have an evaluation queued or running; wait for it to finish.");
  const created = await db.evaluation.create({
    data: { userId, leagueId: league.id, models: request.models, fromSeason: request.fromSeason, trainSeasons: request.trainSeasons },
    select: { id: true },
  });
  await publishEvent({ name: EVENTS.evaluationRequested, data: { evaluationId: created.id } });
  return created;
}

const evaluationHead = {
  id: true,
  status: true,
  progress: true,
  progressNote: true,
  error: true,
  models: true,
  fromSeason: true,
  trainSeasons: true,
  createdAt: true,
  finishedAt: true,
  league: { select: { id: true, name: true } },
} as const;

export async function listEvaluations(db: PrismaClient, userId: string) {
  return db.evaluation.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: 30, select: evaluationHead });
}

/**
 * One of the caller's evaluations with its report (read through the report schema; `reportNotice` says why
 * a stored report cannot be shown) and the model versions it registered.
 */
export async function getEvaluation(db: PrismaClient, userId: string, id: number) {
  const e = await db.evaluation.findFirst({
    where: { id, userId },
    select: {
      ...evaluationHead,
      report: true,
      versions: { orderBy: { name: "asc" }, select: { id: true, name: true, version: true, kind: true, featureGroup: true, trainGames: true, trainedFrom: true, trainedTo: true, artifactBytes: true } },
    },
  });
  if (!e) throw new AppError("NOT_FOUND", "No such evaluation.");
  const { versions, report, ...rest } = e;
  const stored = readStoredReport(report);
  // Predictions keep their history (re-scored as data arrive): count games predicted, not rows.
  const predicted = await db.prediction.groupBy({ by: ["modelVersionId", "gameId"], where: { modelVersionId: { in: versions.map((v) => v.id) } } });
  const gamesPredicted = new Map<number, number>();
  for (const p of predicted) gamesPredicted.set(p.modelVersionId, (gamesPredicted.get(p.modelVersionId) ?? 0) + 1);
  return {
    ...rest,
    report: stored.report,
    reportNotice: stored.notice,
    versions: versions.map((v) => ({ ...v, predictions: gamesPredicted.get(v.id) ?? 0 })),
  };
}

/**
 * A model version's predictions for games not yet played, soonest first: per game the newest made at or before
 * `asOf` (predictions are re-scored when data change and keep their history).
 */
export async function listPredictions(db: PrismaClient, userId: string, modelVersionId: number, asOf = new Date()) {
  const version = await db.modelVersion.findFirst({ where: { id: modelVersionId, userId }, select: { id: true, name: true, version: true } });
  if (!version) throw new AppError("NOT_FOUND", "No such model version.");
  const rows = await db.prediction.findMany({
    where: { modelVersionId, createdAt: { lte: asOf } },
    orderBy: [{ game: { startsAt: "asc" } }, { gameId: "asc" }, { createdAt: "desc" }, { id: "desc" }],
    distinct: ["gameId"],
    take: 200,
    select: { gameId: true, probabilities: true, featuresHash: true, game: { select: { startsAt: true, homeTeam: { select: { name: true } }, awayTeam: { select: { name: true } } } } },
  });
  return {
    version,
    predictions: rows.map((r) => ({
      gameId: r.gameId,
      startsAt: r.game.startsAt,
      home: r.game.homeTeam.name,
      away: r.game.awayTeam.name,
      probabilities: r.probabilities as Record<string, number>,
      featuresHash: r.featuresHash,
    })),
  };
}

/**
 * The caller's model predictions for one game: the newest version of each model that predicted it, and of
 * that version's predictions the newest made at or before `asOf`.
 */
export async function gamePredictions(db: PrismaClient, userId: string, gameId: number, asOf = new Date()) {
  const rows = await db.prediction.findMany({
    where: { gameId, modelVersion: { userId }, createdAt: { lte: asOf } },
    orderBy: [{ modelVersion: { version: "desc" } }, { createdAt: "desc" }, { id: "desc" }],
    select: {
      probabilities: true,
      createdAt: true,
      modelVersion: { select: { id: true, name: true, version: true, featureGroup: true, evaluationId: true } },
    },
  });
  const newest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!newest.has(r.modelVersion.name)) newest.set(r.modelVersion.name, r);
  return [...newest.values()].map((r) => ({
    model: r.modelVersion.name,
    version: r.modelVersion.version,
    group: r.modelVersion.featureGroup,
    evaluationId: r.modelVersion.evaluationId,
    probabilities: r.probabilities as Record<string, number>,
    predictedAt: r.createdAt,
  }));
}
