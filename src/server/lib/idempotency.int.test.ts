import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, testApp, type TestApp } from '../../../test/support.js';
import { requestFingerprint, stableJson, withIdempotency } from './idempotency.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

function run(
  organizationId: string,
  key: string | undefined,
  fingerprint: string,
  now: Date,
  work: () => Promise<{ statusCode: number; body: unknown }>,
) {
  return t.db.transaction().execute((trx) => withIdempotency(trx, { organizationId, key, fingerprint, now }, work));
}

describe('withIdempotency', () => {
  it('runs once per key and replays the stored answer', async () => {
    const { organizationId } = await createTestOrg(t.deps);
    const key = randomUUID();
    let runs = 0;
    const work = async () => ({ statusCode: 200, body: { run: (runs += 1) } });
    const now = new Date('2026-11-04T12:00:00Z');
    expect(await run(organizationId, key, 'f1', now, work)).toEqual({ statusCode: 200, body: { run: 1 }, replayed: false });
    expect(await run(organizationId, key, 'f1', now, work)).toEqual({ statusCode: 200, body: { run: 1 }, replayed: true });
    expect(runs).toBe(1);
  });

  it('runs every time without a key', async () => {
    const { organizationId } = await createTestOrg(t.deps);
    let runs = 0;
    const work = async () => ({ statusCode: 200, body: { run: (runs += 1) } });
    await run(organizationId, undefined, 'f', new Date(), work);
    await run(organizationId, undefined, 'f', new Date(), work);
    expect(runs).toBe(2);
  });

  it('replaces a key older than 24 hours instead of replaying it', async () => {
    const { organizationId } = await createTestOrg(t.deps);
    const key = randomUUID();
    let runs = 0;
    const work = async () => ({ statusCode: 200, body: { run: (runs += 1) } });
    const first = new Date('2026-11-04T12:00:00Z');
    await run(organizationId, key, 'f1', first, work);
    await expect(run(organizationId, key, 'f2', new Date(first.getTime() + 23 * 3600_000), work)).rejects.toThrow(
      /already used for a different request/,
    );
    expect(await run(organizationId, key, 'f2', new Date(first.getTime() + 24 * 3600_000 + 1000), work)).toEqual({
      statusCode: 200,
      body: { run: 2 },
      replayed: false,
    });
  });

  it('stores nothing when the work fails, so the retry runs', async () => {
    const { organizationId } = await createTestOrg(t.deps);
    const key = randomUUID();
    await expect(run(organizationId, key, 'f', new Date(), async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await run(organizationId, key, 'f', new Date(), async () => ({ statusCode: 201, body: 'ok' }))).toEqual({
      statusCode: 201,
      body: 'ok',
      replayed: false,
    });
  });
});

describe('request fingerprints', () => {
  it('ignore key order and undefined fields, and differ when a value differs', () => {
    expect(stableJson({ b: 1, a: [{ y: 2, x: undefined, z: null }] })).toBe('{"a":[{"y":2,"z":null}],"b":1}');
    expect(requestFingerprint({ a: 1, b: 2 })).toBe(requestFingerprint({ b: 2, a: 1 }));
    expect(requestFingerprint({ a: 1 })).not.toBe(requestFingerprint({ a: 2 }));
  });
});
