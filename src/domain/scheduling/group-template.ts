// A group's weekly recurrence and its validation. Local start times are kept across DST changes;
// see docs/domain/scheduling.md.
import { fieldError } from '../errors.js';
import { assertLocalDate, assertTimeZone, daysBetween, parseLocalTime, type IsoWeekday, type LocalTime } from './local-time.js';

export type GroupTemplate = {
  id: string;
  /** Closures without a site apply to every site; a closure with a site applies to its site only. */
  siteId: string | null;
  timeZone: string;
  /** ISO weekdays: 1 = Monday ... 7 = Sunday (as luxon and PostgreSQL isodow count them). */
  daysOfWeek: readonly IsoWeekday[];
  /** Local start time, HH:MM. */
  startTime: string;
  durationMinutes: number;
  /** First local date of the series. */
  startsOn: string;
  /** Last local date of the series (inclusive); null when open-ended. */
  endsOn: string | null;
  facilitatorId: string | null;
};

/** Local dates, both inclusive. */
export type DateRange = { from: string; to: string };

export const MAX_SESSION_MINUTES = 12 * 60;
export const MAX_RANGE_DAYS = 366;

export function assertDuration(minutes: number, path: string): void {
  if (!Number.isInteger(minutes) || minutes <= 0) throw fieldError(path, 'must be a whole number of minutes above 0');
  if (minutes > MAX_SESSION_MINUTES) throw fieldError(path, `must be at most ${MAX_SESSION_MINUTES} minutes (12 h)`);
}

/** Throws VALIDATION_FAILED naming the first field that is wrong; returns the parsed start time. */
export function validateTemplate(template: GroupTemplate): LocalTime {
  assertTimeZone(template.timeZone, 'timeZone');
  const startTime = parseLocalTime(template.startTime, 'startTime');
  assertDuration(template.durationMinutes, 'durationMinutes');
  if (template.daysOfWeek.length === 0) throw fieldError('daysOfWeek', 'choose at least one day of the week');
  const seen = new Set<number>();
  template.daysOfWeek.forEach((day, index) => {
    if (!Number.isInteger(day) || day < 1 || day > 7) throw fieldError(`daysOfWeek[${index}]`, 'must be 1 (Monday) to 7 (Sunday)');
    if (seen.has(day)) throw fieldError(`daysOfWeek[${index}]`, 'is listed twice');
    seen.add(day);
  });
  assertLocalDate(template.startsOn, 'startsOn');
  if (template.endsOn !== null) {
    assertLocalDate(template.endsOn, 'endsOn');
    if (template.endsOn < template.startsOn) throw fieldError('endsOn', 'must not be before startsOn');
  }
  return startTime;
}

export function validateRange(range: DateRange, path = 'range', maxDays = MAX_RANGE_DAYS): void {
  assertLocalDate(range.from, `${path}.from`);
  assertLocalDate(range.to, `${path}.to`);
  const days = daysBetween(range.from, range.to) + 1;
  if (days < 1) throw fieldError(`${path}.to`, 'must not be before the start of the range');
  if (days > maxDays) throw fieldError(`${path}.to`, `the range may cover at most ${maxDays} days`);
}
