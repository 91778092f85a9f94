import { americanToDecimal } from "../odds/convert";
import type { BookmakerRef, MarketKind, ParsedBatch, ParsedOdds, PeriodKind, PhaseKind, SelectionKind } from "./types";
import { optionalNumber } from "./csv";

/**
 * Turns raw price cells into odds rows, dropping (with a warning) prices that are not valid odds
 * instead of rejecting the whole game.
 */
export class OddsCollector {
  constructor(
    private readonly batch: ParsedBatch,
    private readonly line: number,
    private readonly game: number,
  ) {}

  private warn(message: string) {
    this.batch.warnings.push({ line: this.line, message });
  }

  private push(o: Omit<ParsedOdds, "game">) {
    this.batch.odds.push({ ...o, game: this.game });
  }

  decimal(
    bookmaker: BookmakerRef,
    market: MarketKind,
    selection: SelectionKind,
    phase: PhaseKind,
    raw: string | number | null | undefined,
    opts: { line?: number | null; period?: PeriodKind; column?: string } = {},
  ) {
    const price = optionalNumber(raw);
    if (price === null) return;
    if (!(price > 1)) {
      this.warn(`ignored ${opts.column ?? bookmaker.name} price ${raw}: decimal odds must be greater than 1`);
      return;
    }
    this.push({ bookmaker, market, selection, phase, period: opts.period ?? "FULL_GAME", line: opts.line ?? null, price });
  }

  american(
    bookmaker: BookmakerRef,
    market: MarketKind,
    selection: SelectionKind,
    phase: PhaseKind,
    raw: string | number | null | undefined,
    opts: { line?: number | null; period?: PeriodKind; column?: string } = {},
  ) {
    const american = optionalNumber(raw);
    if (american === null) return;
    if (american > -100 && american < 100) {
      this.warn(`ignored ${opts.column ?? bookmaker.name} price ${raw}: American odds must be <= -100 or >= +100`);
      return;
    }
    this.push({
      bookmaker,
      market,
      selection,
      phase,
      period: opts.period ?? "FULL_GAME",
      line: opts.line ?? null,
      price: americanToDecimal(american),
    });
  }

  /** A line quoted without a price (e.g. the SBR archive's opening spread). */
  lineOnly(
    bookmaker: BookmakerRef,
    market: MarketKind,
    selection: SelectionKind,
    phase: PhaseKind,
    line: number | null,
    period: PeriodKind = "FULL_GAME",
  ) {
    if (line === null) return;
    this.push({ bookmaker, market, selection, phase, period, line, price: null });
  }
}
