import { describe, expect, it } from "vitest";
import { RowRejection } from "@/server/domain/imports/csv";
import {
  parseCompactDate,
  parseDayMonthYear,
  parseExcelSerialDate,
  parseMangledDayMonthYear,
  parseMonthDayYear,
  spanningSeasonLabel,
} from "@/server/domain/imports/dates";
import { zonedTimeToUtc } from "@/server/domain/time/zoned";

describe("source dates", () => {
  it("reads day-first, month-first and compact dates", () => {
    expect(parseDayMonthYear("19/08/00")).toBe("2000-08-19");
    expect(parseDayMonthYear("11/08/2023")).toBe("2023-08-11");
    expect(parseMonthDayYear("10/30/07")).toBe("2007-10-30");
    expect(parseCompactDate(20110908.0)).toBe("2011-09-08");
  });

  it("reads Excel serial dates (tennis-data WTA files)", () => {
    expect(parseExcelSerialDate("44202")).toBe("2021-01-06");
  });

  it("recovers spreadsheet-mangled football-data dates from the season", () => {
    expect(parseMangledDayMonthYear("2014/8/4", 2004)).toBe("2004-08-14");
    expect(parseMangledDayMonthYear("1930/10/4", 2004)).toBe("2004-10-30");
    expect(parseMangledDayMonthYear("2015/5/5", 2004)).toBe("2005-05-15");
    expect(() => parseMangledDayMonthYear("2015/5/7", 2004)).toThrow(RowRejection);
  });

  it("rejects impossible dates instead of rolling them over", () => {
    expect(() => parseDayMonthYear("31/02/2020")).toThrow(/invalid date/);
    expect(() => parseMonthDayYear("2020-01-01")).toThrow(RowRejection);
  });

  it("labels seasons that span two years", () => {
    expect(spanningSeasonLabel(1999)).toBe("1999-00");
    expect(spanningSeasonLabel(2023)).toBe("2023-24");
  });
});

describe("zonedTimeToUtc", () => {
  it("converts US Eastern and UK wall-clock times across daylight saving", () => {
    expect(zonedTimeToUtc("2023-09-10", "13:00", "America/New_York").toISOString()).toBe("2023-09-10T17:00:00.000Z");
    expect(zonedTimeToUtc("2023-12-10", "13:00", "America/New_York").toISOString()).toBe("2023-12-10T18:00:00.000Z");
    expect(zonedTimeToUtc("2023-08-11", "20:00", "Europe/London").toISOString()).toBe("2023-08-11T19:00:00.000Z");
    expect(zonedTimeToUtc("2024-01-01", "15:00", "Europe/London").toISOString()).toBe("2024-01-01T15:00:00.000Z");
  });
});
