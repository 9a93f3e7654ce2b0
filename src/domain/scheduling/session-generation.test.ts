import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GroupTemplate } from './group-template.js';
import { addDays, isoWeekdayOf, type IsoWeekday } from './local-time.js';
import {
  generateSessions,
  isSeriesDate,
  unmatchedExceptions,
  type Closure,
  type GeneratedSession,
  type OccurrenceException,
} from './session-generation.js';

const invalid = (path: string) => expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path })] });

/** Morning group, Monday/Wednesday/Friday 09:00-12:00 New York time. */
const template = (changes: Partial<GroupTemplate> = {}): GroupTemplate => ({
  id: 'tpl-1',
  siteId: 'site-a',
  timeZone: 'America/New_York',
  daysOfWeek: [1, 3, 5],
  startTime: '09:00',
  durationMinutes: 180,
  startsOn: '2025-01-01',
  endsOn: null,
  facilitatorId: 'clin-1',
  ...changes,
});

const starts = (sessions: GeneratedSession[]) => sessions.map((session) => [session.localDate, session.startUtc]);

describe('DST changes keep the local start time', () => {
  it('moves 09:00 New York from 14:00Z to 13:00Z at spring forward (2025-03-09)', () => {
    const sessions = generateSessions(template(), { from: '2025-03-03', to: '2025-03-14' });
    expect(starts(sessions)).toEqual([
      ['2025-03-03', '2025-03-03T14:00:00.000Z'],
      ['2025-03-05', '2025-03-05T14:00:00.000Z'],
      ['2025-03-07', '2025-03-07T14:00:00.000Z'],
      ['2025-03-10', '2025-03-10T13:00:00.000Z'],
      ['2025-03-12', '2025-03-12T13:00:00.000Z'],
      ['2025-03-14', '2025-03-14T13:00:00.000Z'],
    ]);
    expect(sessions.every((session) => session.localStartTime === '09:00' && session.durationMinutes === 180)).toBe(true);
  });

  it('moves 09:00 New York from 13:00Z to 14:00Z at fall back (2025-11-02)', () => {
    const sessions = generateSessions(template({ daysOfWeek: [5, 7] }), { from: '2025-10-31', to: '2025-11-09' });
    expect(starts(sessions)).toEqual([
      ['2025-10-31', '2025-10-31T13:00:00.000Z'],
      ['2025-11-02', '2025-11-02T14:00:00.000Z'],
      ['2025-11-07', '2025-11-07T14:00:00.000Z'],
      ['2025-11-09', '2025-11-09T14:00:00.000Z'],
    ]);
  });

  it('starts a 02:30 Sunday group at 03:30 on the night the clock skips 02:00-03:00', () => {
    const [skipped, normal] = generateSessions(template({ daysOfWeek: [7], startTime: '02:30', durationMinutes: 60 }), {
      from: '2025-03-09',
      to: '2025-03-16',
    });
    expect(skipped).toMatchObject({
      localDate: '2025-03-09',
      localStartTime: '03:30',
      startUtc: '2025-03-09T07:30:00.000Z',
      endUtc: '2025-03-09T08:30:00.000Z',
    });
    expect(normal).toMatchObject({ localDate: '2025-03-16', localStartTime: '02:30', startUtc: '2025-03-16T06:30:00.000Z' });
  });

  it('starts a 01:30 Sunday group at the first 01:30 of the fall-back night and keeps its elapsed length', () => {
    const [session] = generateSessions(template({ daysOfWeek: [7], startTime: '01:00', durationMinutes: 120 }), {
      from: '2025-11-02',
      to: '2025-11-02',
    });
    // 01:00 EDT plus 120 real minutes is 02:00 EST.
    expect(session).toMatchObject({ startUtc: '2025-11-02T05:00:00.000Z', endUtc: '2025-11-02T07:00:00.000Z' });
  });
});

describe('the range and the series bounds', () => {
  it('includes both ends of the range, by local date', () => {
    const sessions = generateSessions(template(), { from: '2025-06-09', to: '2025-06-13' });
    expect(sessions.map((session) => session.localDate)).toEqual(['2025-06-09', '2025-06-11', '2025-06-13']);
  });

  it('keeps a Los Angeles 23:30 group on its local date though it starts the next day in UTC', () => {
    const late = template({ timeZone: 'America/Los_Angeles', daysOfWeek: [7], startTime: '23:30', durationMinutes: 60 });
    const sessions = generateSessions(late, { from: '2025-06-08', to: '2025-06-08' });
    expect(sessions).toEqual([
      expect.objectContaining({
        localDate: '2025-06-08',
        occurrenceDate: '2025-06-08',
        startUtc: '2025-06-09T06:30:00.000Z',
        endUtc: '2025-06-09T07:30:00.000Z',
      }),
    ]);
  });

  it('starts and stops with the series', () => {
    const bounded = template({ startsOn: '2025-06-11', endsOn: '2025-06-20' });
    const sessions = generateSessions(bounded, { from: '2025-06-01', to: '2025-06-30' });
    expect(sessions.map((session) => session.localDate)).toEqual(['2025-06-11', '2025-06-13', '2025-06-16', '2025-06-18', '2025-06-20']);
  });

  it('returns nothing for a range outside the series', () => {
    expect(generateSessions(template({ startsOn: '2025-06-11', endsOn: '2025-06-20' }), { from: '2025-07-01', to: '2025-07-31' })).toEqual(
      [],
    );
  });

  it('fills in every field of a plain occurrence', () => {
    const [session] = generateSessions(template(), { from: '2025-06-09', to: '2025-06-09' });
    expect(session).toEqual({
      templateId: 'tpl-1',
      occurrenceDate: '2025-06-09',
      localDate: '2025-06-09',
      localStartTime: '09:00',
      startUtc: '2025-06-09T13:00:00.000Z',
      endUtc: '2025-06-09T16:00:00.000Z',
      durationMinutes: 180,
      facilitatorId: 'clin-1',
      substituteFacilitator: false,
      moved: false,
      status: 'scheduled',
      cancellation: null,
    });
  });
});

describe('closures', () => {
  const week = { from: '2025-11-24', to: '2025-11-28' };

  it.each<[string, Closure, boolean]>([
    ['an organization-wide holiday', { date: '2025-11-26', reason: 'Day before Thanksgiving', siteId: null }, true],
    ["the group's own site closing", { date: '2025-11-26', reason: 'Flooded basement', siteId: 'site-a' }, true],
    ['another site closing', { date: '2025-11-26', reason: 'Flooded basement', siteId: 'site-b' }, false],
  ])('cancels the occurrence for %s: %s', (_label, closure, cancelled) => {
    const sessions = generateSessions(template(), week, [closure]);
    expect(sessions).toHaveLength(3);
    const wednesday = sessions.find((session) => session.localDate === '2025-11-26');
    expect(wednesday?.status).toBe(cancelled ? 'cancelled' : 'scheduled');
    expect(wednesday?.cancellation).toEqual(cancelled ? { source: 'closure', reason: closure.reason } : null);
  });

  it('returns closed occurrences marked cancelled instead of dropping them', () => {
    const sessions = generateSessions(template(), week, [{ date: '2025-11-28', reason: 'Thanksgiving Friday', siteId: null }]);
    expect(sessions.map((session) => [session.localDate, session.status])).toEqual([
      ['2025-11-24', 'scheduled'],
      ['2025-11-26', 'scheduled'],
      ['2025-11-28', 'cancelled'],
    ]);
  });
});

describe('exceptions to one occurrence', () => {
  const week = { from: '2025-06-09', to: '2025-06-15' };
  const byDate = (sessions: GeneratedSession[], date: string) => sessions.find((session) => session.occurrenceDate === date);

  it('cancels one occurrence with its reason and leaves the others alone', () => {
    const sessions = generateSessions(template(), week, [], [{ occurrenceDate: '2025-06-11', cancelledReason: 'Facilitator ill' }]);
    expect(sessions.map((session) => session.status)).toEqual(['scheduled', 'cancelled', 'scheduled']);
    expect(byDate(sessions, '2025-06-11')?.cancellation).toEqual({ source: 'exception', reason: 'Facilitator ill' });
  });

  it('moves one occurrence to a new day, time and length, keeping its series date', () => {
    const moved: OccurrenceException = {
      occurrenceDate: '2025-06-11',
      movedTo: { date: '2025-06-12', startTime: '13:00', durationMinutes: 120 },
    };
    const sessions = generateSessions(template(), week, [], [moved]);
    expect(byDate(sessions, '2025-06-11')).toMatchObject({
      localDate: '2025-06-12',
      localStartTime: '13:00',
      startUtc: '2025-06-12T17:00:00.000Z',
      endUtc: '2025-06-12T19:00:00.000Z',
      durationMinutes: 120,
      moved: true,
      status: 'scheduled',
    });
    expect(sessions.map((session) => session.localDate)).toEqual(['2025-06-09', '2025-06-12', '2025-06-13']);
  });

  it('keeps the series length when a move gives only a new time', () => {
    const sessions = generateSessions(
      template(),
      week,
      [],
      [{ occurrenceDate: '2025-06-13', movedTo: { date: '2025-06-13', startTime: '10:00' } }],
    );
    expect(byDate(sessions, '2025-06-13')).toMatchObject({ localStartTime: '10:00', durationMinutes: 180 });
  });

  it('shows an occurrence moved into the range from outside it, and hides one moved out', () => {
    const exceptions: OccurrenceException[] = [
      { occurrenceDate: '2025-06-16', movedTo: { date: '2025-06-14', startTime: '10:00' } },
      { occurrenceDate: '2025-06-09', movedTo: { date: '2025-06-06', startTime: '10:00' } },
    ];
    const sessions = generateSessions(template(), week, [], exceptions);
    expect(sessions.map((session) => [session.occurrenceDate, session.localDate])).toEqual([
      ['2025-06-11', '2025-06-11'],
      ['2025-06-13', '2025-06-13'],
      ['2025-06-16', '2025-06-14'],
    ]);
  });

  it('puts a substitute facilitator on one occurrence only', () => {
    const sessions = generateSessions(template(), week, [], [{ occurrenceDate: '2025-06-13', substituteFacilitatorId: 'clin-2' }]);
    expect(sessions.map((session) => [session.facilitatorId, session.substituteFacilitator])).toEqual([
      ['clin-1', false],
      ['clin-1', false],
      ['clin-2', true],
    ]);
  });

  it('cancels an occurrence moved onto a closed day, with the closure as the reason', () => {
    const sessions = generateSessions(
      template(),
      week,
      [{ date: '2025-06-12', reason: 'Staff training', siteId: null }],
      [{ occurrenceDate: '2025-06-11', movedTo: { date: '2025-06-12', startTime: '09:00' }, cancelledReason: 'Moved anyway' }],
    );
    expect(byDate(sessions, '2025-06-11')?.cancellation).toEqual({ source: 'closure', reason: 'Staff training' });
  });

  it('does not cancel an occurrence moved away from a closed day', () => {
    const sessions = generateSessions(
      template(),
      week,
      [{ date: '2025-06-11', reason: 'Juneteenth observed early', siteId: null }],
      [{ occurrenceDate: '2025-06-11', movedTo: { date: '2025-06-12', startTime: '09:00' } }],
    );
    expect(byDate(sessions, '2025-06-11')?.status).toBe('scheduled');
  });

  it('lists exceptions whose date is not in the series', () => {
    const exceptions: OccurrenceException[] = [
      { occurrenceDate: '2025-06-10', cancelledReason: 'x' },
      { occurrenceDate: '2025-06-11', cancelledReason: 'y' },
    ];
    expect(unmatchedExceptions(template(), exceptions)).toEqual([exceptions[0]]);
    expect(generateSessions(template(), week, [], exceptions).map((session) => session.localDate)).toEqual([
      '2025-06-09',
      '2025-06-11',
      '2025-06-13',
    ]);
  });
});

describe('validation', () => {
  const range = { from: '2025-06-01', to: '2025-06-30' };

  it.each<[string, Partial<GroupTemplate>]>([
    ['timeZone', { timeZone: 'America/Springfield' }],
    ['timeZone', { timeZone: '' }],
    ['durationMinutes', { durationMinutes: 0 }],
    ['durationMinutes', { durationMinutes: -30 }],
    ['durationMinutes', { durationMinutes: 721 }],
    ['durationMinutes', { durationMinutes: 90.5 }],
    ['startTime', { startTime: '9:00' }],
    ['startTime', { startTime: '24:00' }],
    ['startTime', { startTime: '09:60' }],
    ['startTime', { startTime: '9am' }],
    ['daysOfWeek', { daysOfWeek: [] }],
    ['daysOfWeek[1]', { daysOfWeek: [1, 8 as IsoWeekday] }],
    ['daysOfWeek[1]', { daysOfWeek: [2, 2] }],
    ['startsOn', { startsOn: '2025-13-01' }],
    ['endsOn', { endsOn: '2024-12-31' }],
  ])('refuses %s in %o', (path, changes) => {
    expect(() => generateSessions(template(changes), range)).toThrow(invalid(path));
  });

  it.each([
    ['range.to', { from: '2025-06-10', to: '2025-06-09' }],
    ['range.to', { from: '2024-01-01', to: '2025-01-01' }],
    ['range.from', { from: '2025-02-30', to: '2025-03-01' }],
    ['range.to', { from: '2025-03-01', to: '03/02/2025' }],
  ])('refuses %s in %o', (path, badRange) => {
    expect(() => generateSessions(template(), badRange)).toThrow(invalid(path));
  });

  it.each([
    ['a 12 h session', { durationMinutes: 720 }, { from: '2025-06-09', to: '2025-06-09' }],
    ['a one-day range', {}, { from: '2025-06-09', to: '2025-06-09' }],
    ['a 366-day range', {}, { from: '2024-01-01', to: '2024-12-31' }],
  ])('accepts %s', (_label, changes, okRange) => {
    expect(() => generateSessions(template(changes), okRange)).not.toThrow();
  });

  it.each<[string, OccurrenceException[]]>([
    [
      'exceptions[1].occurrenceDate',
      [
        { occurrenceDate: '2025-06-11', cancelledReason: 'a' },
        { occurrenceDate: '2025-06-11', substituteFacilitatorId: 'c' },
      ],
    ],
    ['exceptions[0].cancelledReason', [{ occurrenceDate: '2025-06-11', cancelledReason: '  ' }]],
    ['exceptions[0].movedTo.startTime', [{ occurrenceDate: '2025-06-11', movedTo: { date: '2025-06-12', startTime: '25:00' } }]],
    [
      'exceptions[0].movedTo.durationMinutes',
      [{ occurrenceDate: '2025-06-11', movedTo: { date: '2025-06-12', startTime: '09:00', durationMinutes: 0 } }],
    ],
    ['exceptions[0].movedTo.date', [{ occurrenceDate: '2025-06-11', movedTo: { date: 'tomorrow', startTime: '09:00' } }]],
    ['exceptions[0].substituteFacilitatorId', [{ occurrenceDate: '2025-06-11', substituteFacilitatorId: '' }]],
  ])('refuses an exception with a bad %s', (path, exceptions) => {
    expect(() => generateSessions(template(), range, [], exceptions)).toThrow(invalid(path));
  });

  it('refuses a closure without a reason', () => {
    expect(() => generateSessions(template(), range, [{ date: '2025-06-11', reason: ' ', siteId: null }])).toThrow(
      invalid('closures[0].reason'),
    );
  });
});

describe('properties', () => {
  const weekdays = fc.uniqueArray(
    fc.integer({ min: 1, max: 7 }).map((day) => day as IsoWeekday),
    { minLength: 1, maxLength: 7 },
  );
  const zones = ['America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Australia/Sydney', 'Pacific/Kiritimati'];

  it('generates exactly the series dates in the range, each at its local start time unless skipped by DST', () => {
    fc.assert(
      fc.property(
        weekdays,
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom(...zones),
        fc.constantFrom('00:00', '02:30', '09:00', '23:45'),
        (daysOfWeek, startOffset, fromOffset, length, timeZone, startTime) => {
          const group = template({
            daysOfWeek,
            timeZone,
            startTime,
            startsOn: addDays('2024-01-01', startOffset),
            endsOn: addDays('2024-01-01', startOffset + 200),
          });
          const range = {
            from: addDays('2024-01-01', startOffset + fromOffset - 60),
            to: addDays('2024-01-01', startOffset + fromOffset - 60 + length),
          };
          const sessions = generateSessions(group, range);
          const expected: string[] = [];
          for (let date = range.from; date <= range.to; date = addDays(date, 1)) if (isSeriesDate(group, date)) expected.push(date);
          expect(sessions.map((session) => session.localDate)).toEqual(expected);
          for (const session of sessions) {
            expect(daysOfWeek).toContain(isoWeekdayOf(session.localDate));
            if (startTime !== '02:30') expect(session.localStartTime).toBe(startTime);
            expect(Date.parse(session.endUtc) - Date.parse(session.startUtc)).toBe(group.durationMinutes * 60_000);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('does not depend on the process time zone', () => {
    const original = process.env.TZ;
    const results: string[] = [];
    try {
      for (const zone of ['UTC', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata']) {
        process.env.TZ = zone;
        results.push(JSON.stringify(generateSessions(template({ daysOfWeek: [1, 3, 5, 7] }), { from: '2025-03-01', to: '2025-11-30' })));
      }
    } finally {
      process.env.TZ = original;
    }
    expect(new Set(results).size).toBe(1);
  });
});
