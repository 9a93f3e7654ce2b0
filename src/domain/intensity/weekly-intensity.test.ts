import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultIntensityRules } from '../programs/intensity-defaults.js';
import type { IntensityRules } from '../programs/intensity-rules.js';
import { isoWeekOf, localDateOf } from '../scheduling/local-time.js';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from './attendance.js';
import { assessWeek, summarizeDays, summarizeWeek, weeklyIntensity, type AttendanceFact } from './weekly-intensity.js';

const NY = 'America/New_York';
const LA = 'America/Los_Angeles';
const invalid = (path: string) => expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path })] });

const adultIop = (): IntensityRules => defaultIntensityRules('IOP', 'adult');
const fact = (sessionStartUtc: string, minutes: number, status: AttendanceStatus = 'present'): AttendanceFact => ({
  sessionStartUtc,
  minutes,
  status,
});

// Week of Monday 2025-06-09 in New York (EDT, UTC-4): 13:00Z is 09:00 local.
const june = (day: number, minutes: number, status: AttendanceStatus = 'present') =>
  fact(`2025-06-${String(day).padStart(2, '0')}T13:00:00Z`, minutes, status);

/** Three days of attendance adding up to `total` minutes, each day at least 3 h. */
const threeDays = (total: number) => [june(9, 180), june(11, 180), june(13, total - 360)];

describe('the weekly floor and ceiling of adult IOP', () => {
  it.each([
    // Under 9 h, three days cannot all reach 3 h, so the billable-day count fails with the floor.
    [539, 'below_floor', ['8 h 59 min attended; the floor is 9 h', '2 days with at least 3 h attended; the minimum is 3 days']],
    [540, 'compliant', ["9 h attended on 3 days; the program's weekly rules are met"]],
    [1140, 'compliant', ["19 h attended on 3 days; the program's weekly rules are met"]],
    [1141, 'above_ceiling', ['19 h 1 min attended; the ceiling is 19 h']],
  ])('gives %i minutes over three days the status %s', (total, status, reasons) => {
    const week = summarizeWeek(threeDays(total), adultIop(), NY, '2025-06-09');
    expect(week.minutes).toBe(total);
    expect(assessWeek(week, adultIop())).toMatchObject({ status, reasons });
  });

  it.each([
    [539, 'below_floor'],
    [540, 'compliant'],
  ])('judges %i minutes against the 9 h floor alone when no billable-day count is required', (total, status) => {
    const rules = { ...adultIop(), minBillableDaysPerWeek: 0 };
    expect(assessWeek(summarizeWeek(threeDays(total), rules, NY, '2025-06-09'), rules).status).toBe(status);
  });

  it('reports a week with nothing attended as below the floor on every count', () => {
    const result = assessWeek(summarizeWeek([], adultIop(), NY, '2025-06-11'), adultIop());
    expect(result.status).toBe('below_floor');
    expect(result.week).toEqual({ key: '2025-W24', monday: '2025-06-09', sunday: '2025-06-15' });
    expect(result.reasons).toEqual([
      '0 min attended; the floor is 9 h',
      '0 days attended; the minimum is 3 days',
      '0 days with at least 3 h attended; the minimum is 3 days',
    ]);
  });

  it('treats no ceiling (PHP) as no upper limit', () => {
    const php = defaultIntensityRules('PHP', 'adult');
    const week = summarizeWeek([june(9, 720), june(10, 720), june(11, 720)], php, NY, '2025-06-09');
    expect(assessWeek(week, php).status).toBe('compliant');
  });

  it('lets the floor outrank the ceiling when a week breaks both', () => {
    const week = summarizeWeek([june(9, 720), june(10, 720)], adultIop(), NY, '2025-06-09');
    const result = assessWeek(week, adultIop());
    expect(result.status).toBe('below_floor');
    expect(result.findings.map((finding) => finding.code)).toEqual(['too_few_days', 'too_few_billable_days', 'above_weekly_ceiling']);
  });
});

describe('billable days', () => {
  it.each([
    [179, false, 2],
    [180, true, 3],
  ])('counts a day of %i minutes as billable: %s', (minutes, billable, billableDays) => {
    const facts = [june(9, 240), june(11, 240), june(13, minutes)];
    const week = summarizeWeek(facts, adultIop(), NY, '2025-06-09');
    expect(week.days.find((day) => day.date === '2025-06-13')?.billable).toBe(billable);
    expect(week.billableDays).toBe(billableDays);
  });

  it('adds the sessions of one day before comparing with the daily minimum', () => {
    const facts = [fact('2025-06-09T13:00:00Z', 90), fact('2025-06-09T15:00:00Z', 90, 'late')];
    expect(summarizeDays(facts, adultIop(), NY)).toEqual([{ date: '2025-06-09', minutes: 180, services: 2, billable: true }]);
  });

  it('names the day minimum in its reason', () => {
    const facts = [june(9, 300), june(11, 300), june(13, 179)];
    expect(assessWeek(summarizeWeek(facts, adultIop(), NY, '2025-06-09'), adultIop()).reasons).toEqual([
      '2 days with at least 3 h attended; the minimum is 3 days',
    ]);
  });
});

describe('days attended and services', () => {
  it.each([
    [[9, 10], 2, 'below_floor'],
    [[9, 10, 11], 3, 'compliant'],
  ])('counts sessions on days %j as %i days', (dayNumbers, days, status) => {
    const facts = dayNumbers.map((day) => june(day, 300));
    const result = assessWeek(summarizeWeek(facts, adultIop(), NY, '2025-06-09'), adultIop());
    expect(result.daysAttended).toBe(days);
    expect(result.status).toBe(status);
  });

  it('keeps absences as days with 0 minutes and 0 services, and never counts their minutes', () => {
    const facts = [june(9, 180), june(10, 0, 'absent_excused'), june(11, 60, 'absent_unexcused'), june(12, 0, 'cancelled_by_program')];
    const days = summarizeDays(facts, adultIop(), NY);
    expect(days).toEqual([
      { date: '2025-06-09', minutes: 180, services: 1, billable: true },
      { date: '2025-06-10', minutes: 0, services: 0, billable: false },
      { date: '2025-06-11', minutes: 0, services: 0, billable: false },
      { date: '2025-06-12', minutes: 0, services: 0, billable: false },
    ]);
  });

  it('does not count a late arrival with 0 minutes as a service', () => {
    expect(summarizeDays([june(9, 0, 'late')], adultIop(), NY)).toEqual([{ date: '2025-06-09', minutes: 0, services: 0, billable: false }]);
  });
});

describe('local dates and week edges', () => {
  it('counts a 23:30–00:30 session on the local date it starts', () => {
    // 23:30 EDT on Wednesday 2025-06-11 is 03:30Z on Thursday.
    expect(summarizeDays([fact('2025-06-12T03:30:00Z', 60)], adultIop(), NY)).toEqual([
      { date: '2025-06-11', minutes: 60, services: 1, billable: false },
    ]);
  });

  it.each([
    // Sunday 23:00 PDT is already Monday in UTC, yet it belongs to the week that ends that Sunday.
    ['2025-06-09T06:00:00Z', '2025-06-08', '2025-W23'],
    ['2025-06-09T06:59:00Z', '2025-06-08', '2025-W23'],
    ['2025-06-09T07:00:00Z', '2025-06-09', '2025-W24'],
  ])('puts a Los Angeles session starting at %s on %s in %s', (startUtc, date, weekKey) => {
    const [week] = weeklyIntensity([fact(startUtc, 60)], adultIop(), LA);
    expect(week?.days.map((day) => day.date)).toEqual([date]);
    expect(week?.week.key).toBe(weekKey);
  });

  it('splits the two sides of a week edge into two weeks', () => {
    const weeks = weeklyIntensity([fact('2025-06-09T06:00:00Z', 60), fact('2025-06-09T07:00:00Z', 90)], adultIop(), LA);
    expect(weeks.map((week) => [week.week.key, week.minutes])).toEqual([
      ['2025-W23', 60],
      ['2025-W24', 90],
    ]);
  });

  it('uses the ISO week-numbering year at the turn of the year', () => {
    const weeks = weeklyIntensity([fact('2024-12-31T14:00:00Z', 60), fact('2025-01-03T14:00:00Z', 60)], adultIop(), NY);
    expect(weeks.map((week) => [week.week.key, week.minutes])).toEqual([['2025-W01', 120]]);
  });
});

describe('weeks with a DST change in New York', () => {
  it('assigns days correctly in the spring-forward week and sums recorded minutes, not clock differences', () => {
    const facts = [
      fact('2025-03-03T14:00:00Z', 180), // Monday 09:00 EST
      fact('2025-03-05T14:00:00Z', 180), // Wednesday 09:00 EST
      fact('2025-03-09T05:30:00Z', 60), // Sunday 00:30 EST, before the change
      // Sunday 01:00 EST to 04:00 EDT is 3 h on the wall clock but 2 h of care: the row says 120.
      fact('2025-03-09T06:00:00Z', 120),
      fact('2025-03-10T03:30:00Z', 60), // Sunday 23:30 EDT, already Monday in UTC
    ];
    const [week, ...rest] = weeklyIntensity(facts, adultIop(), NY);
    expect(rest).toEqual([]);
    expect(week?.week.key).toBe('2025-W10');
    expect(week?.days.map((day) => [day.date, day.minutes])).toEqual([
      ['2025-03-03', 180],
      ['2025-03-05', 180],
      ['2025-03-09', 240],
    ]);
    expect(week?.minutes).toBe(600);
    expect(week?.status).toBe('compliant');
  });

  it('assigns days correctly in the fall-back week, including both 01:30s of the repeated hour', () => {
    const facts = [
      fact('2025-10-27T13:00:00Z', 180), // Monday 09:00 EDT
      fact('2025-10-29T13:00:00Z', 180), // Wednesday 09:00 EDT
      fact('2025-11-02T05:30:00Z', 60), // Sunday 01:30 EDT
      fact('2025-11-02T06:30:00Z', 60), // Sunday 01:30 EST
      fact('2025-11-03T04:30:00Z', 60), // Sunday 23:30 EST, already Monday in UTC
      fact('2025-11-03T05:00:00Z', 60), // Monday 00:00 EST: the next week
    ];
    const weeks = weeklyIntensity(facts, adultIop(), NY);
    expect(weeks.map((week) => [week.week.key, week.minutes, week.daysAttended])).toEqual([
      ['2025-W44', 540, 3],
      ['2025-W45', 60, 1],
    ]);
    expect(weeks[0]?.days.find((day) => day.date === '2025-11-02')).toEqual({
      date: '2025-11-02',
      minutes: 180,
      services: 3,
      billable: true,
    });
  });
});

describe('inputs', () => {
  it.each([
    ['attendance[0].sessionStartUtc', fact('2025-06-09T13:00:00', 60)],
    ['attendance[0].minutes', fact('2025-06-09T13:00:00Z', -1)],
    ['attendance[0].minutes', fact('2025-06-09T13:00:00Z', 1.5)],
  ])('refuses a row with a bad %s', (path, row) => {
    expect(() => weeklyIntensity([row], adultIop(), NY)).toThrow(invalid(path));
  });

  it('refuses an unknown time zone', () => {
    expect(() => weeklyIntensity([], adultIop(), 'Mars/Olympus_Mons')).toThrow(invalid('timeZone'));
  });
});

describe('properties', () => {
  const zones = ['America/New_York', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'];
  const anyFact = fc.record({
    sessionStartUtc: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 0, 1) }).map((ms) => new Date(ms).toISOString()),
    minutes: fc.integer({ min: 0, max: 720 }),
    status: fc.constantFrom(...ATTENDANCE_STATUSES),
  });

  it('keeps every counted minute, each in the ISO week of its local start date', () => {
    fc.assert(
      fc.property(fc.array(anyFact, { maxLength: 40 }), fc.constantFrom(...zones), (facts, zone) => {
        const weeks = weeklyIntensity(facts, adultIop(), zone);
        const expected = new Map<string, number>();
        for (const row of facts) {
          const key = isoWeekOf(localDateOf(Date.parse(row.sessionStartUtc), zone)).key;
          const counted = ['present', 'late', 'left_early'].includes(row.status) ? row.minutes : 0;
          expected.set(key, (expected.get(key) ?? 0) + counted);
        }
        expect(new Map(weeks.map((week) => [week.week.key, week.minutes]))).toEqual(expected);
        expect(weeks.map((week) => week.week.key)).toEqual([...expected.keys()].sort());
      }),
    );
  });

  it('gives the same week from summarizeWeek as from weeklyIntensity', () => {
    fc.assert(
      fc.property(fc.array(anyFact, { minLength: 1, maxLength: 30 }), fc.constantFrom(...zones), (facts, zone) => {
        for (const week of weeklyIntensity(facts, adultIop(), zone)) {
          expect(assessWeek(summarizeWeek(facts, adultIop(), zone, week.week.sunday), adultIop())).toEqual(week);
        }
      }),
    );
  });
});
