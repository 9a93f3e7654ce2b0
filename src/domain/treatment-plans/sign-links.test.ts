import { describe, expect, it } from 'vitest';
import { signLinkState, typedSignatureIssues } from './sign-links.js';

const now = new Date('2026-11-27T15:00:00Z');
const later = new Date('2026-12-04T15:00:00Z');

describe('signLinkState', () => {
  it.each<[string, Date, Date | null, Date | null, string]>([
    ['fresh', later, null, null, 'active'],
    ['expiring this instant', now, null, null, 'expired'],
    ['expired', new Date('2026-11-27T14:59:59Z'), null, null, 'expired'],
    ['used', later, now, null, 'used'],
    ['revoked', later, null, now, 'revoked'],
    ['used, then expired', new Date('2026-11-01T00:00:00Z'), new Date('2026-10-30T00:00:00Z'), null, 'used'],
  ])('%s → %s', (_name, expiresAt, usedAt, revokedAt, state) => {
    expect(signLinkState({ expiresAt, usedAt, revokedAt }, now)).toBe(state);
  });
});

describe('typedSignatureIssues', () => {
  it.each<[string, boolean, string[]]>([
    ['Alex Rivera', true, []],
    ['  ', true, ['signedName']],
    ['Alex Rivera', false, ['agreed']],
    ['', false, ['signedName', 'agreed']],
    ['x'.repeat(201), true, ['signedName']],
  ])('%j agreed=%s → %j', (signedName, agreed, issues) => {
    expect(typedSignatureIssues({ signedName, agreed })).toEqual(issues);
  });
});
