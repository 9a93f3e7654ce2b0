// Calendar arithmetic for schedules and intensity. Instants are UTC ISO strings; a "local date" is a
// YYYY-MM-DD calendar date in the site's IANA zone. Calendar-date arithmetic runs in UTC so that
// neither DST nor the process time zone can move a date (docs/domain/scheduling.md).
import { DateTime, IANAZone } from 'luxon';
import { fieldError } from '../errors.js';

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type LocalTime = { hour: number; minute: number };

export type IsoWeek = {
  /** e.g. "2025-W10" (ISO week-numbering year, which can differ from the calendar year). */
  key: string;
  /** Local date of the Monday that starts the week. */
  monday: string;
  /** Local date of the Sunday that ends the week. */
  sunday: string;
};

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
// An instant must say its offset: without one, parsers fall back to the process time zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function assertTimeZone(zone: string, path: string): void {
  if (!IANAZone.isValidZone(zone)) throw fieldError(path, `"${zone}" is not a known IANA time zone`);
}

/** A local date as a UTC-midnight DateTime, for calendar arithmetic only. */
function calendarDate(value: string, path: string): DateTime {
  const parsed = LOCAL_DATE.test(value) ? DateTime.fromISO(value, { zone: 'utc' }) : null;
  if (!parsed?.isValid) throw fieldError(path, `"${value}" is not a calendar date (YYYY-MM-DD)`);
  return parsed;
}

export function assertLocalDate(value: string, path: string): void {
  calendarDate(value, path);
}

export function parseLocalTime(value: string, path: string): LocalTime {
  const match = LOCAL_TIME.exec(value);
  if (!match) throw fieldError(path, `"${value}" is not a time of day (HH:MM, 00:00 to 23:59)`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** Milliseconds since the epoch of an ISO instant that carries Z or an explicit offset. */
export function parseInstant(value: string, path: string): number {
  const parsed = INSTANT.test(value) ? DateTime.fromISO(value, { setZone: true }) : null;
  if (!parsed?.isValid) throw fieldError(path, `"${value}" is not an ISO instant with Z or an offset`);
  return parsed.toMillis();
}

export function toUtcIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export function localDateOf(epochMs: number, zone: string): string {
  return DateTime.fromMillis(epochMs, { zone }).toFormat('yyyy-MM-dd');
}

export function localTimeOf(epochMs: number, zone: string): string {
  return DateTime.fromMillis(epochMs, { zone }).toFormat('HH:mm');
}

export function addDays(localDate: string, days: number): string {
  return calendarDate(localDate, 'date').plus({ days }).toFormat('yyyy-MM-dd');
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((calendarDate(to, 'to').toMillis() - calendarDate(from, 'from').toMillis()) / DAY_MS);
}

export function isoWeekdayOf(localDate: string): IsoWeekday {
  return isoWeekday(calendarDate(localDate, 'date').weekday);
}

export function isoWeekOf(localDate: string): IsoWeek {
  const date = calendarDate(localDate, 'date');
  const monday = date.minus({ days: date.weekday - 1 });
  return {
    key: `${date.weekYear}-W${String(date.weekNumber).padStart(2, '0')}`,
    monday: monday.toFormat('yyyy-MM-dd'),
    sunday: monday.plus({ days: 6 }).toFormat('yyyy-MM-dd'),
  };
}

export function weekdayName(localDate: string): string {
  return calendarDate(localDate, 'date').setLocale('en-US').toFormat('cccc');
}

/**
 * The instant of a local wall-clock time in a zone, as RFC 5545 (3.3.5) reads it: a time that occurs
 * twice (fall back) is the first occurrence; a time that does not exist (spring forward) is read with
 * the offset in force before the gap, so 02:30 on a spring-forward night becomes 03:30.
 */
export function localDateTimeToEpoch(localDate: string, time: LocalTime, zone: string): number {
  const zoneRule = IANAZone.create(zone);
  const date = calendarDate(localDate, 'date');
  const wallClock = date.toMillis() + time.hour * HOUR_MS + time.minute * MINUTE_MS;
  // The real instant lies within 14 h of the wall clock read as UTC (offsets run from -12 h to +14 h);
  // a day either side therefore samples the offsets before and after any nearby transition.
  const before = zoneRule.offset(wallClock - DAY_MS);
  const after = zoneRule.offset(wallClock + DAY_MS);
  const candidates = [wallClock - before * MINUTE_MS, wallClock - after * MINUTE_MS]
    .filter((instant) => zoneRule.offset(instant) * MINUTE_MS === wallClock - instant)
    .sort((a, b) => a - b);
  return candidates[0] ?? wallClock - before * MINUTE_MS;
}

export function isoWeekday(value: number): IsoWeekday {
  switch (value) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
    case 7:
      return value;
    default:
      throw new Error(`Not an ISO weekday: ${value}`);
  }
}
