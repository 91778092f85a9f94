import "next-auth";

declare module "next-auth" {
  interface Session {
    /** The JWT's session id (server/services/auth/sessions.ts), to mark the current device in the list. */
    sid?: string;
    /** An OAuth sign-in of an account with 2FA on, before its code was given: refused everywhere but /two-factor. */
    twoFactorPending?: true;
    /** Why the last code given on /two-factor was refused. */
    twoFactorError?: string;
    user: { id: string; role: "USER" | "ADMIN"; email?: string | null; name?: string | null; image?: string | null };
  }
}
