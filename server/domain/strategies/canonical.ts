import { canonicalJson, sha256Hex } from "../hashing/canonical-json";
import { StrategyV1, type Strategy } from "./schema";

// Re-exported so existing imports keep working; the one definition lives in server/domain/hashing.
export { canonicalJson, sha256Hex };

/**
 * The identity of a strategy: SHA-256 of its canonical JSON. The strategy is parsed again first, so defaults
 * are filled and names trimmed the same way whether the caller passes what a person wrote or what the parser
 * returned (`when` omitted and `when: {all: []}` hash the same). Parsing a parsed strategy changes nothing.
 */
export async function strategyHash(strategy: Strategy): Promise<string> {
  return sha256Hex(canonicalJson(StrategyV1.parse(strategy)));
}
