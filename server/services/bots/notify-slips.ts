import type pg from "pg";
import { formatCents } from "@/lib/format";
import { pickLabel } from "@/server/domain/bots/pick-label";
import type { Market, Selection } from "@/server/domain/vocabulary";
import { botSlipsAlertsOn } from "@/server/services/alerts/rules";
import { notify } from "@/server/services/notify/notify";
import { log } from "@/server/log";

const logger = log.child({ module: "bots" });

/**
 * Tells a bot's owner that a run proposed slips, on the channels they chose (issue 12, "Alerts for bots").
 * The dedupe key names the run, so a retried run notifies once; delivery happens in the background job, so a
 * slow Slack or SMTP server never holds up the bot. A notification that cannot be recorded is logged, never
 * fatal: the picks are already locked and the slips are on the bot's page.
 */
export interface NewSlipNote {
  slipId: number;
  game: string;
  market: Market;
  selection: Selection;
  line: number | null;
  bookmaker: string;
  price: number;
  minPrice: number | null;
  stakeCents: number;
}

/** At most this many slips are listed in the message; the page has them all. */
const LISTED = 10;

export function slipsMessage(botName: string, slips: NewSlipNote[], currency: string): { title: string; body: string } {
  const lines = slips.slice(0, LISTED).map(
    (s) =>
      `${s.game}: ${pickLabel(s.market, s.selection, s.line)} at ${s.bookmaker} @ ${s.price.toFixed(2)}${s.minPrice === null ? "" : ` (still qualifies down to ${s.minPrice.toFixed(2)})`}, stake ${formatCents(s.stakeCents, { currency })}`,
  );
  if (slips.length > LISTED) lines.push(`and ${slips.length - LISTED} more`);
  return { title: `${slips.length} new slip${slips.length === 1 ? "" : "s"} from ${botName}`, body: lines.join("\n") };
}

export async function notifySlips(
  pool: pg.Pool,
  bot: { id: number; userId: string; name: string; currency: string },
  runId: number,
  slips: NewSlipNote[],
): Promise<void> {
  const { title, body } = slipsMessage(bot.name, slips, bot.currency);
  try {
    // The user's bot-slips alert rule, when turned off, silences these (no rule: notified, as before).
    if (!(await botSlipsAlertsOn(pool, bot.userId))) return;
    await notify(
      pool,
      { userId: bot.userId, kind: "bot.slips", dedupeKey: `bot:${bot.id}:run:${runId}:slips`, title, body, url: `/bots/${bot.id}/slips` },
      { deliver: "background" },
    );
  } catch (e) {
    logger.error({ err: e }, `bot ${bot.id} run ${runId}: the slips notification was not recorded: ${e instanceof Error ? e.message : String(e)}`);
  }
}
