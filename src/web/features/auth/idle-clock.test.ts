import { afterEach, describe, expect, it } from 'vitest';
import type { SessionDto } from '../../lib/api-types';
import { createIdleClock, type IdleClock } from './idle-clock';
import { DATE_HEADER_MARGIN_MS } from './idle-time';

const T0 = Date.parse('2025-01-06T10:00:00.000Z');

function session(idleExpiresAt: string): SessionDto {
  return {
    user: {
      id: 'u1',
      email: 'a@example.org',
      displayName: 'A',
      roles: ['admin'],
      siteIds: [],
      mfaEnrolled: true,
    },
    organization: { id: 'o1', name: 'Org', isDemo: false },
    csrfToken: 'token',
    stage: 'active',
    idleTimeoutSeconds: 900,
    idleExpiresAt,
    absoluteExpiresAt: '2025-01-06T22:00:00.000Z',
  };
}

const clocks: IdleClock[] = [];
function newClock(): IdleClock {
  const clock = createIdleClock(`test-${Math.random()}`);
  clocks.push(clock);
  return clock;
}

afterEach(() => {
  for (const clock of clocks.splice(0)) clock.dispose();
});

describe('idle clock', () => {
  it('reads the deadline from a session, corrected by the Date header of its response', () => {
    const clock = newClock();
    // The server clock runs 30 s ahead of this browser.
    clock.observeResponse({
      path: '/api/v1/auth/session',
      startedAt: T0,
      receivedAt: T0,
      serverDate: T0 + 30_000,
    });
    clock.setFromSession(session('2025-01-06T10:15:30.000Z'));
    expect(clock.getSnapshot().idleDeadline).toBe(T0 + 15 * 60_000 - DATE_HEADER_MARGIN_MS);
  });

  it('pushes the deadline out after any successful request, from the time it was sent', () => {
    const clock = newClock();
    clock.setFromSession(session('2025-01-06T10:15:00.000Z'));
    clock.observeResponse({
      path: '/api/v1/sites',
      startedAt: T0 + 60_000,
      receivedAt: T0 + 61_000,
      serverDate: null,
    });
    expect(clock.getSnapshot().idleDeadline).toBe(T0 + 60_000 + 900_000);
  });

  it('is not pushed out by logout or anonymous requests', () => {
    const clock = newClock();
    clock.setFromSession(session('2025-01-06T10:15:00.000Z'));
    const before = clock.getSnapshot().idleDeadline;
    for (const path of ['/api/v1/auth/logout', '/api/v1/auth/config', '/api/health']) {
      clock.observeResponse({ path, startedAt: T0 + 60_000, receivedAt: T0 + 60_100, serverDate: null });
    }
    expect(clock.getSnapshot().idleDeadline).toBe(before);
  });

  it('has no deadline once the session is gone', () => {
    const clock = newClock();
    clock.setFromSession(session('2025-01-06T10:15:00.000Z'));
    clock.setFromSession(null);
    clock.observeResponse({ path: '/api/v1/sites', startedAt: T0, receivedAt: T0, serverDate: null });
    expect(clock.getSnapshot().idleDeadline).toBeNull();
  });
});
