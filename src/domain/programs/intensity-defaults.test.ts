import { describe, expect, it } from 'vitest';
import { LEVELS_OF_CARE, POPULATIONS, defaultIntensityRules, type LevelOfCare, type Population } from './intensity-defaults.js';
import { validateIntensityRules, type IntensityRules } from './intensity-rules.js';

const invalid = (path: string) => expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path })] });

describe('defaultIntensityRules', () => {
  it.each<[LevelOfCare, Population, IntensityRules]>([
    [
      'OP',
      'adult',
      { weeklyFloorMinutes: 0, weeklyCeilingMinutes: 539, minDaysPerWeek: 0, minBillableDaysPerWeek: 0, minBillableDayMinutes: 0 },
    ],
    [
      'OP',
      'adolescent',
      { weeklyFloorMinutes: 0, weeklyCeilingMinutes: 359, minDaysPerWeek: 0, minBillableDaysPerWeek: 0, minBillableDayMinutes: 0 },
    ],
    [
      'IOP',
      'adult',
      { weeklyFloorMinutes: 540, weeklyCeilingMinutes: 1140, minDaysPerWeek: 3, minBillableDaysPerWeek: 3, minBillableDayMinutes: 180 },
    ],
    [
      'IOP',
      'adolescent',
      { weeklyFloorMinutes: 360, weeklyCeilingMinutes: 1140, minDaysPerWeek: 3, minBillableDaysPerWeek: 0, minBillableDayMinutes: 180 },
    ],
    [
      'PHP',
      'adult',
      { weeklyFloorMinutes: 1200, weeklyCeilingMinutes: null, minDaysPerWeek: 0, minBillableDaysPerWeek: 0, minBillableDayMinutes: 0 },
    ],
    [
      'PHP',
      'adolescent',
      { weeklyFloorMinutes: 1200, weeklyCeilingMinutes: null, minDaysPerWeek: 0, minBillableDaysPerWeek: 0, minBillableDayMinutes: 0 },
    ],
  ])('gives %s %s the documented defaults', (level, population, expected) => {
    expect(defaultIntensityRules(level, population)).toEqual(expected);
  });

  it.each(POPULATIONS)('leaves no whole minute between outpatient and IOP for %s patients', (population) => {
    const op = defaultIntensityRules('OP', population);
    expect(op.weeklyCeilingMinutes).toBe(defaultIntensityRules('IOP', population).weeklyFloorMinutes - 1);
  });

  it('gives every combination rules that pass validation', () => {
    for (const level of LEVELS_OF_CARE) {
      for (const population of POPULATIONS) {
        const rules = defaultIntensityRules(level, population);
        expect(validateIntensityRules(rules)).toEqual(rules);
      }
    }
  });

  it('hands out a copy, so editing a program never changes the defaults', () => {
    const edited = defaultIntensityRules('IOP', 'adult');
    edited.weeklyFloorMinutes = 600;
    expect(defaultIntensityRules('IOP', 'adult').weeklyFloorMinutes).toBe(540);
  });
});

describe('validateIntensityRules', () => {
  const iop = (changes: Partial<IntensityRules>): IntensityRules => ({ ...defaultIntensityRules('IOP', 'adult'), ...changes });

  it.each<[string, Partial<IntensityRules>]>([
    ['weeklyFloorMinutes', { weeklyFloorMinutes: -1 }],
    ['weeklyFloorMinutes', { weeklyFloorMinutes: 540.5 }],
    ['weeklyFloorMinutes', { weeklyFloorMinutes: 10_081 }],
    ['weeklyCeilingMinutes', { weeklyCeilingMinutes: 539 }],
    ['weeklyCeilingMinutes', { weeklyCeilingMinutes: -5 }],
    ['minDaysPerWeek', { minDaysPerWeek: 8 }],
    ['minBillableDaysPerWeek', { minBillableDaysPerWeek: -1 }],
    ['minBillableDayMinutes', { minBillableDayMinutes: 1441 }],
    ['weeklyCeilingMinutes', { weeklyCeilingMinutes: 600, minBillableDaysPerWeek: 5, minBillableDayMinutes: 180 }],
  ])('refuses %s in %o', (path, changes) => {
    expect(() => validateIntensityRules(iop(changes))).toThrow(invalid(path));
  });

  it.each<[string, Partial<IntensityRules>]>([
    ['a ceiling equal to the floor', { weeklyCeilingMinutes: 540 }],
    ['no ceiling', { weeklyCeilingMinutes: null }],
    ['7 days a week', { minDaysPerWeek: 7, minBillableDaysPerWeek: 7, minBillableDayMinutes: 60, weeklyCeilingMinutes: null }],
    ['no minimums at all', { weeklyFloorMinutes: 0, minDaysPerWeek: 0, minBillableDaysPerWeek: 0, minBillableDayMinutes: 0 }],
  ])('accepts %s', (_label, changes) => {
    expect(() => validateIntensityRules(iop(changes))).not.toThrow();
  });
});
