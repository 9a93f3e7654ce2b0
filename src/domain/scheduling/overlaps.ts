// Overlap checks on half-open intervals [start, end): a session ending at 10:00 does not overlap one
// starting at 10:00, and an empty interval overlaps nothing.
import { fieldError } from '../errors.js';
import type { GroupTemplate } from './group-template.js';
import { addDays, daysBetween, localTimeOf, parseInstant, weekdayName } from './local-time.js';
import { expandSessions, type GeneratedSession } from './session-generation.js';

export type TimeSpan = { startUtc: string; endUtc: string };

type Millis = { start: number; end: number };

export function spanMillis(span: TimeSpan, path = 'span'): Millis {
  const start = parseInstant(span.startUtc, `${path}.startUtc`);
  const end = parseInstant(span.endUtc, `${path}.endUtc`);
  if (end < start) throw fieldError(`${path}.endUtc`, 'must not be before the start');
  return { start, end };
}

export function millisOverlap(a: Millis, b: Millis): boolean {
  return a.start < a.end && b.start < b.end && a.start < b.end && b.start < a.end;
}

export function overlaps(a: TimeSpan, b: TimeSpan): boolean {
  return millisOverlap(spanMillis(a, 'a'), spanMillis(b, 'b'));
}

export type TemplateOverlap = { first: GeneratedSession; second: GeneratedSession; message: string };

// A year of occurrences holds every weekday at every DST state; 371 days (53 weeks) makes sure both
// DST changes fall inside whatever day the window starts on.
const WINDOW_DAYS = 371;

function describe(session: GeneratedSession, timeZone: string): string {
  const end = localTimeOf(parseInstant(session.endUtc, 'endUtc'), timeZone);
  return `${session.localStartTime}–${end}`;
}

/**
 * The first pair of occurrences at which two weekly templates, in the same room and therefore the same
 * zone, overlap over their common dates; null when they never do. Exceptions are not considered.
 */
export function templatesOverlap(first: GroupTemplate, second: GroupTemplate): TemplateOverlap | null {
  if (first.timeZone !== second.timeZone) throw fieldError('timeZone', "templates sharing a room must use the room's time zone");
  const from = first.startsOn > second.startsOn ? first.startsOn : second.startsOn;
  const lastCommon =
    first.endsOn === null
      ? second.endsOn
      : second.endsOn === null
        ? first.endsOn
        : first.endsOn < second.endsOn
          ? first.endsOn
          : second.endsOn;
  if (lastCommon !== null && lastCommon < from) return null;
  const to = lastCommon !== null && daysBetween(from, lastCommon) < WINDOW_DAYS ? lastCommon : addDays(from, WINDOW_DAYS);
  // One day either side: a late session on the day before can run into an early one on the next day.
  const range = { from: addDays(from, -1), to: addDays(to, 1) };
  const a = expandSessions(first, range);
  const b = expandSessions(second, range);
  // Sessions of one template never overlap each other (at most 12 h each, at most one a day), so a
  // merge walk over both sorted lists finds the first overlap.
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const left = a[i];
    const right = b[j];
    if (left === undefined || right === undefined) break;
    const leftSpan = spanMillis(left);
    const rightSpan = spanMillis(right);
    if (millisOverlap(leftSpan, rightSpan)) {
      return {
        first: left,
        second: right,
        message: `Both groups use the room on ${weekdayName(left.localDate)} ${left.localDate}: ${describe(left, first.timeZone)} and ${describe(right, first.timeZone)} (${first.timeZone})`,
      };
    }
    if (leftSpan.end <= rightSpan.end) i += 1;
    else j += 1;
  }
  return null;
}
