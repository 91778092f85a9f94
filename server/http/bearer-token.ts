import { createHash, timingSafeEqual } from "node:crypto";

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Whether an Authorization header carries `Bearer <expected>`. Both sides are hashed first, so the comparison
 * takes the same time whatever the given token's length or how much of it matches.
 */
/** The token of an `Authorization: Bearer <token>` header; undefined for any other header. */
export function bearerToken(header: string | null): string | undefined {
  return header ? BEARER.exec(header)?.[1] : undefined;
}

export function bearerTokenMatches(header: string | null, expected: string): boolean {
  const given = bearerToken(header);
  if (given === undefined) return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
