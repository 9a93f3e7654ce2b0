// Forecast for the current ISO week: can the patient still meet the program's minimums with what is
// already attended and what is still scheduled? Definitions in docs/domain/intensity.md.
import { fieldError } from '../errors.js';
import type { IntensityRules } from '../programs/intensity-rules.js';
import { assertTimeZone, isoWeekOf, localDateOf, parseInstant, type IsoWeek } from '../scheduling/local-time.js';
import { countOf, formatMinutes } from './minutes-format.js';
import { isBillableDay, summarizeWeek, type AttendanceFact } from './weekly-intensity.js';

/** A session the patient is still booked into; cancelled sessions are left out by the caller. */
export type PlannedSession = { startUtc: string; minutes: number };

export type ForecastStatus = 'on_track' | 'at_risk' | 'cannot_meet';

export type ForecastCheck = {
  status: ForecastStatus;
  required: number;
  /** Reached with what is already attended. */
  attended: number;
  /** Reached if every remaining session is attended. */
  projected: number;
  /** Reached if the patient misses the one remaining session that costs the most. */
  afterOneMiss: number;
};

export type WeekForecast = {
  week: IsoWeek;
  /** The worst of the three checks. */
  status: ForecastStatus;
  minutes: ForecastCheck;
  days: ForecastCheck;
  billableDays: ForecastCheck;
  /** Sessions counted as still ahead: in this week and starting at or after `now`. */
  remainingSessions: number;
  remainingMinutes: number;
  /** Attended plus everything remaining would exceed the weekly ceiling. */
  overCeiling: boolean;
  reasons: string[];
};

type Day = { attended: number; remaining: number };

const SEVERITY: Record<ForecastStatus, number> = { on_track: 0, at_risk: 1, cannot_meet: 2 };

function classify(required: number, attended: number, projected: number, afterOneMiss: number): ForecastCheck {
  // Met already, or met even if any one remaining session is missed.
  const status: ForecastStatus =
    attended >= required || afterOneMiss >= required ? 'on_track' : projected >= required ? 'at_risk' : 'cannot_meet';
  return { status, required, attended, projected, afterOneMiss };
}

function countDays(days: Map<string, Day>, counts: (minutes: number) => boolean, include: 'attended' | 'all'): number {
  let count = 0;
  for (const day of days.values()) if (counts(include === 'all' ? day.attended + day.remaining : day.attended)) count += 1;
  return count;
}

/** The smallest count of days left after removing any one remaining session. */
function worstAfterOneMiss(
  days: Map<string, Day>,
  remaining: readonly { date: string; minutes: number }[],
  counts: (minutes: number) => boolean,
): number {
  let worst = countDays(days, counts, 'all');
  for (const session of remaining) {
    const day = days.get(session.date);
    if (!day) continue;
    day.remaining -= session.minutes;
    worst = Math.min(worst, countDays(days, counts, 'all'));
    day.remaining += session.minutes;
  }
  return worst;
}

function minutesReason(check: ForecastCheck, remainingMinutes: number, longest: number): string {
  const attended = formatMinutes(check.attended);
  const floor = formatMinutes(check.required);
  switch (check.status) {
    case 'on_track':
      return check.attended >= check.required
        ? `${attended} attended; the weekly floor of ${floor} is met`
        : `${attended} attended and ${formatMinutes(remainingMinutes)} still scheduled; the floor of ${floor} is met even if the longest remaining session (${formatMinutes(longest)}) is missed`;
    case 'at_risk':
      return `${attended} attended and ${formatMinutes(remainingMinutes)} still scheduled; the floor of ${floor} is met only if every remaining session is attended`;
    case 'cannot_meet':
      return `${attended} attended and ${formatMinutes(remainingMinutes)} still scheduled: at most ${formatMinutes(check.projected)}, ${formatMinutes(check.required - check.projected)} short of the floor of ${floor}`;
  }
}

function daysReason(check: ForecastCheck, what: string): string {
  const attended = `${countOf(check.attended, 'day')} ${what} so far`;
  const required = countOf(check.required, 'day');
  switch (check.status) {
    case 'on_track':
      return `${attended}; ${required} can be reached even if one remaining session is missed`;
    case 'at_risk':
      return `${attended}; ${required} can be reached only if the remaining sessions are attended (at most ${check.projected})`;
    case 'cannot_meet':
      return `${attended}; at most ${countOf(check.projected, 'day')} can be reached, below the minimum of ${required}`;
  }
}

/**
 * Forecast for the ISO week (program's zone) containing `now`. Attendance rows in that week count as
 * attended; planned sessions in that week starting at or after `now` count as remaining.
 */
export function forecastWeek(
  attended: readonly AttendanceFact[],
  stillScheduled: readonly PlannedSession[],
  rules: IntensityRules,
  now: Date,
  timeZone: string,
): WeekForecast {
  assertTimeZone(timeZone, 'timeZone');
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw fieldError('now', 'is not a valid instant');
  const week = isoWeekOf(localDateOf(nowMs, timeZone));
  const summary = summarizeWeek(attended, rules, timeZone, week.monday);

  const days = new Map<string, Day>();
  for (const day of summary.days) days.set(day.date, { attended: day.minutes, remaining: 0 });
  const remaining: { date: string; minutes: number }[] = [];
  stillScheduled.forEach((session, index) => {
    const start = parseInstant(session.startUtc, `stillScheduled[${index}].startUtc`);
    if (!Number.isInteger(session.minutes) || session.minutes <= 0)
      throw fieldError(`stillScheduled[${index}].minutes`, 'must be a whole number above 0');
    const date = localDateOf(start, timeZone);
    if (start < nowMs || date < week.monday || date > week.sunday) return;
    remaining.push({ date, minutes: session.minutes });
    const day = days.get(date) ?? { attended: 0, remaining: 0 };
    day.remaining += session.minutes;
    days.set(date, day);
  });

  let remainingMinutes = 0;
  let longest = 0;
  for (const session of remaining) {
    remainingMinutes += session.minutes;
    longest = Math.max(longest, session.minutes);
  }
  const projectedMinutes = summary.minutes + remainingMinutes;
  const minutes = classify(rules.weeklyFloorMinutes, summary.minutes, projectedMinutes, projectedMinutes - longest);

  const attendedDay = (value: number) => value > 0;
  const billableDay = (value: number) => isBillableDay(value, rules);
  const daysCheck = classify(
    rules.minDaysPerWeek,
    summary.daysAttended,
    countDays(days, attendedDay, 'all'),
    worstAfterOneMiss(days, remaining, attendedDay),
  );
  const billableCheck = classify(
    rules.minBillableDaysPerWeek,
    summary.billableDays,
    countDays(days, billableDay, 'all'),
    worstAfterOneMiss(days, remaining, billableDay),
  );

  const overCeiling = rules.weeklyCeilingMinutes !== null && projectedMinutes > rules.weeklyCeilingMinutes;
  const reasons = [minutesReason(minutes, remainingMinutes, longest)];
  if (daysCheck.status !== 'on_track') reasons.push(daysReason(daysCheck, 'attended'));
  if (billableCheck.status !== 'on_track')
    reasons.push(daysReason(billableCheck, `with at least ${formatMinutes(rules.minBillableDayMinutes)}`));
  if (overCeiling && rules.weeklyCeilingMinutes !== null) {
    reasons.push(
      `${formatMinutes(summary.minutes)} attended and ${formatMinutes(remainingMinutes)} still scheduled would make ${formatMinutes(projectedMinutes)}; the weekly ceiling is ${formatMinutes(rules.weeklyCeilingMinutes)}`,
    );
  }
  const checks = [minutes, daysCheck, billableCheck];
  let status: ForecastStatus = 'on_track';
  for (const check of checks) if (SEVERITY[check.status] > SEVERITY[status]) status = check.status;

  return {
    week,
    status,
    minutes,
    days: daysCheck,
    billableDays: billableCheck,
    remainingSessions: remaining.length,
    remainingMinutes,
    overCeiling,
    reasons,
  };
}
