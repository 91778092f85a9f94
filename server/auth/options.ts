import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { z } from "zod";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { signInWithPassword } from "@/server/services/auth/sign-in";

const Credentials = z.object({ email: z.string().email().max(254), password: z.string().min(1).max(256) });

function clientKey(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  return first || (typeof headers?.["x-real-ip"] === "string" ? (headers["x-real-ip"] as string) : "local");
}

/** Links an OAuth identity to the user with the same email, creating the user on first sign-in. */
async function upsertOAuthUser(provider: string, providerAccountId: string, email: string, name: string | null) {
  const normalised = email.toLowerCase();
  const user = await db.user.upsert({
    where: { email: normalised },
    update: {},
    create: { email: normalised, name, role: (await db.user.count()) === 0 ? "ADMIN" : "USER" },
  });
  await db.oAuthAccount.upsert({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    update: {},
    create: { provider, providerAccountId, userId: user.id },
  });
  return user;
}

export function authOptions(): NextAuthOptions {
  const e = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = Credentials.safeParse(raw);
        if (!parsed.success) return null;
        try {
          const user = await signInWithPassword(db, { ...parsed.data, clientKey: clientKey(req?.headers) });
          return user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
        } catch (error) {
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
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    providers,
    callbacks: {
      async signIn({ account, user }) {
        if (!account || account.type !== "oauth") return true;
        if (!user.email) return "/sign-in?error=OAuthNoEmail";
        await upsertOAuthUser(account.provider, account.providerAccountId, user.email, user.name ?? null);
        return true;
      },
      async jwt({ token, user, account }) {
        if (user && account?.type === "oauth" && user.email) {
          const stored = await db.user.findUnique({ where: { email: user.email.toLowerCase() } });
          if (stored) Object.assign(token, { sub: stored.id, role: stored.role });
        } else if (user) {
          Object.assign(token, { sub: user.id, role: (user as { role?: string }).role ?? "USER" });
        }
        return token;
      },
      session({ session, token }) {
        session.user = { ...session.user, id: token.sub!, role: (token.role as "USER" | "ADMIN") ?? "USER" };
        return session;
      },
    },
  };
}

export function oauthProviders(): { id: string; name: string }[] {
  const e = env();
  return [
    ...(e.GITHUB_ID ? [{ id: "github", name: "GitHub" }] : []),
    ...(e.GOOGLE_CLIENT_ID ? [{ id: "google", name: "Google" }] : []),
  ];
}
