// What a patient's weekly plan of group series adds up to in a typical week, compared with the
// program's intensity rules before any session has happened: staff see at once whether the plan can
// meet the floor, the day minimums and the ceiling (docs/domain/intensity.md, decision 0011).
import { isBillableDay, type IntensityFinding, type IntensityStatus } from '../intensity/weekly-intensity.js';
import { countOf, formatMinutes } from '../intensity/minutes-format.js';
import type { IntensityRules } from '../programs/intensity-rules.js';

/** One group series in the plan: ISO weekdays (1 = Monday) and the length of each session. */
export type PlannedSeries = { daysOfWeek: readonly number[]; durationMinutes: number };

export type PlannedDay = { weekday: number; minutes: number; sessions: number; billable: boolean };

export type PlanIntensity = {
  minutes: number;
  days: number;
  billableDays: number;
  /** Weekdays with at least one planned session, Monday first. */
  byWeekday: PlannedDay[];
  status: IntensityStatus;
  findings: IntensityFinding[];
  reasons: string[];
};

/**
 * Sums planned minutes per weekday and per week. Holidays, closures and individual appointments are
 * not in a plan of group series, so this is what the plan offers, not a forecast of attendance.
 */
export function planIntensity(series: readonly PlannedSeries[], rules: IntensityRules): PlanIntensity {
  const byDay = new Map<number, { minutes: number; sessions: number }>();
  for (const item of series) {
    for (const weekday of new Set(item.daysOfWeek)) {
      const day = byDay.get(weekday) ?? { minutes: 0, sessions: 0 };
      day.minutes += item.durationMinutes;
      day.sessions += 1;
      byDay.set(weekday, day);
    }
  }
  const byWeekday: PlannedDay[] = [];
  let minutes = 0;
  let billableDays = 0;
  for (const weekday of [...byDay.keys()].sort((a, b) => a - b)) {
    const day = byDay.get(weekday);
    if (!day) continue;
    const billable = isBillableDay(day.minutes, rules);
    byWeekday.push({ weekday, minutes: day.minutes, sessions: day.sessions, billable });
    minutes += day.minutes;
    if (billable) billableDays += 1;
  }
  const days = byWeekday.length;

  const floors: IntensityFinding[] = [];
  if (minutes < rules.weeklyFloorMinutes) {
    floors.push({
      code: 'below_weekly_floor',
      message: `${formatMinutes(minutes)} planned a week; the floor is ${formatMinutes(rules.weeklyFloorMinutes)}`,
    });
  }
  if (days < rules.minDaysPerWeek) {
    floors.push({
      code: 'too_few_days',
      message: `${countOf(days, 'day')} a week planned; the minimum is ${countOf(rules.minDaysPerWeek, 'day')}`,
    });
  }
  if (billableDays < rules.minBillableDaysPerWeek) {
    floors.push({
      code: 'too_few_billable_days',
      message: `${countOf(billableDays, 'day')} with at least ${formatMinutes(rules.minBillableDayMinutes)} planned; the minimum is ${countOf(rules.minBillableDaysPerWeek, 'day')}`,
    });
  }
  const ceilings: IntensityFinding[] = [];
  if (rules.weeklyCeilingMinutes !== null && minutes > rules.weeklyCeilingMinutes) {
    ceilings.push({
      code: 'above_weekly_ceiling',
      message: `${formatMinutes(minutes)} planned a week; the ceiling is ${formatMinutes(rules.weeklyCeilingMinutes)}`,
    });
  }
  const findings = [...floors, ...ceilings];
  const status: IntensityStatus = floors.length > 0 ? 'below_floor' : ceilings.length > 0 ? 'above_ceiling' : 'compliant';
  const reasons =
    findings.length > 0
      ? findings.map((finding) => finding.message)
      : [`${formatMinutes(minutes)} planned on ${countOf(days, 'day')} a week; the plan can meet the program's weekly rules`];
  return { minutes, days, billableDays, byWeekday, status, findings, reasons };
}
