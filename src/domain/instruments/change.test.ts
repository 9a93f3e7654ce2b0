import { describe, expect, it } from 'vitest';
import { AUDIT_C } from './audit-c.js';
import { responseAchieved, remission, reliableChange } from './change.js';
import { GAD7 } from './gad7.js';
import { PHQ9 } from './phq9.js';

// Response, remission and Jacobson-Truax reliable change (DOMAIN.md section 4).

describe('responseAchieved (a drop of at least 50% from baseline)', () => {
  it.each([
    [20, 10, true],
    [20, 11, false],
    [20, 0, true],
    [15, 7, true],
    [15, 8, false],
    [10, 12, false],
    [0, 0, false],
  ])('from %i to %i: %s', (baseline, current, expected) => {
    expect(responseAchieved(baseline, current)).toBe(expected);
  });
});

describe('remission', () => {
  it.each([
    [PHQ9, 4, true],
    [PHQ9, 5, false],
    [GAD7, 4, true],
    [GAD7, 5, false],
  ])('%#: a total of %i is remission: %s', (instrument, total, expected) => {
    expect(remission(total, instrument)).toBe(expected);
  });

  it('is not defined for an instrument without a remission line', () => {
    expect(remission(0, AUDIT_C)).toBeNull();
  });
});

describe('reliableChange', () => {
  // SD 10, r 0.875: SEdiff = 10 * sqrt(2) * sqrt(0.125) = 5, so more than 9.8 points is reliable.
  const known = { sd: 10, reliability: 0.875 };

  it.each([
    [20, 10, 'improvement'],
    [20, 11, 'none'],
    [10, 20, 'deterioration'],
    [10, 19, 'none'],
  ] as const)('from %i to %i: %s', (baseline, current, direction) => {
    const result = reliableChange(baseline, current, PHQ9, known);
    expect(result?.sediff).toBeCloseTo(5, 10);
    expect(result?.direction).toBe(direction);
    expect(result?.verified).toBe(true);
  });

  it("uses the instrument's own values, marked unverified", () => {
    const result = reliableChange(20, 5, PHQ9);
    expect(result?.direction).toBe('improvement');
    expect(result?.verified).toBe(false);
  });

  it('is null for an instrument without SD and reliability', () => {
    expect(reliableChange(8, 2, AUDIT_C)).toBeNull();
  });
});
