// A program's intensity rules, in whole minutes. Defaults come from intensity-defaults.ts; a program
// director may edit them, so every edit passes validateIntensityRules (docs/domain/intensity.md).
import { fieldError } from '../errors.js';

export type IntensityRules = {
  /** Minutes per ISO week the patient must attend; 0 means no floor. */
  weeklyFloorMinutes: number;
  /** Most minutes per ISO week before the week looks like a higher level of care; null means none. */
  weeklyCeilingMinutes: number | null;
  /** Days per week with any attendance. */
  minDaysPerWeek: number;
  /** Days per week that reach minBillableDayMinutes (H0015: 3 such days). */
  minBillableDaysPerWeek: number;
  /** Minutes a day needs before it can be billed as a program day (S9480: 180); 0 means any attendance. */
  minBillableDayMinutes: number;
};

const WEEK_MINUTES = 7 * 24 * 60;
const DAY_MINUTES = 24 * 60;

function assertWholeNumber(value: number, path: string, max: number): void {
  if (!Number.isInteger(value) || value < 0) throw fieldError(path, 'must be a whole number of 0 or more');
  if (value > max) throw fieldError(path, `must be at most ${max}`);
}

/** Throws VALIDATION_FAILED naming the field; returns the rules unchanged when they hold together. */
export function validateIntensityRules(rules: IntensityRules): IntensityRules {
  assertWholeNumber(rules.weeklyFloorMinutes, 'weeklyFloorMinutes', WEEK_MINUTES);
  if (rules.weeklyCeilingMinutes !== null) {
    assertWholeNumber(rules.weeklyCeilingMinutes, 'weeklyCeilingMinutes', WEEK_MINUTES);
    if (rules.weeklyCeilingMinutes < rules.weeklyFloorMinutes) {
      throw fieldError('weeklyCeilingMinutes', 'must not be below the weekly floor');
    }
  }
  assertWholeNumber(rules.minDaysPerWeek, 'minDaysPerWeek', 7);
  assertWholeNumber(rules.minBillableDaysPerWeek, 'minBillableDaysPerWeek', 7);
  assertWholeNumber(rules.minBillableDayMinutes, 'minBillableDayMinutes', DAY_MINUTES);
  const billableFloor = rules.minBillableDaysPerWeek * rules.minBillableDayMinutes;
  if (rules.weeklyCeilingMinutes !== null && billableFloor > rules.weeklyCeilingMinutes) {
    throw fieldError('weeklyCeilingMinutes', `is below the ${billableFloor} minutes the billable-day minimums already require`);
  }
  return rules;
}
