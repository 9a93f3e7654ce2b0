import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTENDANCE_STATUSES, countsAsAttended, defaultMinutes, validateMinutes, type AttendanceStatus } from './attendance.js';

const invalid = (path: string, message?: string) =>
  expect.objectContaining({
    code: 'VALIDATION_FAILED',
    details: [expect.objectContaining(message === undefined ? { path } : { path, message })],
  });

describe('defaultMinutes', () => {
  it.each<[AttendanceStatus, number]>([
    ['present', 180],
    ['late', 180],
    ['left_early', 180],
    ['absent_excused', 0],
    ['absent_unexcused', 0],
    ['cancelled_by_program', 0],
  ])('prefills %s in a 180 min session with %i min', (status, expected) => {
    expect(defaultMinutes(status, 180)).toBe(expected);
  });

  it.each([0, -60, 90.5])('refuses a session length of %d', (sessionMinutes) => {
    expect(() => defaultMinutes('present', sessionMinutes)).toThrow(invalid('sessionMinutes'));
  });

  it('prefills a value that always passes validation', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ATTENDANCE_STATUSES), fc.integer({ min: 1, max: 720 }), (status, sessionMinutes) => {
        expect(() => validateMinutes(status, defaultMinutes(status, sessionMinutes), sessionMinutes)).not.toThrow();
      }),
    );
  });
});

describe('validateMinutes', () => {
  it.each<[AttendanceStatus, number]>([
    ['present', 180],
    ['late', 0],
    ['late', 1],
    ['late', 179],
    ['late', 180],
    ['left_early', 95],
    ['absent_excused', 0],
    ['absent_unexcused', 0],
    ['cancelled_by_program', 0],
  ])('accepts %s with %i of 180 min', (status, minutes) => {
    expect(() => validateMinutes(status, minutes, 180)).not.toThrow();
  });

  it.each<[AttendanceStatus, number, string]>([
    ['late', -1, 'cannot be negative'],
    ['late', 181, 'cannot exceed the session length of 180 min'],
    ['present', 181, 'cannot exceed the session length of 180 min'],
    ['left_early', 60.5, 'must be a whole number'],
    ['present', 179, 'a present patient attended the whole session (180 min); record late or left early for less'],
    ['absent_excused', 1, 'must be 0 for an absence or a session the program cancelled'],
    ['absent_unexcused', 180, 'must be 0 for an absence or a session the program cancelled'],
    ['cancelled_by_program', 30, 'must be 0 for an absence or a session the program cancelled'],
  ])('refuses %s with %d of 180 min', (status, minutes, message) => {
    expect(() => validateMinutes(status, minutes, 180)).toThrow(invalid('minutes', message));
  });
});

describe('countsAsAttended', () => {
  it.each<[AttendanceStatus, boolean]>([
    ['present', true],
    ['late', true],
    ['left_early', true],
    ['absent_excused', false],
    ['absent_unexcused', false],
    ['cancelled_by_program', false],
  ])('counts %s: %s', (status, expected) => {
    expect(countsAsAttended(status)).toBe(expected);
  });
});
