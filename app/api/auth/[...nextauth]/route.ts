import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/options";

// next-auth 4 reads `params.nextauth` synchronously; Next.js 16 passes params as a promise.
async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req as never, { params: await ctx.params } as never, authOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
