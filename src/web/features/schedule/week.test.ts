import { describe, expect, it } from 'vitest';
import { daysOfWeek, mondayOf, shiftWeek, todayDate, weekLabel, weekOf } from './week';

describe('ISO weeks for the calendar', () => {
  it.each([
    ['2026-02-16', '2026-W08'],
    ['2026-02-22', '2026-W08'],
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
  ])('%s is in %s', (date, week) => {
    expect(weekOf(date)).toBe(week);
  });

  it('finds Monday of a week and refuses weeks that do not exist', () => {
    expect(mondayOf('2026-W08')).toBe('2026-02-16');
    expect(mondayOf('2026-W53')).toBe('2026-12-28');
    expect(mondayOf('2027-W53')).toBeNull();
    expect(mondayOf('2026-8')).toBeNull();
  });

  it('steps across year ends', () => {
    expect(shiftWeek('2026-W53', 1)).toBe('2027-W01');
    expect(shiftWeek('2027-W01', -1)).toBe('2026-W53');
    expect(shiftWeek('2026-W10', 1)).toBe('2026-W11');
  });

  it('lists the seven days, Monday first, and names the week', () => {
    const days = daysOfWeek('2026-W10');
    expect(days.map((day) => day.date)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(days[0]?.label).toBe('Monday 2 March');
    expect(weekLabel('2026-W08')).toBe('16–22 February 2026');
    expect(weekLabel('2026-W09')).toBe('23 February – 1 March 2026');
    expect(weekLabel('2026-W53')).toBe('28 December 2026 – 3 January 2027');
  });

  it("reads today's date in the browser's zone", () => {
    expect(todayDate(new Date('2026-02-16T12:00:00Z'))).toBe('2026-02-16');
  });
});
