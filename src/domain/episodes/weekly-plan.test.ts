import { describe, expect, it } from 'vitest';
import { defaultIntensityRules } from '../programs/intensity-defaults.js';
import { planIntensity, type PlannedSeries } from './weekly-plan.js';

const adultIop = defaultIntensityRules('IOP', 'adult');
const adultPhp = defaultIntensityRules('PHP', 'adult');

function series(daysOfWeek: number[], durationMinutes: number): PlannedSeries {
  return { daysOfWeek, durationMinutes };
}

describe('planIntensity', () => {
  it('gives an empty plan 0 minutes, below every adult IOP minimum', () => {
    const plan = planIntensity([], adultIop);
    expect(plan).toMatchObject({ minutes: 0, days: 0, billableDays: 0, byWeekday: [], status: 'below_floor' });
    expect(plan.findings.map((finding) => finding.code)).toEqual(['below_weekly_floor', 'too_few_days', 'too_few_billable_days']);
  });

  it.each([
    ['three 3-hour mornings (9 h)', [series([1, 3, 5], 180)], 540, 'compliant'],
    ['three mornings of 2 h 59 min (8 h 57 min)', [series([1, 3, 5], 179)], 537, 'below_floor'],
    ['four 3-hour mornings (12 h)', [series([1, 2, 3, 4], 180)], 720, 'compliant'],
    ['19 h: five days of 3 h 48 min', [series([1, 2, 3, 4, 5], 228)], 1140, 'compliant'],
    ['19 h 5 min: one minute a day too many', [series([1, 2, 3, 4, 5], 229)], 1145, 'above_ceiling'],
  ])('judges %s against adult IOP rules', (_label, plan, minutes, status) => {
    const result = planIntensity(plan, adultIop);
    expect(result.minutes).toBe(minutes);
    expect(result.status).toBe(status);
  });

  it('adds two series meeting on the same day into one billable day', () => {
    const result = planIntensity([series([1, 3], 90), series([1, 3, 5], 90), series([5], 90)], adultIop);
    expect(result.byWeekday).toEqual([
      { weekday: 1, minutes: 180, sessions: 2, billable: true },
      { weekday: 3, minutes: 180, sessions: 2, billable: true },
      { weekday: 5, minutes: 180, sessions: 2, billable: true },
    ]);
    expect(result).toMatchObject({ minutes: 540, days: 3, billableDays: 3, status: 'compliant' });
    expect(result.reasons).toEqual(["9 h planned on 3 days a week; the plan can meet the program's weekly rules"]);
  });

  it('explains a plan with enough hours on too few billable days', () => {
    const result = planIntensity([series([1, 2], 240), series([3], 60)], adultIop);
    expect(result.minutes).toBe(540);
    expect(result.status).toBe('below_floor');
    expect(result.reasons).toEqual(['2 days with at least 3 h planned; the minimum is 3 days']);
  });

  it('flags a PHP plan below 20 hours and never a ceiling (PHP has none)', () => {
    expect(planIntensity([series([1, 2, 3, 4, 5], 239)], adultPhp)).toMatchObject({
      minutes: 1195,
      status: 'below_floor',
      reasons: ['19 h 55 min planned a week; the floor is 20 h'],
    });
    expect(planIntensity([series([1, 2, 3, 4, 5, 6, 7], 720)], adultPhp).status).toBe('compliant');
  });
});
