import type pg from "pg";
import { matchAlerts, type AlertGame } from "@/server/domain/alerts/match";
import { parseStoredRule, type AlertRule } from "@/server/domain/alerts/rules";
import { detectAnomalies, withoutAnomalies } from "@/server/domain/collectors/anomalies";
import { findSteam, STEAM_WINDOW_MINUTES } from "@/server/domain/scanners/line-moves";
import { buildOffers } from "@/server/domain/scanners/quotes";
import { scanOffers, SCAN_DEFAULTS } from "@/server/domain/scanners/scan";
import { evaluateCalibrationAlerts } from "@/server/services/alerts/calibration";
import { followsByUser } from "@/server/services/follows/follows";
import { notify } from "@/server/services/notify/notify";
import { loadQuotes } from "@/server/services/quotes/load-quotes";

/**
 * The evaluate-alerts job (on linesmith/odds.stored): runs the scanners on the games whose odds were just stored
 * and notifies each matching rule's owner through notify(). notify() records one notification per
 * (user, dedupe key) with INSERT ... ON CONFLICT DO NOTHING, so a retried or repeated run sends nothing twice.
 */

/** A steam burst older than this when first seen is history, not news: a rule created later does not hear it. */
const STEAM_NEWS_MINUTES = 2 * STEAM_WINDOW_MINUTES;
/** Games per pass: one odds.stored event names at most a few hundred; more are evaluated by the next event. */
const MAX_GAMES = 500;

export interface AlertRunResult {
  rules: number;
  games: number;
  matched: number;
  notified: number;
}

export async function evaluateAlerts(pool: pg.Pool, gameIds: number[], now = new Date()): Promise<AlertRunResult> {
  const { rows: ruleRows } = await pool.query(
    `SELECT id, "userId", name, enabled, kind::text AS kind, params FROM "AlertRule"
      WHERE enabled AND kind IN ('VALUE_BET', 'STEAM_MOVE', 'TARGET_PRICE') ORDER BY id`,
  );
  const rules = ruleRows.map(parseStoredRule).filter((r): r is AlertRule => r !== null);
  if (rules.length === 0 || gameIds.length === 0) return { rules: rules.length, games: 0, matched: 0, notified: 0 };

  // Only games not yet started: an alert is something the user can still act on.
  const { rows: games } = await pool.query<AlertGame & { startsAt: Date }>(
    `SELECT g.id, g."startsAt", l.key AS league, h.name AS home, a.name AS away
       FROM "Game" g JOIN "League" l ON l.id = g."leagueId"
       JOIN "Team" h ON h.id = g."homeTeamId" JOIN "Team" a ON a.id = g."awayTeamId"
      WHERE g.id = ANY($1::int[]) AND g."startsAt" > $2
      ORDER BY g.id LIMIT ${MAX_GAMES}`,
    [gameIds, now],
  );
  if (games.length === 0) return { rules: rules.length, games: 0, matched: 0, notified: 0 };

  const quotes = await loadQuotes(pool, games);
  // The same trust as the scanners page: flagged prices (spikes, off-consensus books) never raise an alert.
  const trusted = withoutAnomalies(quotes, detectAnomalies(quotes, now));
  // The lowest threshold any rule asks for; each rule then applies its own.
  const minEv = Math.min(...rules.flatMap((r) => (r.kind === "VALUE_BET" ? [r.params.minEvPercent / 100] : [])), SCAN_DEFAULTS.minEv);
  const { valueBets, lines } = scanOffers(buildOffers(trusted, now), { ...SCAN_DEFAULTS, minEv });
  const recent = now.getTime() - STEAM_NEWS_MINUTES * 60_000;
  const steam = findSteam(trusted, now).filter((s) => s.end.getTime() >= recent);

  // "The games I follow" is read now, not when the rule was made: a game followed since counts.
  const followers = [...new Set(rules.flatMap((r) => (r.kind === "STEAM_MOVE" && r.params.followed ? [r.userId] : [])))];
  const followed = await followsByUser(pool, followers, [...new Set(steam.map((s) => s.gameId))]);

  const matches = matchAlerts(rules, { games, valueBets, steam, lines, followed });
  let notified = 0;
  for (const m of matches) {
    const result = await notify(
      pool,
      { userId: m.userId, kind: m.kind, dedupeKey: m.dedupeKey, title: m.title, body: m.body, url: m.url },
      { deliver: "background" },
    );
    if (result.created) notified++;
  }
  return { rules: rules.length, games: games.length, matched: matches.length, notified };
}

/** The schedule's pass (no event): games starting within the next two days, for odds stored by processes that
 *  publish no events (the collect CLI). Already-sent alerts are not repeated (dedupe keys). */
export async function evaluateAlertsUpcoming(pool: pg.Pool, now = new Date()): Promise<AlertRunResult> {
  const { rows } = await pool.query<{ id: number }>(
    `SELECT id FROM "Game" WHERE "startsAt" > $1 AND "startsAt" <= $1 + interval '2 days' ORDER BY "startsAt", id LIMIT ${MAX_GAMES}`,
    [now],
  );
  return evaluateAlerts(pool, rows.map((r) => r.id), now);
}

/** The schedule's pass: upcoming games' odds, then calibration-drift rules (results arrive with scores, not odds). */
export async function evaluateAlertsScheduled(pool: pg.Pool, now = new Date()) {
  const odds = await evaluateAlertsUpcoming(pool, now);
  const calibration = await evaluateCalibrationAlerts(pool, now);
  return { ...odds, calibration };
}

/** Whether any rule could match: without one the job does nothing (and records no run). */
export async function anyActiveAlertRule(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query(`SELECT 1 FROM "AlertRule" WHERE enabled AND kind <> 'BOT_SLIPS' LIMIT 1`);
  return rows.length > 0;
}
