// Crockford-style alphabet without look-alikes (no 0/O, 1/I/L), so a code copied from paper is typed right.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const RECOVERY_CODE_COUNT = 10;
const CODE_LENGTH = 10;

/** Ten fresh recovery codes, shown once as "XXXXX-XXXXX" (10 symbols of 31: about 49 random bits each). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    // Web Crypto (as sha256Hex in domain/hashing does): a CSPRNG without importing Node I/O modules.
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(CODE_LENGTH * 2));
    let code = "";
    // Rejection sampling keeps every symbol equally likely (256 is not a multiple of 31).
    for (const b of bytes) {
      if (b >= 248) continue;
      code += ALPHABET[b % ALPHABET.length];
      if (code.length === CODE_LENGTH) break;
    }
    return code.length === CODE_LENGTH ? `${code.slice(0, 5)}-${code.slice(5)}` : newRecoveryCodes(1)[0]!;
  });
}

/** The form a typed code is compared in: upper case, without spaces or dashes. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, "");
}

/** A recovery code looks like 10 symbols of the alphabet once normalised; a 6-digit TOTP code does not. */
export function looksLikeRecoveryCode(typed: string): boolean {
  return new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`).test(normalizeRecoveryCode(typed));
}
