import type { RateLimitRule } from "@/server/services/rate-limits/rate-limits";

const MINUTE = 60 * 1000;

/**
 * Brute-force protection for sign-in. Guessing from one address stops after 5 tries in 15 minutes; a
 * slower limit per email (20 an hour from all addresses) stops guessing spread over many addresses, and a
 * stranger from one address only locks out that address, not the owner. One address trying many emails
 * is capped too.
 */
export function signInRules(email: string, clientAddress: string): RateLimitRule[] {
  return [
    { key: `sign-in:email+address:${email}|${clientAddress}`, limit: 5, windowMs: 15 * MINUTE },
    { key: `sign-in:email:${email}`, limit: 20, windowMs: 60 * MINUTE },
    { key: `sign-in:address:${clientAddress}`, limit: 100, windowMs: 15 * MINUTE },
  ];
}

export function signUpRule(clientAddress: string, perHour: number): RateLimitRule {
  return { key: `sign-up:address:${clientAddress}`, limit: perHour, windowMs: 60 * MINUTE };
}
