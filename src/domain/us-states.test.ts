import { describe, expect, it } from 'vitest';
import { US_STATE_CODES, parseUsStateCode } from './us-states.js';

describe('US state codes', () => {
  it('list 50 states, DC and 5 territories, once each', () => {
    expect(US_STATE_CODES).toHaveLength(56);
    expect(new Set(US_STATE_CODES).size).toBe(56);
  });

  it.each([
    ['NY', 'NY'],
    ['ny', 'NY'],
    [' Or ', 'OR'],
    ['DC', 'DC'],
    ['PR', 'PR'],
  ])('reads %j as %j', (value, expected) => {
    expect(parseUsStateCode(value)).toBe(expected);
  });

  it.each(['', 'N', 'NYC', 'XX', 'UK', 'N.Y.', 'New York'])('refuses %j', (value) => {
    expect(parseUsStateCode(value)).toBeNull();
  });
});
