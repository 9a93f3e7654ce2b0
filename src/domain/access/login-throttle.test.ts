import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_RULE, IP_RULE, afterFailure, retryAfterSeconds, type ThrottleRule, type ThrottleState } from './login-throttle.js';

const T0 = new Date('2030-03-10T08:00:00.000Z');

function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

/** The state after `count` failures, all at the same instant. */
function failuresAt(count: number, rule: ThrottleRule, now = T0): ThrottleState | undefined {
  let state: ThrottleState | undefined;
  for (let i = 0; i < count; i += 1) state = afterFailure(state, rule, now);
  return state;
}

function blockSeconds(state: ThrottleState | undefined, now = T0): number {
  return retryAfterSeconds(state, now);
}

describe('account throttle (5 free failures, 30 s doubling, 15 min cap)', () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 0],
    [6, 30],
    [7, 60],
    [8, 120],
    [9, 240],
    [10, 480],
    [11, 900], // 960 would exceed the cap
    [12, 900],
    [40, 900],
  ])('after %i failures the wait is %i seconds', (failures, seconds) => {
    expect(blockSeconds(failuresAt(failures, ACCOUNT_RULE))).toBe(seconds);
  });
});

describe('address throttle (20 free failures, 60 s doubling, 15 min cap)', () => {
  it.each([
    [20, 0],
    [21, 60],
    [22, 120],
    [24, 480],
    [25, 900],
    [26, 900],
  ])('after %i failures the wait is %i seconds', (failures, seconds) => {
    expect(blockSeconds(failuresAt(failures, IP_RULE))).toBe(seconds);
  });
});

describe('window', () => {
  it.each([
    ['one second before the window ends', ACCOUNT_RULE.windowSeconds - 1, 7, 60],
    ['exactly when the window ends', ACCOUNT_RULE.windowSeconds, 7, 60],
    ['one millisecond after the window ends', ACCOUNT_RULE.windowSeconds + 0.001, 1, 0],
    ['a day later', 86_400, 1, 0],
  ])('a failure %s after the first counts as failure number %i', (_label, laterSeconds, expectedFailures, expectedWait) => {
    const earlier = failuresAt(6, ACCOUNT_RULE);
    const now = at(laterSeconds);
    const next = afterFailure(earlier, ACCOUNT_RULE, now);
    expect(next.failures).toBe(expectedFailures);
    expect(retryAfterSeconds(next, now)).toBe(expectedWait);
  });

  it('is measured from the first failure, not the latest', () => {
    let state = afterFailure(undefined, ACCOUNT_RULE, T0);
    state = afterFailure(state, ACCOUNT_RULE, at(3000));
    expect(state.windowStartedAt).toEqual(T0);
    const afterWindow = afterFailure(state, ACCOUNT_RULE, at(3601));
    expect(afterWindow).toEqual({ failures: 1, windowStartedAt: at(3601), blockedUntil: null });
  });
});

describe('retryAfterSeconds', () => {
  it.each([
    ['no record', undefined, 0, 0],
    ['failures but no block', { failures: 3, windowStartedAt: T0, blockedUntil: null }, 0, 0],
    ['blocked for 30 s, asked at once', { failures: 6, windowStartedAt: T0, blockedUntil: at(30) }, 0, 30],
    ['blocked for 30 s, asked 0.5 s later (rounds up)', { failures: 6, windowStartedAt: T0, blockedUntil: at(30) }, 0.5, 30],
    ['blocked for 30 s, asked 29.9 s later', { failures: 6, windowStartedAt: T0, blockedUntil: at(30) }, 29.9, 1],
    ['blocked for 30 s, asked at the end', { failures: 6, windowStartedAt: T0, blockedUntil: at(30) }, 30, 0],
    ['block in the past', { failures: 6, windowStartedAt: T0, blockedUntil: at(30) }, 600, 0],
  ])('%s → %i', (_label, state: ThrottleState | undefined, askedAfterSeconds, expected) => {
    expect(retryAfterSeconds(state, at(askedAfterSeconds))).toBe(expected);
  });
});

describe('properties', () => {
  const rules = fc.record({
    freeFailures: fc.integer({ min: 0, max: 30 }),
    baseDelaySeconds: fc.integer({ min: 1, max: 600 }),
    maxDelaySeconds: fc.integer({ min: 1, max: 3600 }),
    windowSeconds: fc.integer({ min: 1, max: 86_400 }),
  });
  // Gaps between consecutive failures, in milliseconds (bursts and slow drips alike).
  const gaps = fc.array(fc.integer({ min: 0, max: 2 * 3600 * 1000 }), { minLength: 1, maxLength: 80 });

  it('never blocks longer than maxDelaySeconds and never while failures <= freeFailures', () => {
    fc.assert(
      fc.property(rules, gaps, (rule, steps) => {
        let state: ThrottleState | undefined;
        let now = T0.getTime();
        for (const gap of steps) {
          now += gap;
          state = afterFailure(state, rule, new Date(now));
          const wait = retryAfterSeconds(state, new Date(now));
          expect(wait).toBeLessThanOrEqual(rule.maxDelaySeconds);
          if (state.failures <= rule.freeFailures) expect(state.blockedUntil).toBeNull();
          else expect(wait).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('never shortens the wait while failures keep coming inside one window', () => {
    fc.assert(
      fc.property(rules, fc.integer({ min: 1, max: 60 }), (rule, count) => {
        let previous = 0;
        for (let n = 1; n <= count; n += 1) {
          const wait = blockSeconds(failuresAt(n, rule));
          expect(wait).toBeGreaterThanOrEqual(previous);
          previous = wait;
        }
      }),
    );
  });
});
