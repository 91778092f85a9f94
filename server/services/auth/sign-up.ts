import type { PrismaClient } from "@/server/db/generated/client";
import { hashPassword } from "@/server/auth/password";
import { signUpRule } from "@/server/auth/throttle";
import { enforceRateLimit } from "@/server/services/rate-limits/rate-limits";
import { createAccount } from "./accounts";

export interface SignUpInput {
  email: string;
  password: string;
  name?: string | undefined;
}

export interface SignUpOptions {
  adminEmail?: string | undefined;
  /** Requests from the web are limited per client address; scripts and tests that pass none are not. */
  client?: { address: string; signUpsPerHour: number };
}

/** Creates a password account; its role is decided by createAccount. */
export async function signUp(db: PrismaClient, input: SignUpInput, options: SignUpOptions = {}) {
  if (options.client) {
    // Counted before the (deliberately slow) password hash, so a flood is refused cheaply.
    await enforceRateLimit(db, signUpRule(options.client.address, options.client.signUpsPerHour), "Too many new accounts from your network", "minutes");
  }
  const passwordHash = await hashPassword(input.password);
  return createAccount(db, { email: input.email, name: input.name?.trim() || null, passwordHash }, { adminEmail: options.adminEmail, existing: "refuse" });
}
