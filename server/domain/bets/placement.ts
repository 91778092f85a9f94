import { PLACED_AT_CLOCK_SKEW_MS } from "./limits";

/**
 * When a bet may be recorded. A bet placed after kick-off (in-play, or a result already known) is refused:
 * it would settle at once on a known result. A bet placed before kick-off but entered after it (a user
 * recording an older slip) is allowed as a late entry: shown, but never counted in a verified track record.
 */
export function placementProblem(placedAt: Date, kickOff: Date, now: Date): string | null {
  if (placedAt.getTime() > now.getTime() + PLACED_AT_CLOCK_SKEW_MS) {
    return "A bet cannot be placed in the future: check the date and time you placed it (UTC)";
  }
  if (placedAt.getTime() > kickOff.getTime()) {
    return `This game started at ${kickOff.toISOString().slice(0, 16).replace("T", " ")} UTC; only bets placed before the start can be recorded`;
  }
  return null;
}

/** A bet entered (or changed) once its game has started is a late entry. */
export function isLateEntry(kickOff: Date, now: Date): boolean {
  return now.getTime() > kickOff.getTime();
}
