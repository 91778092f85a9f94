/**
 * The key every spelling of a name is compared by: accents folded, case and punctuation dropped, so
 * "St. Louis", "St.Louis" and "st louis" are one key. Team and player aliases are stored in this form.
 */
export function aliasKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "");
}

/** Trims and collapses inner white space; keeps the source's spelling for display. */
export function cleanDisplayName(name: string): string {
  return name.trim().replace(/\s+/g, " ");
}
