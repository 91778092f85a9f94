const HERE = "http://linesmith.invalid";

/**
 * Where to go after sign-in: a path on this site only. "//host", "/\host" and absolute URLs would send the
 * user to another site (an open redirect), so anything that does not resolve to this origin falls back.
 */
export function safeCallbackPath(value: string | null | undefined, fallback = "/games"): string {
  if (!value?.startsWith("/")) return fallback;
  try {
    const url = new URL(value, HERE);
    return url.origin === HERE ? url.pathname + url.search + url.hash : fallback;
  } catch {
    return fallback;
  }
}

/** The sign-in page that returns to `path` afterwards. */
export function signInPath(path: string): string {
  return `/sign-in?callbackUrl=${encodeURIComponent(path)}`;
}
