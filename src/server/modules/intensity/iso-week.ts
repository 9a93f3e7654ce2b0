import { DateTime } from 'luxon';
import { fieldError } from '../../../domain/errors.js';
import { addDays, isoWeekOf, localDateOf, localDateTimeToEpoch, type IsoWeek } from '../../../domain/scheduling/local-time.js';

const WEEK_KEY = /^\d{4}-W\d{2}$/;

/** "2026-W45" -> the ISO week; refuses a week that does not exist (e.g. W53 of a 52-week year). */
export function parseIsoWeek(key: string, path = 'week'): IsoWeek {
  const monday = WEEK_KEY.test(key) ? DateTime.fromISO(`${key}-1`, { zone: 'utc' }) : null;
  const week = monday?.isValid ? isoWeekOf(monday.toFormat('yyyy-MM-dd')) : null;
  // Luxon rolls W53 of a 52-week year into the next year; the round trip catches it.
  if (!week || week.key !== key) throw fieldError(path, `"${key}" is not an ISO week (YYYY-Www) that exists`);
  return week;
}

/** The ISO week, in the zone, that contains the instant. */
export function weekContaining(instant: Date, timeZone: string): IsoWeek {
  return isoWeekOf(localDateOf(instant.getTime(), timeZone));
}

/** The instants that bound a local week in a zone: Monday 00:00 to the next Monday 00:00. */
export function weekBounds(week: IsoWeek, timeZone: string): { from: Date; to: Date } {
  const midnight = { hour: 0, minute: 0 };
  return {
    from: new Date(localDateTimeToEpoch(week.monday, midnight, timeZone)),
    to: new Date(localDateTimeToEpoch(addDays(week.monday, 7), midnight, timeZone)),
  };
}

/**
 * Instants safely around a local week in any zone (offsets run from -12 h to +14 h), for an index
 * range that the exact per-zone bounds then narrow.
 */
export function wideWeekBounds(week: IsoWeek): { from: Date; to: Date } {
  const monday = Date.parse(`${week.monday}T00:00:00Z`);
  return { from: new Date(monday - 15 * 3600_000), to: new Date(monday + 7 * 86_400_000 + 13 * 3600_000) };
}
