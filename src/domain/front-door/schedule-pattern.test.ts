import { describe, expect, it } from 'vitest';
import { formatSchedulePattern, schedulePattern, type TemplateForPattern } from './schedule-pattern.js';

const TODAY = '2026-11-27';

function template(overrides: Partial<TemplateForPattern>): TemplateForPattern {
  return { daysOfWeek: [1, 2, 3, 4], startTime: '09:00', durationMinutes: 180, startsOn: '2026-01-05', endsOn: null, ...overrides };
}

describe('schedule pattern', () => {
  it.each<[string, TemplateForPattern[], string, string]>([
    ['one template over four days', [template({})], 'Mon–Thu 9:00–12:00', 'lun–jue 9:00–12:00'],
    [
      'two templates the same days: earliest start to latest end',
      [template({ durationMinutes: 90 }), template({ startTime: '10:45', durationMinutes: 90 })],
      'Mon–Thu 9:00–12:15',
      'lun–jue 9:00–12:15',
    ],
    [
      'days not in a row are listed',
      [template({ daysOfWeek: [1, 2, 4], startTime: '18:00', durationMinutes: 210 })],
      'Mon, Tue, Thu 18:00–21:30',
      'lun, mar, jue 18:00–21:30',
    ],
    [
      'different windows on different days',
      [template({ daysOfWeek: [1, 3, 5] }), template({ daysOfWeek: [2, 4], startTime: '13:00', durationMinutes: 120 })],
      'Mon, Wed, Fri 9:00–12:00; Tue, Thu 13:00–15:00',
      'lun, mié, vie 9:00–12:00; mar, jue 13:00–15:00',
    ],
    [
      'one day longer than the others',
      [template({ daysOfWeek: [1, 2, 3, 4, 5] }), template({ daysOfWeek: [5], startTime: '12:00', durationMinutes: 60 })],
      'Mon–Thu 9:00–12:00; Fri 9:00–13:00',
      'lun–jue 9:00–12:00; vie 9:00–13:00',
    ],
    [
      'a weekend day',
      [template({ daysOfWeek: [6, 7], startTime: '10:00', durationMinutes: 60 })],
      'Sat, Sun 10:00–11:00',
      'sáb, dom 10:00–11:00',
    ],
    ['an ended series is left out', [template({ endsOn: '2026-11-26' })], '', ''],
    ['a series ending today still counts', [template({ endsOn: TODAY })], 'Mon–Thu 9:00–12:00', 'lun–jue 9:00–12:00'],
    ['a series starting later is shown (upcoming)', [template({ startsOn: '2027-01-04' })], 'Mon–Thu 9:00–12:00', 'lun–jue 9:00–12:00'],
    ['no templates', [], '', ''],
  ])('%s', (_name, templates, en, es) => {
    const segments = schedulePattern(templates, TODAY);
    expect(formatSchedulePattern(segments, 'en')).toBe(en);
    expect(formatSchedulePattern(segments, 'es')).toBe(es);
  });

  it('reads the same in the week daylight saving starts (local times are kept)', () => {
    // US clocks spring forward on Sunday 2026-03-08; the Monday after, 9:00 local is still 9:00.
    const before = schedulePattern([template({})], '2026-03-02');
    const dstWeek = schedulePattern([template({})], '2026-03-09');
    expect(dstWeek).toEqual(before);
    expect(formatSchedulePattern(dstWeek, 'en')).toBe('Mon–Thu 9:00–12:00');
  });

  it('shows a session past midnight with its end on the clock', () => {
    expect(
      formatSchedulePattern(schedulePattern([template({ daysOfWeek: [5], startTime: '23:00', durationMinutes: 120 })], TODAY), 'en'),
    ).toBe('Fri 23:00–1:00');
  });
});
