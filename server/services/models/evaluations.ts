import type pg from "pg";
import { AppError } from "@/server/errors";
import { SPORT_SETTINGS } from "@/server/domain/features/sports";
import { withTransaction } from "@/server/db/transaction";
import { evaluatePreparedWithPredictions, namedProbabilities, prepareModels, trainFinalModels } from "@/server/ml/evaluate";
import { predictRows, SessionCache } from "@/server/ml/inference";
import { featuresHash, registerModelVersion } from "@/server/ml/registry";
import type { Trainer } from "@/server/ml/trainer";
import { loadLeagueRecords } from "./league-records";
import { storeWalkForwardPredictions } from "./walk-forward-predictions";

export interface EvaluationRequest {
  leagueId: number;
  models: string[];
  fromSeason: number;
  trainSeasons: number | null;
}

/** Leagues whose sport the model engine has settings for, with how many played games they hold. */
export async function evaluableLeagues(db: Pick<pg.Pool, "query">) {
  const { rows } = await db.query<{ id: number; key: string; name: string; sport: string; games: number; firstSeason: number | null; lastSeason: number | null }>(
    `SELECT l.id, l.key, l.name, s.key AS sport, COUNT(g.id)::int AS games,
            MIN(se."startYear") AS "firstSeason", MAX(se."startYear") AS "lastSeason"
       FROM "League" l JOIN "Sport" s ON s.id = l."sportId"
       LEFT JOIN "Game" g ON g."leagueId" = l.id AND g.status = 'FINAL'
       LEFT JOIN "Season" se ON se.id = g."seasonId"
      WHERE s.key = ANY($1)
      GROUP BY l.id, s.key ORDER BY l.name`,
    [Object.keys(SPORT_SETTINGS)],
  );
  return rows;
}

/** Claims the oldest queued evaluation (other runners skip it) and marks it running. */
async function claimQueued(pool: pg.Pool): Promise<number | null> {
  const { rows } = await pool.query<{ id: number }>(
    `UPDATE "Evaluation" SET status = 'RUNNING', "startedAt" = now(), progress = 0
      WHERE id = (SELECT id FROM "Evaluation" WHERE status = 'QUEUED' ORDER BY "createdAt", id FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING id`,
  );
  return rows[0]?.id ?? null;
}

/**
 * Runs queued evaluations one after another: walk-forward report, then each model fitted on every played
 * game, registered with its walk-forward metrics, and its predictions for the league's unplayed games.
 */
export async function runQueuedEvaluations(pool: pg.Pool, trainer: Trainer, artifactDir?: string): Promise<{ ran: number[]; failed: number[] }> {
  const ran: number[] = [];
  const failed: number[] = [];
  for (let id = await claimQueued(pool); id !== null; id = await claimQueued(pool)) {
    try {
      await runEvaluation(pool, id, trainer, artifactDir);
      ran.push(id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await pool.query(`UPDATE "Evaluation" SET status = 'FAILED', error = $2, "finishedAt" = now() WHERE id = $1`, [id, message.slice(0, 2000)]);
      failed.push(id);
    }
  }
  return { ran, failed };
}

async function runEvaluation(pool: pg.Pool, id: number, trainer: Trainer, artifactDir?: string) {
  const { rows } = await pool.query<{ userId: string; leagueId: number; models: string[]; fromSeason: number; trainSeasons: number | null }>(
    `SELECT "userId", "leagueId", models, "fromSeason", "trainSeasons" FROM "Evaluation" WHERE id = $1`,
    [id],
  );
  const e = rows[0]!;
  let lastWrite = 0;
  const setProgress = async (share: number, note: string, force = false) => {
    // At most a few writes a second: progress is for the screen, not an audit trail.
    if (!force && Date.now() - lastWrite < 300) return;
    lastWrite = Date.now();
    await pool.query(`UPDATE "Evaluation" SET progress = $2, "progressNote" = $3 WHERE id = $1`, [id, Math.min(1, share), note]);
  };
  await setProgress(0, "loading games", true);
  const { records, gameIds } = await loadLeagueRecords(pool, e.leagueId);
  const prepared = prepareModels(records, e.models);
  const { report, predictions: walkForward } = await evaluatePreparedWithPredictions(
    prepared,
    trainer,
    { fromSeason: e.fromSeason, trainSeasons: e.trainSeasons ?? undefined },
    (done, total, note) => void setProgress((0.85 * done) / total, note),
  );
  const finals = await trainFinalModels(prepared, trainer, (done, total, note) => void setProgress(0.85 + (0.1 * done) / total, note));
  const upcoming = prepared.features.rows.filter((r) => r.game.homeScore === null && gameIds.has(r.game.id));
  const sessions = new SessionCache(2);
  try {
    for (const f of finals) {
      const metrics = report.models.find((m) => m.name === f.definition.name);
      // Only models calibrated within what their test games can show are registered and predict.
      if (!metrics?.calibration.passed) continue;
      const version = await registerModelVersion(
        pool,
        {
          userId: e.userId,
          leagueId: e.leagueId,
          evaluationId: id,
          name: f.definition.name,
          kind: f.spec.model,
          featureGroup: f.definition.group,
          trainedFrom: f.trainedFrom,
          trainedTo: f.trainedTo,
          trainGames: f.trainGames,
          featureNames: f.featureNames,
          params: f.spec,
          metrics: { logLoss: metrics.logLoss, brier: metrics.brier, rps: metrics.rps, ece: metrics.ece, eceNoise: metrics.eceNoise, accuracy: metrics.accuracy, auc: metrics.auc, testGames: metrics.games },
          onnx: f.onnx,
        },
        artifactDir,
      );
      if (upcoming.length === 0) continue;
      const session = await sessions.get(String(version.id), () => f.onnx);
      const inputs = upcoming.map((r) => f.columns.map((c) => r.values[c]!));
      const probs = await predictRows(session, inputs, f.columns.length);
      await pool.query(
        `INSERT INTO "Prediction" ("modelVersionId", "gameId", probabilities, "featuresHash")
         SELECT $1, g, p, h FROM unnest($2::int[], $3::jsonb[], $4::text[]) AS x(g, p, h)
         ON CONFLICT ("modelVersionId", "gameId", "featuresHash") DO NOTHING`,
        [
          version.id,
          upcoming.map((r) => gameIds.get(r.game.id)!),
          probs.map((p) => JSON.stringify(namedProbabilities(p, prepared.classes))),
          inputs.map((v) => featuresHash(f.featureNames, v)),
        ],
      );
    }
  } finally {
    await sessions.clear();
  }
  // A succeeded evaluation always has its walk-forward predictions: both are written in one transaction.
  await withTransaction(pool, async (client) => {
    await storeWalkForwardPredictions(client, id, walkForward, gameIds, prepared.classes);
    await client.query(`UPDATE "Evaluation" SET status = 'SUCCEEDED', progress = 1, "progressNote" = NULL, report = $2, "finishedAt" = now() WHERE id = $1`, [
      id,
      JSON.stringify(report),
    ]);
  });
}

export function assertSeasons(request: EvaluationRequest, league: { firstSeason: number | null; lastSeason: number | null }) {
  if (league.firstSeason === null || league.lastSeason === null) throw new AppError("BAD_REQUEST", "This league has no played games to evaluate on.");
  if (request.fromSeason <= league.firstSeason + 1 || request.fromSeason > league.lastSeason) {
    throw new AppError(
      "BAD_REQUEST",
      `Pick a first test season between ${league.firstSeason + 2} and ${league.lastSeason}: each test season needs two earlier seasons to train on.`,
    );
  }
}
