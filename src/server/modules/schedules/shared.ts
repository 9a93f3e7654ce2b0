import { fieldError } from '../../../domain/errors.js';
import { assertDuration } from '../../../domain/scheduling/group-template.js';
import { assertLocalDate, localDateOf, localDateTimeToEpoch, parseLocalTime } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx } from '../../context.js';

export function auditBase(ctx: ActorCtx) {
  return {
    organizationId: ctx.actor.organizationId,
    userId: ctx.actor.userId,
    outcome: 'success' as const,
    clientIp: ctx.ip,
    requestId: ctx.requestId,
  };
}

export function dedupe<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

export type When = { date: string; startTime: string; durationMinutes?: number | undefined; endTime?: string | undefined };
export type ResolvedWhen = { start: Date; end: Date; localDate: string; minutes: number };

/**
 * A local date and start time in the site's zone with a length given in minutes or as an end time.
 * Start times in a DST gap follow the domain (RFC 5545); an end at or before the start is refused.
 */
export function resolveWhen(timeZone: string, when: When): ResolvedWhen {
  assertLocalDate(when.date, 'date');
  const startTime = parseLocalTime(when.startTime, 'startTime');
  const start = localDateTimeToEpoch(when.date, startTime, timeZone);
  let minutes: number;
  if (when.durationMinutes !== undefined && when.endTime !== undefined)
    throw fieldError('endTime', 'give either durationMinutes or endTime, not both');
  if (when.durationMinutes !== undefined) {
    assertDuration(when.durationMinutes, 'durationMinutes');
    minutes = when.durationMinutes;
  } else if (when.endTime !== undefined) {
    const end = localDateTimeToEpoch(when.date, parseLocalTime(when.endTime, 'endTime'), timeZone);
    if (end <= start) throw fieldError('endTime', `must be after the start time ${when.startTime}: the session would end before it starts`);
    minutes = Math.round((end - start) / 60_000);
    assertDuration(minutes, 'endTime');
  } else {
    throw fieldError('durationMinutes', 'give the length in minutes, or an end time');
  }
  return { start: new Date(start), end: new Date(start + minutes * 60_000), localDate: localDateOf(start, timeZone), minutes };
}
