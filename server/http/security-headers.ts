/**
 * The Content-Security-Policy of every page: scripts run only with this request's nonce (Next.js adds it
 * to its own scripts; 'strict-dynamic' lets those load the chunks they need), never from eval outside
 * development, where React needs it for its debugging stacks. Inline style attributes stay allowed:
 * charts and layout set them, and a nonce cannot cover attributes.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "manifest-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Two years, subdomains included: sent only on responses served over HTTPS, as the standard requires. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/**
 * Whether the client reached us over HTTPS: the scheme our HTTP server resolved (X-Forwarded-Proto, trusted
 * only per TRUST_PROXY), or an HTTPS public URL (the site is then only ever served over HTTPS).
 */
export function servedOverHttps(forwardedProto: string | null, publicUrl: string | undefined): boolean {
  return forwardedProto === "https" || Boolean(publicUrl?.startsWith("https://"));
}
