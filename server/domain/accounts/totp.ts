import { generate, generateSecret, generateURI, verify } from "otplib";

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_S = 30;
// One step either side absorbs a phone clock off by up to 30 s without widening the guessing window much.
const TOLERANCE_S = TOTP_PERIOD_S;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string, issuer = "Linesmith"): string {
  return generateURI({ issuer, label: account, secret });
}

/** The code for a moment (tests and the e2e compute the code a phone would show). */
export function totpCode(secret: string, at = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/**
 * The time step a code matches, or null. otplib 13's `verify` returns an object that is always truthy: only its
 * `valid` field says whether the code matched. Replay is refused by the caller, which stores the step.
 */
export async function matchingTotpStep(secret: string, code: string, at = new Date()): Promise<number | null> {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({ secret, token, epoch: Math.floor(at.getTime() / 1000), epochTolerance: TOLERANCE_S });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}
