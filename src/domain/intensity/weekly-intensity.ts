// Per-patient intensity: minutes attended per session, summed per program day and per ISO week in
// the program's time zone, then compared with the program's rules. This is the reference the roster
// SQL is tested against, so inputs are plain rows (docs/domain/intensity.md).
import { fieldError } from '../errors.js';
import type { IntensityRules } from '../programs/intensity-rules.js';
import { assertLocalDate, assertTimeZone, isoWeekOf, localDateOf, parseInstant, type IsoWeek } from '../scheduling/local-time.js';
import { ATTENDANCE_STATUSES, countsAsAttended, type AttendanceStatus } from './attendance.js';
import { countOf, formatMinutes } from './minutes-format.js';

export type AttendanceFact = { sessionStartUtc: string; minutes: number; status: AttendanceStatus };

export type DayIntensity = {
  /** Local date the sessions started on, in the program's zone. */
  date: string;
  minutes: number;
  /** Sessions attended that day (attended status and more than 0 minutes). */
  services: number;
  billable: boolean;
};

export type WeekIntensity = {
  week: IsoWeek;
  minutes: number;
  daysAttended: number;
  billableDays: number;
  /** Every day of the week with at least one attendance row, absences included, by date. */
  days: DayIntensity[];
};

export type IntensityStatus = 'compliant' | 'below_floor' | 'above_ceiling';

export type IntensityFindingCode = 'below_weekly_floor' | 'above_weekly_ceiling' | 'too_few_days' | 'too_few_billable_days';

export type IntensityFinding = { code: IntensityFindingCode; message: string };

export type WeekCompliance = WeekIntensity & {
  status: IntensityStatus;
  /** Every rule the week breaks; empty when compliant. */
  findings: IntensityFinding[];
  /** Plain-words explanation: the findings' messages, or one line saying the week meets the rules. */
  reasons: string[];
};

/** A day is billable when something was attended and it reaches the program's daily minimum. */
export function isBillableDay(minutes: number, rules: IntensityRules): boolean {
  return minutes > 0 && minutes >= rules.minBillableDayMinutes;
}

/** The minutes a row contributes: absences and program cancellations contribute 0 whatever they hold. */
export function countedMinutes(fact: AttendanceFact): number {
  return countsAsAttended(fact.status) ? fact.minutes : 0;
}

export function assertAttendanceFacts(facts: readonly AttendanceFact[], path: string): void {
  facts.forEach((fact, index) => {
    parseInstant(fact.sessionStartUtc, `${path}[${index}].sessionStartUtc`);
    if (!ATTENDANCE_STATUSES.includes(fact.status))
      throw fieldError(`${path}[${index}].status`, `"${String(fact.status)}" is not an attendance status`);
    if (!Number.isInteger(fact.minutes) || fact.minutes < 0)
      throw fieldError(`${path}[${index}].minutes`, 'must be a whole number of 0 or more');
  });
}

/**
 * Attendance summed per local date. A session counts on the local date it starts, even when it ends
 * after midnight.
 */
export function summarizeDays(facts: readonly AttendanceFact[], rules: IntensityRules, timeZone: string): DayIntensity[] {
  assertTimeZone(timeZone, 'timeZone');
  assertAttendanceFacts(facts, 'attendance');
  const byDate = new Map<string, { minutes: number; services: number }>();
  for (const fact of facts) {
    const date = localDateOf(parseInstant(fact.sessionStartUtc, 'sessionStartUtc'), timeZone);
    const day = byDate.get(date) ?? { minutes: 0, services: 0 };
    const minutes = countedMinutes(fact);
    day.minutes += minutes;
    if (minutes > 0) day.services += 1;
    byDate.set(date, day);
  }
  const days: DayIntensity[] = [];
  for (const [date, day] of byDate) days.push({ date, ...day, billable: isBillableDay(day.minutes, rules) });
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

function weekFromDays(week: IsoWeek, days: DayIntensity[]): WeekIntensity {
  let minutes = 0;
  let daysAttended = 0;
  let billableDays = 0;
  for (const day of days) {
    minutes += day.minutes;
    if (day.minutes > 0) daysAttended += 1;
    if (day.billable) billableDays += 1;
  }
  return { week, minutes, daysAttended, billableDays, days };
}

/** The ISO week containing `dateInWeek` (a local date), even when nothing was attended in it. */
export function summarizeWeek(
  facts: readonly AttendanceFact[],
  rules: IntensityRules,
  timeZone: string,
  dateInWeek: string,
): WeekIntensity {
  assertLocalDate(dateInWeek, 'dateInWeek');
  const week = isoWeekOf(dateInWeek);
  const days = summarizeDays(facts, rules, timeZone).filter((day) => day.date >= week.monday && day.date <= week.sunday);
  return weekFromDays(week, days);
}

function daysPhrase(count: number): string {
  return countOf(count, 'day');
}

/** Compares a week with the rules. Any unmet minimum makes it below_floor, which outranks the ceiling. */
export function assessWeek(week: WeekIntensity, rules: IntensityRules): WeekCompliance {
  const floors: IntensityFinding[] = [];
  const ceilings: IntensityFinding[] = [];
  if (week.minutes < rules.weeklyFloorMinutes) {
    floors.push({
      code: 'below_weekly_floor',
      message: `${formatMinutes(week.minutes)} attended; the floor is ${formatMinutes(rules.weeklyFloorMinutes)}`,
    });
  }
  if (week.daysAttended < rules.minDaysPerWeek) {
    floors.push({
      code: 'too_few_days',
      message: `${daysPhrase(week.daysAttended)} attended; the minimum is ${daysPhrase(rules.minDaysPerWeek)}`,
    });
  }
  if (week.billableDays < rules.minBillableDaysPerWeek) {
    floors.push({
      code: 'too_few_billable_days',
      message: `${daysPhrase(week.billableDays)} with at least ${formatMinutes(rules.minBillableDayMinutes)} attended; the minimum is ${daysPhrase(rules.minBillableDaysPerWeek)}`,
    });
  }
  if (rules.weeklyCeilingMinutes !== null && week.minutes > rules.weeklyCeilingMinutes) {
    ceilings.push({
      code: 'above_weekly_ceiling',
      message: `${formatMinutes(week.minutes)} attended; the ceiling is ${formatMinutes(rules.weeklyCeilingMinutes)}`,
    });
  }
  const findings = [...floors, ...ceilings];
  const status: IntensityStatus = floors.length > 0 ? 'below_floor' : ceilings.length > 0 ? 'above_ceiling' : 'compliant';
  const reasons =
    findings.length > 0
      ? findings.map((finding) => finding.message)
      : [`${formatMinutes(week.minutes)} attended on ${daysPhrase(week.daysAttended)}; the program's weekly rules are met`];
  return { ...week, status, findings, reasons };
}

/** Every ISO week that has at least one attendance row, in date order, each compared with the rules. */
export function weeklyIntensity(facts: readonly AttendanceFact[], rules: IntensityRules, timeZone: string): WeekCompliance[] {
  const byWeek = new Map<string, { week: IsoWeek; days: DayIntensity[] }>();
  for (const day of summarizeDays(facts, rules, timeZone)) {
    const week = isoWeekOf(day.date);
    const entry = byWeek.get(week.key) ?? { week, days: [] };
    entry.days.push(day);
    byWeek.set(week.key, entry);
  }
  const result: WeekCompliance[] = [];
  for (const entry of byWeek.values()) result.push(assessWeek(weekFromDays(entry.week, entry.days), rules));
  return result;
}
