import type pg from "pg";
import { z } from "zod";
import type { Queryable } from "@/server/db/pool";
import { calibrationAlert, checkCalibration, type CalibratedModel, type CalibrationCheck, type GradedPrediction } from "@/server/domain/alerts/calibration";
import { parseStoredRule, type AlertRule } from "@/server/domain/alerts/rules";
import { notify } from "@/server/services/notify/notify";

/**
 * Calibration-drift rules: load a model's predictions locked before kick-off on games since finished, check
 * them against the model's evaluated calibration (server/domain/alerts/calibration.ts), notify on drift.
 * Run by the evaluate-alerts job's scheduled pass: results arrive with scores, not with odds.
 */

type CalibrationRule = AlertRule & { kind: "MODEL_CALIBRATION" };
type Params = CalibrationRule["params"];

/** A days window reads at most this many games (a season of a busy league); a games window reads its own count. */
const MAX_WINDOW_GAMES = 5000;

/** Registered with every model version since evaluations stored their noise figure (ModelVersion.metrics). */
const evaluatedMetrics = z.object({ ece: z.number(), eceNoise: z.number(), testGames: z.number().int() });

export interface ModelCalibration {
  model: CalibratedModel & { league: string };
  /** null when the version was registered without evaluated figures (nothing to compare with). */
  check: CalibrationCheck | null;
}

/** The user's model version; null when it is not theirs or no longer exists. */
async function ownModel(db: Queryable, userId: string, modelVersionId: number) {
  const { rows } = await db.query<CalibratedModel & { league: string; metrics: unknown }>(
    `SELECT v.id, v.name, v.version, v."evaluationId", v.metrics, l.name AS league
       FROM "ModelVersion" v JOIN "League" l ON l.id = v."leagueId"
      WHERE v.id = $1 AND v."userId" = $2`,
    [modelVersionId, userId],
  );
  return rows[0] ?? null;
}

/** Each finished game's newest prediction made before kick-off (what the model said when it could still be bet). */
async function lockedPredictions(db: Queryable, modelVersionId: number, window: Params["window"], now: Date): Promise<GradedPrediction[]> {
  const since = window.by === "days" ? new Date(now.getTime() - window.days * 86_400_000) : null;
  const limit = window.by === "games" ? window.games : MAX_WINDOW_GAMES;
  const { rows } = await db.query<GradedPrediction>(
    `SELECT probabilities, "homeScore", "awayScore" FROM (
       SELECT DISTINCT ON (p."gameId") p."gameId", p.probabilities, g."homeScore", g."awayScore", g."startsAt"
         FROM "Prediction" p JOIN "Game" g ON g.id = p."gameId"
        WHERE p."modelVersionId" = $1 AND p."createdAt" < g."startsAt"
          AND g.status = 'FINAL' AND g."homeScore" IS NOT NULL AND g."awayScore" IS NOT NULL
          AND g."startsAt" <= $2 AND ($3::timestamptz IS NULL OR g."startsAt" >= $3)
        ORDER BY p."gameId", p."createdAt" DESC, p.id DESC
     ) locked
     ORDER BY "startsAt" DESC, "gameId" DESC
     LIMIT $4`,
    [modelVersionId, now, since, limit],
  );
  return rows;
}

/** The rule's model checked now; null when the model is not the user's (or was deleted). */
export async function checkModelCalibration(db: Queryable, userId: string, params: Params, now = new Date()): Promise<ModelCalibration | null> {
  const row = await ownModel(db, userId, params.modelVersionId);
  if (!row) return null;
  const { metrics, ...model } = row;
  const evaluated = evaluatedMetrics.safeParse(metrics);
  if (!evaluated.success) return { model, check: null };
  return { model, check: checkCalibration(await lockedPredictions(db, model.id, params.window, now), evaluated.data) };
}

async function calibrationRules(db: Queryable, userId: string | null): Promise<CalibrationRule[]> {
  const { rows } = await db.query(
    `SELECT id, "userId", name, enabled, kind::text AS kind, params FROM "AlertRule"
      WHERE kind = 'MODEL_CALIBRATION' AND ($1::text IS NULL OR "userId" = $1) AND ($1::text IS NOT NULL OR enabled)
      ORDER BY id`,
    [userId],
  );
  return rows.map(parseStoredRule).filter((r): r is CalibrationRule => r?.kind === "MODEL_CALIBRATION");
}

export interface CalibrationRunResult {
  rules: number;
  drifted: number;
  notified: number;
}

/** Every enabled calibration rule: a drifted model notifies its owner once per model version and ISO week. */
export async function evaluateCalibrationAlerts(pool: pg.Pool, now = new Date()): Promise<CalibrationRunResult> {
  const rules = await calibrationRules(pool, null);
  let drifted = 0;
  let notified = 0;
  for (const rule of rules) {
    const result = await checkModelCalibration(pool, rule.userId, rule.params, now);
    const match = result?.check ? calibrationAlert(rule, result.model, result.check, now) : null;
    if (!match) continue;
    drifted++;
    const sent = await notify(
      pool,
      { userId: match.userId, kind: match.kind, dedupeKey: match.dedupeKey, title: match.title, body: match.body, url: match.url },
      { deliver: "background" },
    );
    if (sent.created) notified++;
  }
  return { rules: rules.length, drifted, notified };
}

/** The user's calibration rules as they stand now, for the alerts page ("not enough games yet", the figures). */
export async function calibrationStatuses(db: Queryable, userId: string, now = new Date()) {
  const rules = await calibrationRules(db, userId);
  return Promise.all(
    rules.map(async (rule) => {
      const result = await checkModelCalibration(db, userId, rule.params, now);
      return { ruleId: rule.id, model: result?.model ?? null, check: result?.check ?? null };
    }),
  );
}

/** The user's model versions a calibration rule can watch, newest first. */
export async function calibrationModelChoices(db: Queryable, userId: string) {
  const { rows } = await db.query<{ id: number; name: string; version: number; league: string; createdAt: Date }>(
    `SELECT v.id, v.name, v.version, l.name AS league, v."createdAt"
       FROM "ModelVersion" v JOIN "League" l ON l.id = v."leagueId"
      WHERE v."userId" = $1
      ORDER BY v."createdAt" DESC, v.id DESC
      LIMIT 200`,
    [userId],
  );
  return rows;
}
