import { describe, expect, it } from 'vitest';
import { SHARE_MAX_DAYS, shareExpiry, shareState } from './record-share.js';

const now = new Date('2026-11-27T12:00:00Z');
const at = (iso: string) => new Date(iso);

describe('shareState', () => {
  it.each([
    ['active before expiry', { expiresAt: at('2026-11-28T12:00:00Z'), revokedAt: null }, 'active'],
    ['expired at the expiry moment', { expiresAt: now, revokedAt: null }, 'expired'],
    ['expired after', { expiresAt: at('2026-11-20T00:00:00Z'), revokedAt: null }, 'expired'],
    ['revoked before expiry', { expiresAt: at('2026-12-01T00:00:00Z'), revokedAt: at('2026-11-26T00:00:00Z') }, 'revoked'],
    ['revoked wins over expired', { expiresAt: at('2026-11-20T00:00:00Z'), revokedAt: at('2026-11-19T00:00:00Z') }, 'revoked'],
  ] as const)('%s', (_name, share, expected) => {
    expect(shareState(share, now)).toBe(expected);
  });
});

describe('shareExpiry', () => {
  it.each([
    [1, '2026-11-28T12:00:00.000Z'],
    [7, '2026-12-04T12:00:00.000Z'],
    [SHARE_MAX_DAYS, '2026-12-27T12:00:00.000Z'],
  ])('%i day(s) from now', (days, expected) => {
    expect(shareExpiry(now, days).toISOString()).toBe(expected);
  });

  it.each([0, -1, 1.5, SHARE_MAX_DAYS + 1])('refuses %d days', (days) => {
    expect(() => shareExpiry(now, days)).toThrow(RangeError);
  });
});
