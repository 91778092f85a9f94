import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { z } from "zod";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { clientAddressOf } from "@/server/http/client-address";
import { findAccountByEmail, isAccountDisabled, signInWithOAuth } from "@/server/services/auth/accounts";
import { activeSessionRole, endSession, startSession } from "@/server/services/auth/sessions";
import { headers } from "next/headers";
import { forgetSession, recordSession } from "@/server/services/accounts/sessions";
import { completeSecondFactor, signInWithSecondFactor } from "@/server/services/accounts/sign-in";
import { isTwoFactorEnabled } from "@/server/services/accounts/two-factor";
import { secretBoxFromEnv } from "@/server/services/crypto/secret-box";
import { log } from "@/server/log";

const logger = log.child({ module: "auth" });

const Credentials = z.object({
  email: z.string().email().max(254),
  password: z.string().min(1).max(256),
  // The second step of sign-in for accounts with 2FA: a 6-digit code or a recovery code ("" when not asked).
  code: z.string().trim().max(32).optional().transform((c) => c || undefined),
});

/** Thrown from the jwt callback for a signed-out or outdated token: next-auth then clears the cookie. */
class SessionEnded extends Error {
  override name = "SessionEnded";
}

/** Set on an OAuth sign-in of an account with 2FA on until the code is given (see the jwt callback). */
const PENDING_CLAIM = "tfp";
/** Why the last code given for a pending session was refused, for the two-factor page. */
const PENDING_ERROR_CLAIM = "tfe";

const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

export function authOptions(): NextAuthOptions {
  const e = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Two-factor code", type: "text" },
      },
      async authorize(raw, req) {
        const parsed = Credentials.safeParse(raw);
        if (!parsed.success) return null;
        try {
          const user = await signInWithSecondFactor(db, secretBoxFromEnv(e), {
            ...parsed.data,
            clientAddress: clientAddressOf(req?.headers?.["x-forwarded-for"]),
          });
          return user ? { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } : null;
        } catch (error) {
          // next-auth passes the message to the form as its error code, which shows it as is.
          if (error instanceof AppError) throw new Error(error.message);
          throw error;
        }
      },
    }),
  ];
  if (e.GITHUB_ID && e.GITHUB_SECRET) providers.push(GitHubProvider({ clientId: e.GITHUB_ID, clientSecret: e.GITHUB_SECRET }));
  if (e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET }));
  }
  return {
    secret: e.NEXTAUTH_SECRET,
    // Credentials sign-in requires JWT sessions in next-auth.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    // Cookies are Secure (and __Secure- prefixed) whenever the public URL is HTTPS.
    useSecureCookies: (e.NEXTAUTH_URL ?? "").startsWith("https://"),
    pages: { signIn: "/sign-in" },
    providers,
    logger: {
      error(code, metadata) {
        // A signed-out token being refused is expected, not an error worth logging.
        if (metadata instanceof Error && metadata.name === "SessionEnded") return;
        logger.error(metadata instanceof Error ? { err: metadata } : { metadata }, `[next-auth] ${code}`);
      },
      warn(code) {
        logger.warn(`[next-auth] ${code}`);
      },
    },
    callbacks: {
      async signIn({ account, user }) {
        if (!account || account.type !== "oauth") return true;
        if (!user.email) return "/sign-in?error=OAuthNoEmail";
        const stored = await signInWithOAuth(
          db,
          { provider: account.provider, providerAccountId: account.providerAccountId, email: user.email, name: user.name ?? null },
          e.ADMIN_EMAIL,
        );
        if (await isAccountDisabled(db, stored.id)) return "/sign-in?error=AccountDisabled";
        return true;
      },
      async jwt({ token, user, account, trigger, session }) {
        if (user) {
          const oauth = account?.type === "oauth";
          const stored = oauth && user.email ? await findAccountByEmail(db, user.email) : (user as unknown as Parameters<typeof startSession>[0]);
          if (!stored) throw new SessionEnded("The account could not be found.");
          const claims = startSession(stored);
          await rememberDevice({ sid: claims.sid, userId: claims.sub, sessionVersion: claims.sv });
          // OAuth proves the identity but not the second factor: the session stays unusable until the code is given.
          const pending = oauth && (await isTwoFactorEnabled(db, stored.id));
          return Object.assign(token, claims, pending ? { [PENDING_CLAIM]: true } : {});
        }
        // Every later use of the token: refused once signed out or outdated; the role is always the stored one.
        const role = await activeSessionRole(db, token);
        if (!role) throw new SessionEnded("This session has ended.");
        Object.assign(token, { role });
        if (token[PENDING_CLAIM] === true && trigger === "update") {
          // The two-factor page calls update({ twoFactorCode }); only a code checked here lifts the flag.
          const outcome = await completeSecondFactor(db, secretBoxFromEnv(e), token.sub!, session);
          if (outcome === "ok") {
            delete token[PENDING_CLAIM];
            delete token[PENDING_ERROR_CLAIM];
          } else token[PENDING_ERROR_CLAIM] = outcome;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { ...session.user, id: token.sub!, role: (token.role as "USER" | "ADMIN") ?? "USER" };
        if (token[PENDING_CLAIM] === true) {
          session.twoFactorPending = true;
          if (typeof token[PENDING_ERROR_CLAIM] === "string") session.twoFactorError = token[PENDING_ERROR_CLAIM];
        }
        // The session id lets the settings page mark "this device" (it is not a credential on its own).
        if (typeof token.sid === "string") session.sid = token.sid;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid !== "string" || !token.sub) return;
        const expiresAt = new Date(typeof token.exp === "number" ? token.exp * 1000 : Date.now() + SESSION_MAX_AGE_S * 1000);
        await endSession(db, { sid: token.sid, userId: token.sub, expiresAt });
        await forgetSession(db, token.sid);
      },
    },
  };
}

/**
 * Lists a new session under the user's devices. A failure here must not stop the sign-in: the session then only
 * misses from the list ("sign out everywhere" still ends it).
 */
async function rememberDevice(session: { sid: string; userId: string; sessionVersion: number }) {
  let userAgent: string | null = null;
  try {
    userAgent = (await headers()).get("user-agent");
  } catch {
    // Outside a request (tests, scripts) there are no headers.
  }
  try {
    await recordSession(db, { ...session, userAgent, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_S * 1000) });
  } catch (error) {
    logger.error({ err: error }, "[auth] could not record the session for the devices list:");
  }
}

export function oauthProviders(): { id: string; name: string }[] {
  const e = env();
  return [
    ...(e.GITHUB_ID ? [{ id: "github", name: "GitHub" }] : []),
    ...(e.GOOGLE_CLIENT_ID ? [{ id: "google", name: "Google" }] : []),
  ];
}
