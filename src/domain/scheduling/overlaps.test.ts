import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GroupTemplate } from './group-template.js';
import { addDays, type IsoWeekday } from './local-time.js';
import { overlaps, templatesOverlap, type TimeSpan } from './overlaps.js';
import { expandSessions } from './session-generation.js';

const invalid = (path: string) => expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path })] });
const span = (start: string, end: string): TimeSpan => ({ startUtc: `2025-06-09T${start}:00Z`, endUtc: `2025-06-09T${end}:00Z` });

describe('overlaps', () => {
  it.each([
    ['9-12 and 11-13', span('09:00', '12:00'), span('11:00', '13:00'), true],
    ['9-12 and 12-13 (touching)', span('09:00', '12:00'), span('12:00', '13:00'), false],
    ['9-12 and 11:59-13', span('09:00', '12:00'), span('11:59', '13:00'), true],
    ['9-12 and 10-11 (inside)', span('09:00', '12:00'), span('10:00', '11:00'), true],
    ['9-12 and 9-12 (identical)', span('09:00', '12:00'), span('09:00', '12:00'), true],
    ['9-10 and 11-12 (apart)', span('09:00', '10:00'), span('11:00', '12:00'), false],
    ['an empty interval inside another', span('10:00', '10:00'), span('09:00', '12:00'), false],
  ])('%s: %s', (_label, a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });

  it('compares instants, not strings, across offsets', () => {
    expect(overlaps({ startUtc: '2025-06-09T09:00:00-04:00', endUtc: '2025-06-09T10:00:00-04:00' }, span('13:30', '14:00'))).toBe(true);
  });

  it('refuses an interval that ends before it starts', () => {
    expect(() => overlaps(span('12:00', '09:00'), span('09:00', '10:00'))).toThrow(invalid('a.endUtc'));
  });
});

const group = (changes: Partial<GroupTemplate>): GroupTemplate => ({
  id: 'tpl',
  siteId: 'site-a',
  timeZone: 'America/New_York',
  daysOfWeek: [1, 3, 5],
  startTime: '09:00',
  durationMinutes: 180,
  startsOn: '2025-01-01',
  endsOn: null,
  facilitatorId: null,
  ...changes,
});

describe('templatesOverlap', () => {
  it.each<[string, Partial<GroupTemplate>, Partial<GroupTemplate>, boolean]>([
    ['the same days at overlapping times', {}, { id: 'b', startTime: '11:00', durationMinutes: 60 }, true],
    ['the same days, one ending as the other starts', {}, { id: 'b', startTime: '12:00' }, false],
    ['different days', {}, { id: 'b', daysOfWeek: [2, 4] }, false],
    ['one shared day', {}, { id: 'b', daysOfWeek: [2, 5], startTime: '10:00' }, true],
    ['date ranges that never meet', { endsOn: '2025-03-31' }, { id: 'b', startsOn: '2025-04-01' }, false],
    ['date ranges that share one day', { endsOn: '2025-04-02' }, { id: 'b', startsOn: '2025-04-02', endsOn: '2025-04-02' }, true],
    ['date ranges that share only a non-meeting day', { endsOn: '2025-04-01' }, { id: 'b', startsOn: '2025-04-01' }, false],
  ])('finds an overlap for %s: %s', (_label, first, second, expected) => {
    expect(templatesOverlap(group(first), group(second)) !== null).toBe(expected);
  });

  it('finds a late session running past midnight into an early one, and says when', () => {
    const late = group({ daysOfWeek: [1], startTime: '23:00', durationMinutes: 120 });
    const early = group({ id: 'b', daysOfWeek: [2], startTime: '00:30', durationMinutes: 60 });
    const found = templatesOverlap(late, early);
    expect(found?.first.localDate).toBe('2025-01-06');
    expect(found?.second.localDate).toBe('2025-01-07');
    expect(found?.message).toBe('Both groups use the room on Monday 2025-01-06: 23:00–01:00 and 00:30–01:30 (America/New_York)');
  });

  it('finds an overlap that happens only on the spring-forward night', () => {
    // 00:30 plus 120 real minutes ends at 02:30 on most Sundays but at 03:30 on 2025-03-09.
    const night = group({ daysOfWeek: [7], startTime: '00:30', durationMinutes: 120 });
    const early = group({ id: 'b', daysOfWeek: [7], startTime: '03:00', durationMinutes: 60 });
    expect(templatesOverlap(night, early)?.first.localDate).toBe('2025-03-09');
  });

  it('finds a late session of the day before the shared range into its first day', () => {
    const late = group({ daysOfWeek: [1], startTime: '23:00', durationMinutes: 120 });
    const early = group({
      id: 'b',
      daysOfWeek: [2],
      startTime: '00:30',
      durationMinutes: 60,
      startsOn: '2025-06-10',
      endsOn: '2025-06-10',
    });
    expect(templatesOverlap(late, early)?.first.localDate).toBe('2025-06-09');
  });

  it('refuses templates in different time zones', () => {
    expect(() => templatesOverlap(group({}), group({ id: 'b', timeZone: 'America/Chicago' }))).toThrow(invalid('timeZone'));
  });

  it('agrees with comparing every pair of generated sessions', () => {
    const days = fc.uniqueArray(
      fc.integer({ min: 1, max: 7 }).map((day) => day as IsoWeekday),
      { minLength: 1, maxLength: 3 },
    );
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30))
      .map(([hour, minute]) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
    const aTemplate = fc.record({
      daysOfWeek: days,
      startTime: time,
      durationMinutes: fc.constantFrom(30, 60, 120, 180, 720),
      startOffset: fc.integer({ min: 0, max: 60 }),
      length: fc.integer({ min: 0, max: 90 }),
    });
    fc.assert(
      fc.property(aTemplate, aTemplate, (x, y) => {
        const make = (t: typeof x, id: string) =>
          group({
            id,
            daysOfWeek: t.daysOfWeek,
            startTime: t.startTime,
            durationMinutes: t.durationMinutes,
            startsOn: addDays('2025-02-01', t.startOffset),
            endsOn: addDays('2025-02-01', t.startOffset + t.length),
          });
        const first = make(x, 'a');
        const second = make(y, 'b');
        const range = { from: '2025-01-01', to: '2025-12-31' };
        const a = expandSessions(first, range);
        const b = expandSessions(second, range);
        const brute = a.some((s) => b.some((t) => overlaps(s, t)));
        expect(templatesOverlap(first, second) !== null).toBe(brute);
      }),
      { numRuns: 150 },
    );
  });
});
