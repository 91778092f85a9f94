import { isValidIsoDate } from "../time/zoned";
import { reject } from "./csv";

const pad = (n: number) => String(n).padStart(2, "0");

function iso(year: number, month: number, day: number, raw: string): string {
  const value = `${year}-${pad(month)}-${pad(day)}`;
  if (!isValidIsoDate(value)) reject(`invalid date "${raw}"`);
  return value;
}

function fullYear(y: number): number {
  return y >= 100 ? y : y < 50 ? 2000 + y : 1900 + y;
}

/** "19/08/00", "11/08/2023" (football-data: day first). */
export function parseDayMonthYear(raw: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(raw.trim());
  if (!m) reject(`date "${raw}" is not dd/mm/yy`);
  return iso(fullYear(Number(m[3])), Number(m[2]), Number(m[1]), raw);
}

/**
 * One football-data file (E0_0405) has dates mangled by a spreadsheet into "20DD/M/Y" or "19DD/M/Y"
 * ("2014/8/4" is 14/08/04): the day follows the century digits and only the year's last digit is left.
 * The season (from the file name) decides the year: the one of its two years ending in that digit.
 */
export function parseMangledDayMonthYear(raw: string, seasonStartYear: number): string {
  const m = /^(?:19|20)(\d{2})\/(\d{1,2})\/(\d)$/.exec(raw.trim());
  if (!m) reject(`date "${raw}" is not dd/mm/yy`);
  const lastDigit = Number(m[3]);
  const year = [seasonStartYear, seasonStartYear + 1].find((y) => y % 10 === lastDigit);
  if (year === undefined) reject(`date "${raw}" does not fall in the ${spanningSeasonLabel(seasonStartYear)} season`);
  return iso(year, Number(m[2]), Number(m[1]), raw);
}

/** "10/30/07", "4/12/2026" (US month first). */
export function parseMonthDayYear(raw: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(raw.trim());
  if (!m) reject(`date "${raw}" is not mm/dd/yy`);
  return iso(fullYear(Number(m[3])), Number(m[1]), Number(m[2]), raw);
}

/** "2023-09-10" */
export function parseIsoDate(raw: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw.trim());
  if (!m) reject(`date "${raw}" is not YYYY-MM-DD`);
  return iso(Number(m[1]), Number(m[2]), Number(m[3]), raw);
}

/** 20110908 or 20110908.0 (the SBR NFL archive stores dates as numbers). */
export function parseCompactDate(raw: string | number): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\.0+)?$/.exec(String(raw).trim());
  if (!m) reject(`date "${raw}" is not YYYYMMDD`);
  return iso(Number(m[1]), Number(m[2]), Number(m[3]), String(raw));
}

/** Excel serial day numbers (tennis-data's WTA files): day 1 is 1900-01-01, with Excel's 1900 leap-year bug. */
export function parseExcelSerialDate(raw: string): string {
  const serial = Number(raw);
  if (!Number.isInteger(serial) || serial < 1 || serial > 100_000) reject(`"${raw}" is not an Excel date`);
  const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/** "2023-24" for a season starting in 2023. */
export function spanningSeasonLabel(startYear: number): string {
  return `${startYear}-${pad((startYear + 1) % 100)}`;
}
