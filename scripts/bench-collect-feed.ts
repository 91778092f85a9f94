import { startFakeOddsApi } from "../server/integrations/the-odds-api/fake-server";
import { sampleEvents } from "../server/integrations/the-odds-api/sample-events";
import type { OddsApiOddsEvent } from "../server/integrations/the-odds-api/schema";

/**
 * The Odds API fake for `npm run bench:collect`, in a process of its own: the real API serialises its answers on
 * another machine, so the benchmark's poll must not pay for this server's JSON on its own thread. The parent
 * sends which payload to serve; events are generated here from the same deterministic arguments.
 */
export type FeedCommand =
  | { kind: "sample"; n: number; books: number; at: string; sport: string }
  /** A tenth of the bookmakers (every tenth) move every price by 0.05, with a later update time. */
  | { kind: "move-tenth"; at: string };

let current: OddsApiOddsEvent[] = [];
const fake = await startFakeOddsApi({ events: current, quota: 1_000_000 });

function moveTenth(events: OddsApiOddsEvent[], at: string): OddsApiOddsEvent[] {
  return events.map((e) => ({
    ...e,
    bookmakers: e.bookmakers.map((b, i) =>
      i % 10 === 0
        ? {
            ...b,
            last_update: at,
            markets: b.markets.map((m) => ({
              ...m,
              last_update: at,
              outcomes: m.outcomes.map((o) => ({ ...o, price: Math.round((o.price + 0.05) * 100) / 100 })),
            })),
          }
        : b,
    ),
  }));
}

process.on("message", (command: FeedCommand) => {
  current =
    command.kind === "sample"
      ? sampleEvents(command.n, command.books, new Date(command.at), command.sport)
      : moveTenth(current, command.at);
  fake.setEvents(current);
  process.send!({ ok: true });
});
process.on("disconnect", () => void fake.close().then(() => process.exit(0)));
process.send!({ url: fake.url });
