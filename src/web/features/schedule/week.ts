import { DateTime } from 'luxon';
import { addDays, isoWeekOf } from '../../../domain/scheduling/local-time';

// ISO weeks for the week calendar: "2026-W08" runs Monday 2026-02-16 to Sunday 2026-02-22. Dates are
// calendar dates (YYYY-MM-DD); each session carries its own site-local date, so no zone math here.

export type WeekDay = { date: string; label: string; shortLabel: string };

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** The week holding a calendar date. */
export function weekOf(date: string): string {
  return isoWeekOf(date).key;
}

/** The browser's local date, for "this week". */
export function todayDate(now: Date = new Date()): string {
  return DateTime.fromJSDate(now).toFormat('yyyy-MM-dd');
}

/** Monday of an ISO week key, or null when the key is not a real week. */
export function mondayOf(week: string): string | null {
  const match = WEEK_KEY.exec(week);
  if (!match) return null;
  const monday = DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 }, { zone: 'utc' });
  if (!monday.isValid) return null;
  const date = monday.toFormat('yyyy-MM-dd');
  return weekOf(date) === week ? date : null;
}

export function shiftWeek(week: string, weeks: number): string {
  const monday = mondayOf(week);
  if (monday === null) return week;
  return weekOf(addDays(monday, weeks * 7));
}

export function daysOfWeek(week: string): WeekDay[] {
  const monday = mondayOf(week);
  if (monday === null) return [];
  return Array.from({ length: 7 }, (_unused, index) => {
    const date = addDays(monday, index);
    const day = DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-US');
    return { date, label: day.toFormat('cccc d LLLL'), shortLabel: day.toFormat('ccc d') };
  });
}

/** "16–22 February 2026", "29 December 2025 – 4 January 2026". */
export function weekLabel(week: string): string {
  const days = daysOfWeek(week);
  const first = days[0];
  const last = days[6];
  if (!first || !last) return week;
  const start = DateTime.fromISO(first.date, { zone: 'utc' }).setLocale('en-US');
  const end = DateTime.fromISO(last.date, { zone: 'utc' }).setLocale('en-US');
  if (start.year !== end.year) return `${start.toFormat('d LLLL yyyy')} – ${end.toFormat('d LLLL yyyy')}`;
  if (start.month !== end.month) return `${start.toFormat('d LLLL')} – ${end.toFormat('d LLLL yyyy')}`;
  return `${start.toFormat('d')}–${end.toFormat('d LLLL yyyy')}`;
}

export const WEEKDAYS: readonly { value: number; label: string }[] = [
  { value: 1, label: 'Monday' },
  { value: 2, label: 'Tuesday' },
  { value: 3, label: 'Wednesday' },
  { value: 4, label: 'Thursday' },
  { value: 5, label: 'Friday' },
  { value: 6, label: 'Saturday' },
  { value: 7, label: 'Sunday' },
];
