import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { availabilitySummary, checkAvailability, rowErrors, serverRowErrors } from './availability-state';

const w = (weekday: number, start: string, end: string) => ({ weekday, start, end });

describe('availabilitySummary', () => {
  it.each([
    [[], 'Not set'],
    [[w(1, '09:00', '12:00')], 'Mon 09:00–12:00'],
    [[w(3, '17:00', '20:00'), w(1, '13:00', '17:00'), w(1, '09:00', '12:00')], 'Mon 09:00–12:00, 13:00–17:00 · Wed 17:00–20:00'],
    [[w(7, '10:00', '11:00')], 'Sun 10:00–11:00'],
  ])('summarises %j as %j', (windows, expected) => {
    expect(availabilitySummary(windows)).toBe(expected);
  });
});

describe('row errors', () => {
  it.each([
    [[{ path: 'weeklyAvailability.2.end', message: 'must be after the start' }], [[2, 'must be after the start']]],
    [[{ path: 'body.weeklyAvailability.0', message: 'overlaps' }], [[0, 'overlaps']]],
    [
      [
        { path: 'weeklyAvailability.1.start', message: 'first' },
        { path: 'weeklyAvailability.1.end', message: 'second' },
      ],
      [[1, 'first']],
    ],
    [
      [
        { path: 'licensedStates.0', message: 'bad' },
        { path: 'weeklyAvailability', message: 'too many' },
      ],
      [],
    ],
  ])('maps %j to rows', (issues, rows) => {
    expect([...rowErrors(issues)]).toEqual(rows);
  });

  it('finds the problem row before sending', () => {
    expect([...checkAvailability([w(2, '09:00', '12:00'), w(2, '11:00', '13:00')])]).toEqual([[1, 'overlaps window 1 on the same day']]);
    expect([...checkAvailability([w(2, '09:00', '12:00'), w(2, '', '13:00')])]).toEqual([
      [1, expect.stringContaining('is not a time of day')],
    ]);
    expect(checkAvailability([w(2, '09:00', '12:00')]).size).toBe(0);
  });

  it('reads the rows of a server refusal', () => {
    const error = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'x',
      details: [{ path: 'weeklyAvailability.3.end', message: 'must be after the start' }],
    });
    expect([...serverRowErrors(error)]).toEqual([[3, 'must be after the start']]);
    expect(serverRowErrors(new Error('x')).size).toBe(0);
  });
});
