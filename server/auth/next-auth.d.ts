import "next-auth";

declare module "next-auth" {
  interface Session {
    /** The JWT's session id (server/services/auth/sessions.ts), to mark the current device in the list. */
    sid?: string;
    user: { id: string; role: "USER" | "ADMIN"; email?: string | null; name?: string | null; image?: string | null };
  }
}
