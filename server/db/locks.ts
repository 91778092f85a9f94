/**
 * Every PostgreSQL advisory-lock id the product takes, in one place, so two features never pick the same
 * number by accident. Whole-database locks take one id; per-row locks pair an id here with the row's id
 * (`pg_advisory_xact_lock(namespace, rowId)`).
 */
export const ADVISORY_LOCKS = {
  migrations: 72_707_369,
  imports: 72_707_370,
  /** Deciding roles (first user, ADMIN_EMAIL) while accounts are created. */
  roles: 72_707_371,
  /** Per game (with the game's id): live prices of one game are compared with its history one pass at a time. */
  livePrices: 72_707_372,
} as const;

export type AdvisoryLock = keyof typeof ADVISORY_LOCKS;
