import { describe, expect, it } from 'vitest';
import { hasExceptionReason, plannedIntensityFindings, type PlannedIntensityRules } from './planned-intensity.js';

// A typical IOP: at least 9 hours over 3 days, at most 19 hours.
const IOP: PlannedIntensityRules = { weeklyFloorMinutes: 540, weeklyCeilingMinutes: 1140, minDaysPerWeek: 3 };

describe('plannedIntensityFindings', () => {
  it.each<[string, number, number, PlannedIntensityRules, string[]]>([
    ['exactly the floor', 3, 540, IOP, []],
    ['exactly the ceiling', 5, 1140, IOP, []],
    ['one minute under the floor', 3, 539, IOP, ['below_weekly_floor']],
    ['one minute over the ceiling', 5, 1141, IOP, ['above_weekly_ceiling']],
    ['too few days', 2, 600, IOP, ['too_few_days']],
    ['too few days and minutes', 2, 360, IOP, ['below_weekly_floor', 'too_few_days']],
    ['no ceiling', 7, 3000, { ...IOP, weeklyCeilingMinutes: null }, []],
    ['no floor', 0, 0, { weeklyFloorMinutes: 0, weeklyCeilingMinutes: null, minDaysPerWeek: 0 }, []],
  ])('%s', (_name, daysPerWeek, minutesPerWeek, rules, codes) => {
    expect(plannedIntensityFindings({ daysPerWeek, minutesPerWeek }, rules).map((f) => f.code)).toEqual(codes);
  });

  it('explains in plain words', () => {
    expect(plannedIntensityFindings({ daysPerWeek: 3, minutesPerWeek: 480 }, IOP)[0]?.message).toBe(
      "8 h planned a week; the program's floor is 9 h",
    );
  });
});

describe('hasExceptionReason', () => {
  it.each<[string | undefined, boolean]>([
    [undefined, false],
    ['', false],
    ['   short  ', false],
    ['Step-down week agreed with the payer', true],
  ])('%s → %s', (reason, expected) => {
    expect(hasExceptionReason(reason)).toBe(expected);
  });
});
