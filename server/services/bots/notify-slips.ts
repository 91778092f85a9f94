/**
 * Tells a bot's owner that a run proposed slips. TODO(lead, issue 12 "Alerts for bots"): wire to feat/notify
 * once it is merged, e.g.
 *   await notify(pool, { userId, kind: "bot.slips", dedupeKey: `bot:${botId}:run:${runId}:slips`,
 *     title: `${slips.length} new slip(s) from ${botName}`, body: <one line per slip>, url: `/bots/${botId}/slips` });
 * The dedupe key makes a retried run notify once. Until then this does nothing.
 */
export interface NewSlipNote {
  slipId: number;
  game: string;
  pick: string;
  price: number;
  minPrice: number | null;
  stakeCents: number;
}

export async function notifySlips(_userId: string, _botId: number, _runId: number, _slips: NewSlipNote[]): Promise<void> {}
