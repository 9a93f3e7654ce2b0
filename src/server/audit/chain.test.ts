import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, chainHash, type ChainedFields } from './chain.js';

const KEY = Buffer.alloc(32, 3);

function row(overrides: Partial<ChainedFields> = {}): ChainedFields {
  return {
    chainId: '6f1c2f0e-4a53-4b8e-9d7c-0a1b2c3d4e5f',
    chainShard: 0,
    chainSeq: 7,
    occurredAt: new Date('2030-03-10T08:00:00.000Z'),
    organizationId: '6f1c2f0e-4a53-4b8e-9d7c-0a1b2c3d4e5f',
    userId: '0b7d9a41-2f6e-4c11-8a3b-5d6e7f809a1b',
    action: 'user.created',
    entityType: 'user',
    entityId: '1c8e0b52-3a7f-4d22-9b4c-6e7f8091a2b3',
    patientId: null,
    outcome: 'success',
    clientIp: '10.0.0.1',
    requestId: 'req-1',
    details: { roles: ['clinician'], siteIds: ['s1', 's2'] },
    ...overrides,
  };
}

const BASE = chainHash(KEY, GENESIS_HASH, row());

describe('chainHash', () => {
  it('is a hex HMAC-SHA-256 and deterministic', () => {
    expect(BASE).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(KEY, GENESIS_HASH, row())).toBe(BASE);
  });

  it.each<[string, Partial<ChainedFields>]>([
    ['chainId', { chainId: '00000000-0000-0000-0000-000000000000' }],
    ['chainSeq', { chainSeq: 8 }],
    ['occurredAt by one millisecond', { occurredAt: new Date('2030-03-10T08:00:00.001Z') }],
    ['organizationId', { organizationId: null }],
    ['userId', { userId: '2d9f1c63-4b80-4e33-8c5d-7f8091a2b3c4' }],
    ['userId to null', { userId: null }],
    ['action', { action: 'user.deleted' }],
    ['entityType', { entityType: null }],
    ['entityId', { entityId: '1c8e0b52-3a7f-4d22-9b4c-6e7f8091a2b4' }],
    ['patientId', { patientId: '3e0a2d74-5c91-4f44-9d6e-8091a2b3c4d5' }],
    ['outcome', { outcome: 'denied' }],
    ['clientIp', { clientIp: '10.0.0.2' }],
    ['requestId', { requestId: 'req-2' }],
    ['details: a value', { details: { roles: ['admin'], siteIds: ['s1', 's2'] } }],
    ['details: array order', { details: { roles: ['clinician'], siteIds: ['s2', 's1'] } }],
    ['details: an extra key', { details: { roles: ['clinician'], siteIds: ['s1', 's2'], extra: true } }],
    ['details: a number written as a string', { details: { roles: ['clinician'], siteIds: ['s1', 's2'], n: '1' } }],
    ['details to null', { details: null }],
  ])('changes when %s changes', (_field, change) => {
    expect(chainHash(KEY, GENESIS_HASH, row(change))).not.toBe(BASE);
  });

  it('changes with the previous hash, so a row cannot move to another place in the chain', () => {
    expect(chainHash(KEY, 'a'.repeat(64), row())).not.toBe(BASE);
  });

  it('changes with the key', () => {
    expect(chainHash(Buffer.alloc(32, 4), GENESIS_HASH, row())).not.toBe(BASE);
  });

  it('does not let a value slide between neighbouring fields', () => {
    const a = chainHash(KEY, GENESIS_HASH, row({ entityType: 'user', entityId: 'x' }));
    const b = chainHash(KEY, GENESIS_HASH, row({ entityType: 'userx', entityId: '' }));
    expect(a).not.toBe(b);
  });

  it.each([
    ['top-level keys', { b: 2, a: 1 }, { a: 1, b: 2 }],
    ['nested keys', { outer: { z: 1, y: [{ q: 1, p: 2 }] } }, { outer: { y: [{ p: 2, q: 1 }], z: 1 } }],
  ])('does not depend on key order in details (%s), as jsonb reorders keys', (_label, one, other) => {
    expect(chainHash(KEY, GENESIS_HASH, row({ details: one }))).toBe(chainHash(KEY, GENESIS_HASH, row({ details: other })));
  });

  it('treats missing details as null', () => {
    expect(chainHash(KEY, GENESIS_HASH, row({ details: undefined }))).toBe(chainHash(KEY, GENESIS_HASH, row({ details: null })));
  });
});
