import { describe, expect, it } from 'vitest';
import { countOf, formatMinutes } from './minutes-format.js';

describe('formatMinutes', () => {
  it.each([
    [0, '0 min'],
    [1, '1 min'],
    [59, '59 min'],
    [60, '1 h'],
    [179, '2 h 59 min'],
    [180, '3 h'],
    [539, '8 h 59 min'],
    [540, '9 h'],
    [1141, '19 h 1 min'],
    [-61, '-1 h 1 min'],
  ])('says %i minutes as "%s"', (minutes, expected) => {
    expect(formatMinutes(minutes)).toBe(expected);
  });
});

describe('countOf', () => {
  it.each([
    [0, '0 days'],
    [1, '1 day'],
    [2, '2 days'],
  ])('says %i as "%s"', (count, expected) => {
    expect(countOf(count, 'day')).toBe(expected);
  });
});
