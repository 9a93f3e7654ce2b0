// A staff member's usual weekly availability: local wall-clock windows per ISO weekday, in the time
// zone of the site they work at. Windows are half-open [start, end), so 09:00-12:00 and 12:00-15:00
// touch without overlapping. A window cannot run past midnight: split it into two days.
import { fieldError } from '../errors.js';
import { parseLocalTime, type IsoWeekday } from '../scheduling/local-time.js';

export type AvailabilityWindow = { weekday: IsoWeekday; start: string; end: string };

export const MAX_AVAILABILITY_WINDOWS = 50;

function minutesOf(time: string, path: string): number {
  const { hour, minute } = parseLocalTime(time, path);
  return hour * 60 + minute;
}

/**
 * Throws VALIDATION_FAILED naming the first bad field (`<path>.<index>.<field>`); returns the
 * windows sorted by weekday and start, which is how they are stored.
 */
export function validateAvailability(
  windows: readonly { weekday: number; start: string; end: string }[],
  path = 'weeklyAvailability',
): AvailabilityWindow[] {
  if (windows.length > MAX_AVAILABILITY_WINDOWS) throw fieldError(path, `at most ${MAX_AVAILABILITY_WINDOWS} windows`);
  const parsed = windows.map((window, index) => {
    const at = `${path}.${index}`;
    if (!Number.isInteger(window.weekday) || window.weekday < 1 || window.weekday > 7)
      throw fieldError(`${at}.weekday`, 'must be 1 (Monday) to 7 (Sunday)');
    const start = minutesOf(window.start, `${at}.start`);
    const end = minutesOf(window.end, `${at}.end`);
    if (end <= start) throw fieldError(`${at}.end`, 'must be after the start');
    return { index, weekday: window.weekday as IsoWeekday, start, end, window };
  });
  const sorted = [...parsed].sort((a, b) => a.weekday - b.weekday || a.start - b.start);
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1];
    const current = sorted[i];
    if (previous && current && previous.weekday === current.weekday && current.start < previous.end) {
      const later = Math.max(previous.index, current.index);
      const earlier = Math.min(previous.index, current.index);
      throw fieldError(`${path}.${later}`, `overlaps window ${earlier + 1} on the same day`);
    }
  }
  return sorted.map(({ weekday, window }) => ({ weekday, start: window.start, end: window.end }));
}

/** Whether one window holds the whole of [start, start + duration) on that weekday. */
export function isAvailable(windows: readonly AvailabilityWindow[], weekday: IsoWeekday, start: string, durationMinutes: number): boolean {
  const from = minutesOf(start, 'start');
  const to = from + durationMinutes;
  return windows.some(
    (window) => window.weekday === weekday && minutesOf(window.start, 'start') <= from && to <= minutesOf(window.end, 'end'),
  );
}
