import { describe, expect, it } from 'vitest';
import { formatWait, parseRetryAfter } from './retry-after';

const now = Date.parse('2025-01-06T10:00:00.000Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120],
    [' 5 ', 5],
    ['Mon, 06 Jan 2025 10:01:30 GMT', 90],
    ['Mon, 06 Jan 2025 09:59:00 GMT', 0],
    ['soon', null],
    [null, null],
  ])('reads %s as %s seconds', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe('formatWait', () => {
  it.each([
    [1, '1 second'],
    [59, '59 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [900, '15 minutes'],
  ])('says %i seconds as "%s"', (seconds, expected) => {
    expect(formatWait(seconds)).toBe(expected);
  });
});
