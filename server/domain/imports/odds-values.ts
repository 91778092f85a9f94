import type { Market, Period, Phase, Selection } from "../vocabulary";
import { americanToDecimal } from "../odds/convert";
import type { BookmakerRef, ParsedBatch, ParsedOdds } from "./types";
import { optionalNumber } from "./csv";
import { implausibleLine, implausiblePrice } from "./plausible";

/**
 * Turns raw price cells into odds rows, dropping (with a warning) prices that are not valid odds and lines
 * outside the sport's range (see plausible.ts) instead of rejecting the whole game.
 */
export class OddsCollector {
  constructor(
    private readonly batch: ParsedBatch,
    private readonly line: number,
    private readonly game: number,
  ) {}

  private warn(message: string) {
    // One column can feed two selections (a total's over and under): say so once.
    const last = this.batch.warnings.at(-1);
    if (last?.line === this.line && last.message === message) return;
    this.batch.warnings.push({ line: this.line, message });
  }

  private push(o: Omit<ParsedOdds, "game">, column: string) {
    const priceProblem = o.price === null ? null : implausiblePrice(o.price);
    if (priceProblem) return this.warn(`ignored ${column} price ${o.price}: ${priceProblem}`);
    const sport = this.batch.games[this.game]!.league.sport.key;
    const lineProblem = o.line === null ? null : implausibleLine(sport, o.market, o.period, o.line);
    if (lineProblem) return this.warn(`ignored ${column} ${o.price === null ? "" : "line "}${o.line}: ${lineProblem}`);
    this.batch.odds.push({ ...o, game: this.game });
  }

  decimal(
    bookmaker: BookmakerRef,
    market: Market,
    selection: Selection,
    phase: Phase,
    raw: string | number | null | undefined,
    opts: { line?: number | null; period?: Period; column?: string } = {},
  ) {
    const price = optionalNumber(raw);
    if (price === null) return;
    const column = opts.column ?? bookmaker.name;
    this.push({ bookmaker, market, selection, phase, period: opts.period ?? "FULL_GAME", line: opts.line ?? null, price }, column);
  }

  american(
    bookmaker: BookmakerRef,
    market: Market,
    selection: Selection,
    phase: Phase,
    raw: string | number | null | undefined,
    opts: { line?: number | null; period?: Period; column?: string } = {},
  ) {
    const american = optionalNumber(raw);
    if (american === null) return;
    if (american > -100 && american < 100) {
      this.warn(`ignored ${opts.column ?? bookmaker.name} price ${raw}: American odds must be <= -100 or >= +100`);
      return;
    }
    this.push(
      { bookmaker, market, selection, phase, period: opts.period ?? "FULL_GAME", line: opts.line ?? null, price: americanToDecimal(american) },
      opts.column ?? bookmaker.name,
    );
  }

  /** A line quoted without a price (e.g. the SBR archive's opening spread); `column` names it in warnings. */
  lineOnly(
    bookmaker: BookmakerRef,
    market: Market,
    selection: Selection,
    phase: Phase,
    line: number | null,
    opts: { period?: Period; column: string },
  ) {
    if (line === null) return;
    this.push({ bookmaker, market, selection, phase, period: opts.period ?? "FULL_GAME", line, price: null }, opts.column);
  }
}
