import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, servedOverHttps, STRICT_TRANSPORT_SECURITY } from "@/server/http/security-headers";

/** Gives every page a fresh CSP nonce (read by the root layout from `x-nonce`) and sends HSTS over HTTPS. */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const https = servedOverHttps(request.headers.get("x-forwarded-proto"), process.env.NEXTAUTH_URL);
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  // Next.js reads the nonce for its own scripts from the request's CSP header.
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|icon.svg|icons/|manifest.webmanifest|sw.js|offline.html).*)" }],
};
