import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultIntensityRules } from '../programs/intensity-defaults.js';
import type { IntensityRules } from '../programs/intensity-rules.js';
import { forecastWeek, type PlannedSession } from './week-forecast.js';
import type { AttendanceFact } from './weekly-intensity.js';

const NY = 'America/New_York';
const LA = 'America/Los_Angeles';
const invalid = (path: string) => expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path })] });

// Week of Monday 2025-06-09 in New York (EDT, UTC-4). "Now" is Wednesday 12:00 local.
const NOW = new Date('2025-06-11T16:00:00Z');
const DAY = { mon: '09', tue: '10', wed: '11', thu: '12', fri: '13', sat: '14', sun: '15' } as const;
type Day = keyof typeof DAY;

const attended = (day: Day, minutes: number, utcTime = '13:00'): AttendanceFact => ({
  sessionStartUtc: `2025-06-${DAY[day]}T${utcTime}:00Z`,
  minutes,
  status: 'present',
});
const planned = (day: Day, minutes: number, utcTime = '13:00'): PlannedSession => ({
  startUtc: `2025-06-${DAY[day]}T${utcTime}:00Z`,
  minutes,
});

const adultIop = (): IntensityRules => defaultIntensityRules('IOP', 'adult');
const minutesOnly = (): IntensityRules => ({ ...adultIop(), minDaysPerWeek: 0, minBillableDaysPerWeek: 0 });
const daysOnly = (): IntensityRules => ({ ...adultIop(), weeklyFloorMinutes: 0, minBillableDaysPerWeek: 0 });
const billableOnly = (): IntensityRules => ({ ...adultIop(), weeklyFloorMinutes: 0, minDaysPerWeek: 0 });

describe('the weekly floor', () => {
  it.each<[string, AttendanceFact[], PlannedSession[], string, string]>([
    [
      'the floor is already met',
      [attended('mon', 300), attended('tue', 240)],
      [],
      'on_track',
      '9 h attended; the weekly floor of 9 h is met',
    ],
    [
      'missing the longest remaining session still meets it',
      [attended('mon', 180), attended('tue', 180)],
      [planned('thu', 180), planned('fri', 180)],
      'on_track',
      '6 h attended and 6 h still scheduled; the floor of 9 h is met even if the longest remaining session (3 h) is missed',
    ],
    [
      'missing any session falls one minute short',
      [attended('mon', 180), attended('tue', 180)],
      [planned('thu', 180), planned('fri', 179)],
      'at_risk',
      '6 h attended and 5 h 59 min still scheduled; the floor of 9 h is met only if every remaining session is attended',
    ],
    [
      'everything left adds up exactly to the floor',
      [attended('mon', 180), attended('tue', 180)],
      [planned('thu', 180)],
      'at_risk',
      '6 h attended and 3 h still scheduled; the floor of 9 h is met only if every remaining session is attended',
    ],
    [
      'everything left falls one minute short',
      [attended('mon', 180), attended('tue', 180)],
      [planned('thu', 179)],
      'cannot_meet',
      '6 h attended and 2 h 59 min still scheduled: at most 8 h 59 min, 1 min short of the floor of 9 h',
    ],
    [
      'nothing attended and nothing scheduled',
      [],
      [],
      'cannot_meet',
      '0 min attended and 0 min still scheduled: at most 0 min, 9 h short of the floor of 9 h',
    ],
  ])('is %s → %s', (_label, facts, remaining, status, reason) => {
    const forecast = forecastWeek(facts, remaining, minutesOnly(), NOW, NY);
    expect(forecast.minutes.status).toBe(status);
    expect(forecast.status).toBe(status);
    expect(forecast.reasons).toEqual([reason]);
  });

  it('is always on track when there is no floor (outpatient)', () => {
    expect(forecastWeek([], [], defaultIntensityRules('OP', 'adult'), NOW, NY).status).toBe('on_track');
  });
});

describe('which sessions are still ahead', () => {
  it.each<[string, PlannedSession, boolean]>([
    ['one starting exactly now', { startUtc: '2025-06-11T16:00:00Z', minutes: 60 }, true],
    ['one that started a minute ago', { startUtc: '2025-06-11T15:59:00Z', minutes: 60 }, false],
    ['one on Sunday 23:30 local (Monday in UTC)', { startUtc: '2025-06-16T03:30:00Z', minutes: 60 }, true],
    ['one on the next Monday 00:00 local', { startUtc: '2025-06-16T04:00:00Z', minutes: 60 }, false],
    ['one written with a local offset', { startUtc: '2025-06-12T09:00:00-04:00', minutes: 60 }, true],
  ])('counts %s: %s', (_label, session, counted) => {
    const forecast = forecastWeek([], [session], minutesOnly(), NOW, NY);
    expect(forecast.remainingSessions).toBe(counted ? 1 : 0);
    expect(forecast.remainingMinutes).toBe(counted ? 60 : 0);
  });

  it('takes the week from "now" in the program zone: Sunday 23:30 in Los Angeles is still that week', () => {
    const now = new Date('2025-06-16T06:30:00Z'); // Sunday 2025-06-15 23:30 PDT
    const forecast = forecastWeek(
      [],
      [
        { startUtc: '2025-06-16T06:45:00Z', minutes: 60 },
        { startUtc: '2025-06-16T16:00:00Z', minutes: 180 },
      ],
      minutesOnly(),
      now,
      LA,
    );
    expect(forecast.week.key).toBe('2025-W24');
    expect(forecast.remainingMinutes).toBe(60);
  });

  it('ignores attendance from other weeks', () => {
    const lastWeek: AttendanceFact = { sessionStartUtc: '2025-06-06T13:00:00Z', minutes: 600, status: 'present' };
    expect(forecastWeek([lastWeek], [], minutesOnly(), NOW, NY).minutes.attended).toBe(0);
  });

  it('counts the spring-forward week in local dates', () => {
    const now = new Date('2025-03-08T17:00:00Z'); // Saturday 12:00 EST
    const sunday = { startUtc: '2025-03-09T13:00:00Z', minutes: 180 }; // Sunday 09:00 EDT
    const monday = { startUtc: '2025-03-10T13:00:00Z', minutes: 180 };
    const forecast = forecastWeek(
      [{ sessionStartUtc: '2025-03-03T14:00:00Z', minutes: 360, status: 'present' }],
      [sunday, monday],
      minutesOnly(),
      now,
      NY,
    );
    expect(forecast.week.key).toBe('2025-W10');
    expect(forecast.minutes).toMatchObject({ attended: 360, projected: 540, status: 'at_risk' });
  });
});

describe('the days checks', () => {
  it.each<[string, AttendanceFact[], PlannedSession[], string]>([
    ['three days attended', [attended('mon', 60), attended('tue', 60), attended('wed', 60, '14:00')], [], 'on_track'],
    [
      'two days attended and two new days ahead',
      [attended('mon', 60), attended('tue', 60)],
      [planned('thu', 60), planned('fri', 60)],
      'on_track',
    ],
    [
      'two days attended and two sessions on one new day',
      [attended('mon', 60), attended('tue', 60)],
      [planned('thu', 60), planned('thu', 60, '18:00')],
      'on_track',
    ],
    ['two days attended and one new day ahead', [attended('mon', 60), attended('tue', 60)], [planned('thu', 60)], 'at_risk'],
    [
      'two days attended and more sessions only on those days',
      [attended('mon', 60), attended('wed', 60, '14:00')],
      [planned('wed', 60, '18:00')],
      'cannot_meet',
    ],
    ['one day attended and one new day ahead', [attended('mon', 60)], [planned('thu', 60)], 'cannot_meet'],
  ])('with %s: %s', (_label, facts, remaining, status) => {
    expect(forecastWeek(facts, remaining, daysOnly(), NOW, NY).days.status).toBe(status);
  });

  it.each<[string, AttendanceFact[], PlannedSession[], string]>([
    ['three 3 h days', [attended('mon', 180), attended('tue', 180), attended('wed', 180, '12:00')], [], 'on_track'],
    [
      'a 2 h morning that needs its afternoon session',
      [attended('mon', 180), attended('tue', 180), attended('wed', 120, '13:00')],
      [planned('wed', 60, '18:00')],
      'at_risk',
    ],
    [
      'a 2 h morning with a full day still ahead',
      [attended('mon', 180), attended('tue', 180), attended('wed', 120, '13:00')],
      [planned('wed', 60, '18:00'), planned('thu', 180)],
      'on_track',
    ],
    ['a short day and nothing ahead', [attended('mon', 180), attended('tue', 120)], [], 'cannot_meet'],
  ])('counts billable days with %s: %s', (_label, facts, remaining, status) => {
    expect(forecastWeek(facts, remaining, billableOnly(), NOW, NY).billableDays.status).toBe(status);
  });

  it('explains days that are at risk or out of reach', () => {
    const atRisk = forecastWeek(
      [attended('mon', 180), attended('tue', 180), attended('wed', 120, '13:00')],
      [planned('wed', 60, '18:00')],
      billableOnly(),
      NOW,
      NY,
    );
    expect(atRisk.reasons).toContain(
      '2 days with at least 3 h so far; 3 days can be reached only if the remaining sessions are attended (at most 3)',
    );
    const outOfReach = forecastWeek([attended('mon', 60)], [planned('thu', 60)], daysOnly(), NOW, NY);
    expect(outOfReach.reasons).toContain('1 day attended so far; at most 2 days can be reached, below the minimum of 3 days');
  });

  it('reports the worst check as the overall status', () => {
    const forecast = forecastWeek([attended('mon', 300), attended('tue', 240)], [], adultIop(), NOW, NY);
    expect([forecast.minutes.status, forecast.days.status, forecast.billableDays.status, forecast.status]).toEqual([
      'on_track',
      'cannot_meet',
      'cannot_meet',
      'cannot_meet',
    ]);
  });
});

describe('the ceiling', () => {
  const fifteenHours = () => [attended('mon', 300), attended('tue', 300), attended('wed', 300, '12:00')];

  it.each([
    [240, false],
    [241, true],
  ])('with 15 h attended and %i min still scheduled flags over ceiling: %s', (remaining, over) => {
    const forecast = forecastWeek(fifteenHours(), [planned('thu', remaining)], adultIop(), NOW, NY);
    expect(forecast.overCeiling).toBe(over);
    expect(forecast.status).toBe('on_track');
  });

  it('says what the ceiling would be exceeded by', () => {
    const forecast = forecastWeek(fifteenHours(), [planned('thu', 241)], adultIop(), NOW, NY);
    expect(forecast.reasons).toContain('15 h attended and 4 h 1 min still scheduled would make 19 h 1 min; the weekly ceiling is 19 h');
  });

  it('never flags a program without a ceiling', () => {
    expect(
      forecastWeek(fifteenHours(), [planned('thu', 720), planned('fri', 720)], defaultIntensityRules('PHP', 'adult'), NOW, NY).overCeiling,
    ).toBe(false);
  });
});

describe('inputs', () => {
  it.each<[string, PlannedSession]>([
    ['stillScheduled[0].minutes', { startUtc: '2025-06-12T13:00:00Z', minutes: 0 }],
    ['stillScheduled[0].startUtc', { startUtc: '2025-06-12T13:00:00', minutes: 60 }],
  ])('refuses a planned session with a bad %s', (path, session) => {
    expect(() => forecastWeek([], [session], adultIop(), NOW, NY)).toThrow(invalid(path));
  });

  it('refuses an invalid clock and an unknown zone', () => {
    expect(() => forecastWeek([], [], adultIop(), new Date(Number.NaN), NY)).toThrow(invalid('now'));
    expect(() => forecastWeek([], [], adultIop(), NOW, 'Nowhere/Else')).toThrow(invalid('timeZone'));
  });
});

describe('properties', () => {
  it('matches the definitions of on track, at risk and cannot meet for the weekly floor', () => {
    const days: Day[] = ['thu', 'fri', 'sat', 'sun'];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 3 }),
        fc.array(fc.tuple(fc.constantFrom(...days), fc.integer({ min: 1, max: 300 })), { maxLength: 5 }),
        fc.integer({ min: 0, max: 1500 }),
        (done, ahead, floor) => {
          const facts = done.map((minutes, index) => attended(index === 0 ? 'mon' : index === 1 ? 'tue' : 'wed', minutes, '12:00'));
          const sessions = ahead.map(([day, minutes]) => planned(day, minutes));
          const forecast = forecastWeek(
            facts,
            sessions,
            { ...minutesOnly(), weeklyFloorMinutes: floor, weeklyCeilingMinutes: null },
            NOW,
            NY,
          );
          const sumDone = done.reduce((sum, value) => sum + value, 0);
          const sumAhead = ahead.reduce((sum, [, value]) => sum + value, 0);
          const longest = Math.max(0, ...ahead.map(([, value]) => value));
          const expected =
            sumDone >= floor || sumDone + sumAhead - longest >= floor
              ? 'on_track'
              : sumDone + sumAhead >= floor
                ? 'at_risk'
                : 'cannot_meet';
          expect(forecast.minutes.status).toBe(expected);
        },
      ),
    );
  });
});
