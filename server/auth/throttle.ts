/**
 * Brute-force protection for sign-in: too many failures for one email, or from one client address,
 * within the window blocks further attempts until the window has passed. Pure policy; the store is
 * the SignInAttempt table.
 */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_CLIENT = 20;

export function isThrottled(failuresForEmail: number, failuresForClient: number): boolean {
  return failuresForEmail >= MAX_FAILURES_PER_EMAIL || failuresForClient >= MAX_FAILURES_PER_CLIENT;
}
