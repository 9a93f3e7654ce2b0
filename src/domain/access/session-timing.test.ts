import { describe, expect, it } from 'vitest';
import { idleExpiresAt, sessionValidity, type SessionTimes } from './session-timing.js';

const LOGIN = new Date('2030-03-10T08:00:00.000Z');
const LIMITS = { idleSeconds: 15 * 60 };
const ABSOLUTE = new Date(LOGIN.getTime() + 12 * 3600 * 1000);

function after(base: Date, seconds: number): Date {
  return new Date(base.getTime() + seconds * 1000);
}

describe('sessionValidity', () => {
  it.each([
    ['just signed in', LOGIN, 0, 'valid'],
    ['14:59.999 idle', LOGIN, 15 * 60 - 0.001, 'valid'],
    ['exactly 15 minutes idle', LOGIN, 15 * 60, 'idle_expired'],
    ['an hour idle', LOGIN, 3600, 'idle_expired'],
    ['active a second before the 12-hour limit', after(ABSOLUTE, -60), 59, 'valid'],
    ['active right up to the 12-hour limit', after(ABSOLUTE, -60), 60, 'absolute_expired'],
    ['both limits passed: the absolute one is reported', after(ABSOLUTE, -3600), 3600 + 1, 'absolute_expired'],
  ])('%s → %s', (_label, lastSeenAt, secondsAfterLastSeen, expected) => {
    const session: SessionTimes = { lastSeenAt, absoluteExpiresAt: ABSOLUTE };
    expect(sessionValidity(session, LIMITS, after(lastSeenAt, secondsAfterLastSeen))).toBe(expected);
  });

  it('honours a configured idle limit', () => {
    const session: SessionTimes = { lastSeenAt: LOGIN, absoluteExpiresAt: ABSOLUTE };
    expect(sessionValidity(session, { idleSeconds: 5 }, after(LOGIN, 4.999))).toBe('valid');
    expect(sessionValidity(session, { idleSeconds: 5 }, after(LOGIN, 5))).toBe('idle_expired');
  });
});

describe('idleExpiresAt', () => {
  it.each([
    ['early in the day: last activity + 15 minutes', LOGIN, after(LOGIN, 900)],
    ['16 minutes before the absolute limit', after(ABSOLUTE, -960), after(ABSOLUTE, -60)],
    ['exactly 15 minutes before the absolute limit', after(ABSOLUTE, -900), ABSOLUTE],
    ['5 minutes before the absolute limit: capped by it', after(ABSOLUTE, -300), ABSOLUTE],
  ])('%s', (_label, lastSeenAt, expected) => {
    expect(idleExpiresAt({ lastSeenAt, absoluteExpiresAt: ABSOLUTE }, LIMITS)).toEqual(expected);
  });

  it('agrees with sessionValidity: the session is valid until idleExpiresAt and not at it', () => {
    for (const lastSeenAt of [LOGIN, after(ABSOLUTE, -300)]) {
      const session = { lastSeenAt, absoluteExpiresAt: ABSOLUTE };
      const end = idleExpiresAt(session, LIMITS);
      expect(sessionValidity(session, LIMITS, after(end, -0.001))).toBe('valid');
      expect(sessionValidity(session, LIMITS, end)).not.toBe('valid');
    }
  });
});
