import { describe, expect, it } from 'vitest';
import { isAvailable, validateAvailability, type AvailabilityWindow } from './availability.js';

const invalid = (path: string) => expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path })] });
const w = (weekday: number, start: string, end: string) => ({ weekday, start, end });

describe('validateAvailability', () => {
  it.each<[string, ReturnType<typeof w>[]]>([
    ['no windows', []],
    ['one morning', [w(1, '09:00', '12:00')]],
    ['windows that touch', [w(1, '09:00', '12:00'), w(1, '12:00', '15:00')]],
    ['the same hours on different days', [w(1, '09:00', '17:00'), w(2, '09:00', '17:00'), w(7, '09:00', '17:00')]],
    ['a one-minute window', [w(3, '10:00', '10:01')]],
    ['the whole day', [w(5, '00:00', '23:59')]],
  ])('accepts %s', (_label, windows) => {
    expect(() => validateAvailability(windows)).not.toThrow();
  });

  it.each<[string, ReturnType<typeof w>[], string]>([
    ['weekday 0', [w(0, '09:00', '12:00')], 'weeklyAvailability.0.weekday'],
    ['weekday 8', [w(1, '09:00', '10:00'), w(8, '09:00', '12:00')], 'weeklyAvailability.1.weekday'],
    ['a fractional weekday', [w(1.5, '09:00', '12:00')], 'weeklyAvailability.0.weekday'],
    ['a start without a leading zero', [w(1, '9:00', '12:00')], 'weeklyAvailability.0.start'],
    ['24:00 as the end', [w(1, '09:00', '24:00')], 'weeklyAvailability.0.end'],
    ['minutes past 59', [w(1, '09:60', '12:00')], 'weeklyAvailability.0.start'],
    ['an end equal to the start', [w(1, '09:00', '09:00')], 'weeklyAvailability.0.end'],
    ['an end before the start', [w(1, '12:00', '09:00')], 'weeklyAvailability.0.end'],
    ['a window running past midnight', [w(1, '22:00', '02:00')], 'weeklyAvailability.0.end'],
    ['overlapping windows (named by the later one)', [w(2, '09:00', '12:00'), w(2, '11:59', '15:00')], 'weeklyAvailability.1'],
    ['a window inside another, listed first', [w(2, '10:00', '11:00'), w(2, '09:00', '12:00')], 'weeklyAvailability.1'],
    ['the same window twice', [w(4, '09:00', '12:00'), w(1, '08:00', '09:00'), w(4, '09:00', '12:00')], 'weeklyAvailability.2'],
  ])('refuses %s', (_label, windows, path) => {
    expect(() => validateAvailability(windows)).toThrow(invalid(path));
  });

  it('refuses more than 50 windows', () => {
    const many = Array.from({ length: 51 }, (_unused, i) =>
      w((i % 7) + 1, `${String(Math.floor(i / 7)).padStart(2, '0')}:00`, `${String(Math.floor(i / 7)).padStart(2, '0')}:30`),
    );
    expect(() => validateAvailability(many)).toThrow(invalid('weeklyAvailability'));
  });

  it('returns the windows sorted by weekday and start', () => {
    expect(validateAvailability([w(3, '13:00', '17:00'), w(1, '13:00', '17:00'), w(3, '08:00', '12:00')])).toEqual([
      w(1, '13:00', '17:00'),
      w(3, '08:00', '12:00'),
      w(3, '13:00', '17:00'),
    ]);
  });

  it('uses the given path prefix', () => {
    expect(() => validateAvailability([w(9, '09:00', '10:00')], 'profile.availability')).toThrow(invalid('profile.availability.0.weekday'));
  });
});

describe('isAvailable', () => {
  const week: AvailabilityWindow[] = [
    { weekday: 1, start: '09:00', end: '12:00' },
    { weekday: 1, start: '12:00', end: '15:00' },
    { weekday: 3, start: '17:00', end: '20:00' },
  ];

  it.each<[string, 1 | 2 | 3, string, number, boolean]>([
    ['a session filling a window exactly', 1, '09:00', 180, true],
    ['a session inside a window', 3, '18:00', 60, true],
    ['a session one minute too long', 3, '17:00', 181, false],
    ['a session starting before the window', 1, '08:59', 30, false],
    ['a session spanning two touching windows', 1, '11:00', 120, false],
    ['a day without windows', 2, '09:00', 60, false],
  ])('%s → %s', (_label, weekday, start, minutes, expected) => {
    expect(isAvailable(week, weekday, start, minutes)).toBe(expected);
  });
});
