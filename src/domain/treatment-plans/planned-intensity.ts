// The intensity a plan commits to (days and minutes per week) against the program's rules from
// issue #3 (docs/domain/intensity.md). A plan below the floor or above the ceiling is a plan for a
// different level of care, which payers deny; it may be signed only with a documented reason.
import { countOf, formatMinutes } from '../intensity/minutes-format.js';
import type { IntensityFinding } from '../intensity/weekly-intensity.js';
import type { IntensityRules } from '../programs/intensity-rules.js';

export type PlannedIntensity = { daysPerWeek: number; minutesPerWeek: number };

export type PlannedIntensityRules = Pick<IntensityRules, 'weeklyFloorMinutes' | 'weeklyCeilingMinutes' | 'minDaysPerWeek'>;

/** Every rule the planned week breaks; empty when it is within the program's rules. */
export function plannedIntensityFindings(planned: PlannedIntensity, rules: PlannedIntensityRules): IntensityFinding[] {
  const findings: IntensityFinding[] = [];
  if (planned.minutesPerWeek < rules.weeklyFloorMinutes) {
    findings.push({
      code: 'below_weekly_floor',
      message: `${formatMinutes(planned.minutesPerWeek)} planned a week; the program's floor is ${formatMinutes(rules.weeklyFloorMinutes)}`,
    });
  }
  if (planned.daysPerWeek < rules.minDaysPerWeek) {
    findings.push({
      code: 'too_few_days',
      message: `${countOf(planned.daysPerWeek, 'day')} a week planned; the program's minimum is ${countOf(rules.minDaysPerWeek, 'day')}`,
    });
  }
  if (rules.weeklyCeilingMinutes !== null && planned.minutesPerWeek > rules.weeklyCeilingMinutes) {
    findings.push({
      code: 'above_weekly_ceiling',
      message: `${formatMinutes(planned.minutesPerWeek)} planned a week; the program's ceiling is ${formatMinutes(rules.weeklyCeilingMinutes)}`,
    });
  }
  return findings;
}

/** A documented reason: enough words that an auditor can read why, not a placeholder. */
export const MIN_EXCEPTION_REASON_LENGTH = 10;

export function hasExceptionReason(reason: string | undefined): boolean {
  return (reason?.trim().length ?? 0) >= MIN_EXCEPTION_REASON_LENGTH;
}
