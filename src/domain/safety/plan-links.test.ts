import { describe, expect, it } from 'vitest';
import { greetingName, planLinkState } from './plan-links.js';

describe('planLinkState', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  it('is active before expiry, expired at and after it, revoked whenever revoked', () => {
    expect(planLinkState({ expiresAt: new Date('2026-11-27T12:00:01Z'), revokedAt: null }, now)).toBe('active');
    expect(planLinkState({ expiresAt: now, revokedAt: null }, now)).toBe('expired');
    expect(planLinkState({ expiresAt: new Date('2026-11-28T00:00:00Z'), revokedAt: now }, now)).toBe('revoked');
    expect(planLinkState({ expiresAt: new Date('2026-11-01T00:00:00Z'), revokedAt: now }, now)).toBe('revoked');
  });
});

describe('greetingName', () => {
  it('keeps only the first word of the preferred name, or nothing', () => {
    expect(greetingName('Jo Ann Smith')).toBe('Jo');
    expect(greetingName('  Sam ')).toBe('Sam');
    expect(greetingName('   ')).toBeNull();
    expect(greetingName(null)).toBeNull();
  });
});
