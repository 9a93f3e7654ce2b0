import { describe, expect, it } from 'vitest';
import { ageOn, latestDateOnEarth, normalizePhone, normalizeStateCode, validateDateOfBirth } from './patient-rules.js';

const invalid = (path: string) => expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path })] });

describe('ageOn', () => {
  it.each([
    ['1990-05-17', '2026-05-16', 35],
    ['1990-05-17', '2026-05-17', 36],
    ['2026-05-17', '2026-05-17', 0],
    ['2000-02-29', '2026-02-28', 25],
    ['2000-02-29', '2026-03-01', 26],
    ['2000-02-29', '2028-02-29', 28],
  ])('someone born %s is %s years old on %s', (born, today, age) => {
    expect(ageOn(born, today)).toBe(age);
  });
});

describe('validateDateOfBirth', () => {
  const today = '2026-03-10';

  it.each([
    ['born today', '2026-03-10'],
    ['exactly 120 years old today', '1906-03-10'],
    ['120 years and 364 days old', '1905-03-11'],
  ])('accepts a patient %s', (_label, born) => {
    expect(() => validateDateOfBirth(born, today)).not.toThrow();
  });

  it.each([
    ['born tomorrow', '2026-03-11', 'must not be in the future'],
    ['turning 121 today', '1905-03-10', 'gives an age above 120 years'],
    ['with 30 February as a birthday', '1990-02-30', '"1990-02-30" is not a calendar date (YYYY-MM-DD)'],
    ['with a date in another format', '03/10/1990', '"03/10/1990" is not a calendar date (YYYY-MM-DD)'],
  ])('refuses a patient %s, naming dateOfBirth', (_label, born, message) => {
    expect(() => validateDateOfBirth(born, today)).toThrow(expect.objectContaining({ details: [{ path: 'dateOfBirth', message }] }));
  });
});

describe('latestDateOnEarth', () => {
  it('is already tomorrow in UTC+14 while it is still today in UTC', () => {
    expect(latestDateOnEarth(new Date('2026-03-10T10:00:00Z'))).toBe('2026-03-11');
    expect(latestDateOnEarth(new Date('2026-03-10T09:59:59Z'))).toBe('2026-03-10');
  });
});

describe('normalizeStateCode', () => {
  it.each([
    ['OR', 'OR'],
    ['or', 'OR'],
    [' dc ', 'DC'],
    ['PR', 'PR'],
  ])('reads %j as %s', (input, code) => {
    expect(normalizeStateCode(input, 'stateOfResidence')).toBe(code);
  });

  it.each(['XX', 'O', 'ORE', '', 'ON'])('refuses %j naming the field', (input) => {
    expect(() => normalizeStateCode(input, 'stateOfResidence')).toThrow(invalid('stateOfResidence'));
  });
});

describe('normalizePhone', () => {
  it.each([
    ['(503) 555-0142', '+15035550142'],
    ['503-555-0142', '+15035550142'],
    ['503.555.0142', '+15035550142'],
    ['1 503 555 0142', '+15035550142'],
    ['+1 (503) 555-0142', '+15035550142'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('reads %j as %s', (input, e164) => {
    expect(normalizePhone(input, 'phone')).toBe(e164);
  });

  it.each([
    ['too few digits', '555-0142'],
    ['letters', '503-555-CALL'],
    ['an area code starting with 1', '(103) 555-0142'],
    ['an exchange starting with 0', '(503) 055-0142'],
    ['a plus sign in the middle', '503+5550142'],
    ['a 12-digit US number', '+1 503 555 01422'],
    ['more than 15 digits', '+44 1234 5678 9012 34'],
  ])('refuses %s', (_label, input) => {
    expect(() => normalizePhone(input, 'emergencyContact.phone')).toThrow(invalid('emergencyContact.phone'));
  });
});
