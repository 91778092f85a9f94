import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./options";

/**
 * The signed-in user's session, or null when signed out or when an OAuth sign-in still waits for its second
 * factor: pages, tRPC and REST routes treat that as not signed in.
 */
export async function getSession() {
  const session = await getServerSession(authOptions());
  return session?.twoFactorPending ? null : session;
}

/** The session even while it waits for its second factor: only for the two-factor page and the (app) layout's redirect. */
export function getSessionEvenIfPending() {
  return getServerSession(authOptions());
}
