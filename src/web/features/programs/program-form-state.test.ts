import { describe, expect, it } from 'vitest';
import type { ProgramDto } from '../../lib/api-types';
import {
  conditionsOf,
  joinMinutes,
  newProgramForm,
  numberOf,
  programBody,
  programForm,
  programPatch,
  rulesOf,
  splitMinutes,
  withLevel,
} from './program-form-state';

describe('hours and minutes', () => {
  it.each([
    [0, 0, 0],
    [45, 0, 45],
    [60, 1, 0],
    [539, 8, 59],
    [540, 9, 0],
    [1140, 19, 0],
  ])('%i minutes are %i h %i min and back', (total, hours, minutes) => {
    expect(splitMinutes(total)).toEqual({ hours, minutes });
    expect(joinMinutes({ hours, minutes })).toBe(total);
  });

  it.each<[number | string, number]>([
    [3, 3],
    ['', 0],
    [' ', 0],
    ['12', 12],
    ['x', 0],
  ])('reads the input value %j as %i', (value, expected) => {
    expect(numberOf(value)).toBe(expected);
  });
});

describe('the program form', () => {
  it('starts as an adult IOP with its default rules', () => {
    const form = newProgramForm('site-1');
    expect(rulesOf(form)).toEqual({
      weeklyFloorMinutes: 540,
      weeklyCeilingMinutes: 1140,
      minDaysPerWeek: 3,
      minBillableDaysPerWeek: 3,
      minBillableDayMinutes: 180,
    });
    expect(form.weeklyFloor).toEqual({ hours: 9, minutes: 0 });
  });

  it.each([
    ['IOP', 'adolescent', 360, 1140],
    ['PHP', 'adult', 1200, null],
    ['OP', 'adolescent', 0, 359],
  ] as const)('takes the %s %s defaults when level or population change', (level, population, floor, ceiling) => {
    const edited = { ...newProgramForm('site-1'), weeklyFloor: { hours: 10, minutes: 30 } };
    const rules = rulesOf(withLevel(edited, level, population));
    expect(rules.weeklyFloorMinutes).toBe(floor);
    expect(rules.weeklyCeilingMinutes).toBe(ceiling);
  });

  it('sends no ceiling when the box is cleared', () => {
    expect(rulesOf({ ...newProgramForm('s'), hasCeiling: false }).weeklyCeilingMinutes).toBeNull();
  });

  it('joins listed conditions and typed families, upper-cased, without repeats', () => {
    const form = {
      ...newProgramForm('s'),
      conditionIds: ['bipolar', 'substance_use'] as const,
      otherConditions: ['f63.0', 'F31', ' ', 'nonsense'],
    };
    expect(conditionsOf({ ...form, conditionIds: [...form.conditionIds] })).toEqual(['F31', 'F10-F19', 'F63.0', 'nonsense']);
  });

  it('round-trips a stored program through the form', () => {
    const program: ProgramDto = {
      id: 'p1',
      siteId: 'site-2',
      timeZone: 'America/Chicago',
      name: 'Dual diagnosis IOP',
      description: 'Evenings',
      levelOfCare: 'IOP',
      population: 'adult',
      focus: 'dual_diagnosis',
      format: 'hybrid',
      weeklyFloorMinutes: 570,
      weeklyCeilingMinutes: null,
      minDaysPerWeek: 3,
      minBillableDaysPerWeek: 2,
      minBillableDayMinutes: 190,
      groupCapacity: 10,
      conditions: ['F32', 'F33', 'F34.1', 'F63.0'],
      modalities: ['cbt', 'relapse_prevention'],
      isPart2: true,
      published: true,
      publicSummaryEn: ' Evenings for adults ',
      publicSummaryEs: 'Tardes para adultos',
      active: true,
      version: 4,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const form = programForm(program);
    expect(form.conditionIds).toEqual(['depression']);
    expect(form.otherConditions).toEqual(['F63.0']);
    expect(form.weeklyFloor).toEqual({ hours: 9, minutes: 30 });
    const patch = programPatch(form, program.version);
    expect(patch).toEqual({
      version: 4,
      name: 'Dual diagnosis IOP',
      description: 'Evenings',
      levelOfCare: 'IOP',
      population: 'adult',
      focus: 'dual_diagnosis',
      format: 'hybrid',
      weeklyFloorMinutes: 570,
      weeklyCeilingMinutes: null,
      minDaysPerWeek: 3,
      minBillableDaysPerWeek: 2,
      minBillableDayMinutes: 190,
      groupCapacity: 10,
      conditions: ['F32', 'F33', 'F34.1', 'F63.0'],
      modalities: ['cbt', 'relapse_prevention'],
      isPart2: true,
      published: true,
      publicSummaryEn: 'Evenings for adults',
      publicSummaryEs: 'Tardes para adultos',
    });
    expect(programBody(form)).toMatchObject({ siteId: 'site-2', name: 'Dual diagnosis IOP' });
    expect(programBody(form)).not.toHaveProperty('version');
  });
});
