/**
 * RFC 8785 (JSON Canonicalization Scheme): one byte sequence per JSON value, so a strategy or a track-record
 * entry has one hash wherever it is computed (browser, server, CLI, anyone's own verifier). Keys are sorted by UTF-16
 * code units, numbers use ECMAScript's shortest round-trip form (what `JSON.stringify` does for a number),
 * strings JSON.stringify's escaping, no whitespace. Values JSON cannot carry exactly are refused rather than
 * silently changed: non-finite numbers, lone surrogates (I-JSON), undefined in arrays, functions, bigints,
 * and objects other than plain ones. Object properties that are undefined are left out, as JSON.stringify
 * does, so `{a: undefined}` and `{}` are the same document.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, "$");
}

// A lone surrogate: a high one not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serializeString(s: string, at: string): string {
  if (LONE_SURROGATE.test(s)) throw new Error(`${at}: a string with a lone surrogate is not valid I-JSON`);
  return JSON.stringify(s);
}

// Plain comparison of JS strings is by UTF-16 code units, as RFC 8785 requires (not by code points or locale).
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function serialize(value: unknown, at: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new Error(`${at}: ${value} is not a JSON number`);
      // ECMAScript Number::toString, which is RFC 8785's number format; -0 becomes "0".
      return JSON.stringify(value);
    case "string":
      return serializeString(value, at);
    case "object":
      break;
    default:
      throw new Error(`${at}: a ${typeof value} has no JSON form`);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((item, i) => {
        if (item === undefined) throw new Error(`${at}[${i}]: undefined has no JSON form`);
        return serialize(item, `${at}[${i}]`);
      })
      .join(",")}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null)
    throw new Error(`${at}: only plain objects have a canonical JSON form`);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort(byCodeUnits);
  return `{${keys.map((k) => `${serializeString(k, at)}:${serialize(record[k], `${at}.${k}`)}`).join(",")}}`;
}

/** Lower-case hex SHA-256 of a string's UTF-8, with Web Crypto (Node 20 and every browser have it). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
