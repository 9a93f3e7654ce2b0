// Concrete sessions from a group template. The recurrence is expanded by rrule in floating time
// (UTC fields standing for local wall-clock fields), then each local date-time is placed in the
// site's zone with luxon; rrule's own tzid handling is not used (docs/domain/scheduling.md).
import { DateTime } from 'luxon';
import rrule from 'rrule';
import { fieldError } from '../errors.js';
import { assertDuration, validateRange, validateTemplate, type DateRange, type GroupTemplate } from './group-template.js';
import {
  assertLocalDate,
  isoWeekdayOf,
  localDateOf,
  localDateTimeToEpoch,
  localTimeOf,
  parseLocalTime,
  toUtcIso,
  type LocalTime,
} from './local-time.js';

// rrule ships as CommonJS without named ESM exports; the default import works under Node and Vitest.
const { RRule } = rrule;

export type Closure = { date: string; reason: string; siteId: string | null };

/** Changes to one occurrence, keyed by the series date it was generated for; the series is untouched. */
export type OccurrenceException = {
  occurrenceDate: string;
  cancelledReason?: string | null;
  movedTo?: { date: string; startTime: string; durationMinutes?: number } | null;
  substituteFacilitatorId?: string | null;
};

export type Cancellation = { source: 'closure' | 'exception'; reason: string };

export type GeneratedSession = {
  templateId: string;
  /** Series date this occurrence belongs to; (templateId, occurrenceDate) identifies it. */
  occurrenceDate: string;
  /** Local date it actually starts on (differs from occurrenceDate when moved). */
  localDate: string;
  localStartTime: string;
  startUtc: string;
  endUtc: string;
  durationMinutes: number;
  facilitatorId: string | null;
  substituteFacilitator: boolean;
  moved: boolean;
  status: 'scheduled' | 'cancelled';
  cancellation: Cancellation | null;
};

const MINUTE_MS = 60_000;

/** A local date and time as a floating Date: its UTC fields are the wall-clock fields. */
function floating(localDate: string, time: LocalTime): Date {
  return DateTime.fromISO(localDate, { zone: 'utc' }).set({ hour: time.hour, minute: time.minute }).toJSDate();
}

function floatingDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** Series dates (local) inside the range, expanded with rrule. Validates nothing; callers do. */
function expandSeriesDates(template: GroupTemplate, startTime: LocalTime, range: DateRange): string[] {
  const rule = new RRule({
    freq: RRule.WEEKLY,
    // rrule counts weekdays from 0 = Monday.
    byweekday: template.daysOfWeek.map((day) => day - 1),
    dtstart: floating(template.startsOn, startTime),
    until: template.endsOn === null ? null : floating(template.endsOn, { hour: 23, minute: 59 }),
  });
  return rule.between(floating(range.from, { hour: 0, minute: 0 }), floating(range.to, { hour: 23, minute: 59 }), true).map(floatingDate);
}

/** True when the series (weekdays and its first and last dates) has an occurrence on `localDate`. */
export function isSeriesDate(template: GroupTemplate, localDate: string): boolean {
  if (localDate < template.startsOn || (template.endsOn !== null && localDate > template.endsOn)) return false;
  return template.daysOfWeek.includes(isoWeekdayOf(localDate));
}

function validateClosures(closures: readonly Closure[]): void {
  closures.forEach((closure, index) => {
    assertLocalDate(closure.date, `closures[${index}].date`);
    if (closure.reason.trim() === '') throw fieldError(`closures[${index}].reason`, 'give a reason the site is closed');
  });
}

function validateExceptions(exceptions: readonly OccurrenceException[]): void {
  const seen = new Set<string>();
  exceptions.forEach((exception, index) => {
    const path = `exceptions[${index}]`;
    assertLocalDate(exception.occurrenceDate, `${path}.occurrenceDate`);
    if (seen.has(exception.occurrenceDate)) throw fieldError(`${path}.occurrenceDate`, 'has more than one exception; combine them');
    seen.add(exception.occurrenceDate);
    if (exception.cancelledReason !== undefined && exception.cancelledReason !== null && exception.cancelledReason.trim() === '') {
      throw fieldError(`${path}.cancelledReason`, 'give a reason for the cancellation');
    }
    if (exception.movedTo) {
      assertLocalDate(exception.movedTo.date, `${path}.movedTo.date`);
      parseLocalTime(exception.movedTo.startTime, `${path}.movedTo.startTime`);
      if (exception.movedTo.durationMinutes !== undefined)
        assertDuration(exception.movedTo.durationMinutes, `${path}.movedTo.durationMinutes`);
    }
    if (
      exception.substituteFacilitatorId !== undefined &&
      exception.substituteFacilitatorId !== null &&
      exception.substituteFacilitatorId.trim() === ''
    ) {
      throw fieldError(`${path}.substituteFacilitatorId`, 'must name a facilitator');
    }
  });
}

function buildSession(
  template: GroupTemplate,
  startTime: LocalTime,
  occurrenceDate: string,
  exception: OccurrenceException | undefined,
): GeneratedSession {
  const moved = exception?.movedTo ?? null;
  const localDate = moved?.date ?? occurrenceDate;
  const time = moved ? parseLocalTime(moved.startTime, 'movedTo.startTime') : startTime;
  const durationMinutes = moved?.durationMinutes ?? template.durationMinutes;
  const start = localDateTimeToEpoch(localDate, time, template.timeZone);
  const substitute = exception?.substituteFacilitatorId ?? null;
  const cancelledReason = exception?.cancelledReason ?? null;
  return {
    templateId: template.id,
    occurrenceDate,
    localDate: localDateOf(start, template.timeZone),
    localStartTime: localTimeOf(start, template.timeZone),
    startUtc: toUtcIso(start),
    // Elapsed minutes, so a session across a DST change still lasts its duration.
    endUtc: toUtcIso(start + durationMinutes * MINUTE_MS),
    durationMinutes,
    facilitatorId: substitute ?? template.facilitatorId,
    substituteFacilitator: substitute !== null,
    moved: moved !== null,
    status: cancelledReason === null ? 'scheduled' : 'cancelled',
    cancellation: cancelledReason === null ? null : { source: 'exception', reason: cancelledReason },
  };
}

function closureFor(template: GroupTemplate, localDate: string, closures: readonly Closure[]): Closure | undefined {
  return closures.find((closure) => closure.date === localDate && (closure.siteId === null || closure.siteId === template.siteId));
}

/**
 * Like generateSessions but without the limit on the range length, for callers that bound the range
 * themselves (templatesOverlap looks at a whole year plus its edges).
 */
export function expandSessions(
  template: GroupTemplate,
  range: DateRange,
  closures: readonly Closure[] = [],
  exceptions: readonly OccurrenceException[] = [],
): GeneratedSession[] {
  const startTime = validateTemplate(template);
  validateRange(range, 'range', Number.POSITIVE_INFINITY);
  validateClosures(closures);
  validateExceptions(exceptions);
  const byDate = new Map(exceptions.map((exception) => [exception.occurrenceDate, exception]));

  // Occurrences whose series date is in range, plus ones moved into the range from outside it.
  const occurrenceDates = new Set(expandSeriesDates(template, startTime, range));
  for (const exception of exceptions) {
    const movedDate = exception.movedTo?.date;
    if (movedDate !== undefined && movedDate >= range.from && movedDate <= range.to && isSeriesDate(template, exception.occurrenceDate)) {
      occurrenceDates.add(exception.occurrenceDate);
    }
  }

  const sessions: GeneratedSession[] = [];
  for (const occurrenceDate of occurrenceDates) {
    const session = buildSession(template, startTime, occurrenceDate, byDate.get(occurrenceDate));
    if (session.localDate < range.from || session.localDate > range.to) continue;
    // A closure cancels whatever happens on its date, so it wins over a cancellation by exception.
    const closure = closureFor(template, session.localDate, closures);
    sessions.push(closure ? { ...session, status: 'cancelled', cancellation: { source: 'closure', reason: closure.reason } } : session);
  }
  return sessions.sort((a, b) => a.startUtc.localeCompare(b.startUtc) || a.occurrenceDate.localeCompare(b.occurrenceDate));
}

/**
 * Sessions of a template whose local date is in [range.from, range.to]. Closed dates and cancelled
 * occurrences come back with status "cancelled" and the reason, so a calendar can show them.
 */
export function generateSessions(
  template: GroupTemplate,
  range: DateRange,
  closures: readonly Closure[] = [],
  exceptions: readonly OccurrenceException[] = [],
): GeneratedSession[] {
  validateTemplate(template);
  validateRange(range);
  return expandSessions(template, range, closures, exceptions);
}

/** Exceptions that name a date on which the series has no occurrence (for example after an edit). */
export function unmatchedExceptions(template: GroupTemplate, exceptions: readonly OccurrenceException[]): OccurrenceException[] {
  return exceptions.filter((exception) => !isSeriesDate(template, exception.occurrenceDate));
}
