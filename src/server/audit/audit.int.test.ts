import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_AUDIT_KEY, freshDatabase, testApp, type TestApp } from '../../../test/support.js';
import type { Database } from '../db/schema.js';
import { createDb } from '../db/database.js';
import { verifyAuditChains } from './audit.verifier.js';
import { AUDIT_SHARDS, createAuditWriter, type AuditEvent } from './audit.writer.js';
import { SYSTEM_CHAIN_ID, chainHash } from './chain.js';

// Tampering needs a database of its own: a broken chain in the shared one would fail every health check.
let t: TestApp;
let dbUrl: string;
let drop: () => Promise<void>;

beforeEach(async () => {
  const fresh = await freshDatabase();
  dbUrl = fresh.url;
  drop = fresh.drop;
  t = await testApp({ databaseUrl: fresh.url });
});
afterEach(async () => {
  await t.close();
  await drop();
});

function event(organizationId: string | null, action: string, details?: AuditEvent['details']): AuditEvent {
  return {
    organizationId,
    userId: randomUUID(),
    action,
    entityType: 'user',
    entityId: randomUUID(),
    outcome: 'success',
    clientIp: '10.0.0.1',
    requestId: randomUUID(),
    ...(details ? { details } : {}),
  };
}

async function record(organizationId: string | null, action: string, details?: AuditEvent['details']): Promise<void> {
  await t.db.transaction().execute((trx) => t.deps.audit(trx, event(organizationId, action, details)));
}

/** Five events in one organization's chain, returned in chain order. */
async function chainOfFive() {
  const org = randomUUID();
  for (let i = 1; i <= 5; i += 1) {
    await record(org, `test.step_${i}`, { step: i, zeta: 'last', alpha: ['b', 'a'], done: false, none: null });
    t.clock.advance(1000);
  }
  return t.db.selectFrom('audit_events').selectAll().where('chain_id', '=', org).orderBy('chain_seq').execute();
}

/**
 * What an attacker who owns the tables (or is superuser) can do: switch the append-only triggers
 * off for one transaction. Works as the table owner, so it runs on an external database too.
 */
async function tamper(change: (trx: Transaction<Database>) => Promise<unknown>): Promise<void> {
  await t.db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(trx);
    await change(trx);
    await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(trx);
  });
}

describe('append-only table', () => {
  it.each([
    ['UPDATE', sql`UPDATE audit_events SET action = 'nothing.happened'`],
    ['DELETE', sql`DELETE FROM audit_events`],
    ['TRUNCATE', sql`TRUNCATE audit_events`],
  ])('rejects %s', async (operation, statement) => {
    await record(randomUUID(), 'test.kept');
    await expect(statement.execute(t.db)).rejects.toMatchObject({
      code: '42501',
      message: `audit_events is append-only (${operation} rejected)`,
    });
    const rows = await t.db.selectFrom('audit_events').select('action').execute();
    expect(rows).toEqual([{ action: 'test.kept' }]);
  });
});

describe('verifyAuditChains', () => {
  it('accepts untouched chains of several organizations and the system chain', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await record(a, 'test.one');
    await record(b, 'test.two', { zeta: 1, alpha: 'jsonb reorders these keys' });
    await record(null, 'test.system');
    await record(a, 'test.three');
    expect(await verifyAuditChains(t.db, TEST_AUDIT_KEY)).toEqual({ ok: true, rowsChecked: 4, chains: 3 });
    const system = await t.db.selectFrom('audit_events').select('chain_id').where('action', '=', 'test.system').executeTakeFirstOrThrow();
    expect(system.chain_id).toBe(SYSTEM_CHAIN_ID);
  });

  it('accepts an empty trail', async () => {
    expect(await verifyAuditChains(t.db, TEST_AUDIT_KEY)).toEqual({ ok: true, rowsChecked: 0, chains: 0 });
  });

  it('refuses a chain checked with another key', async () => {
    await record(randomUUID(), 'test.one');
    const result = await verifyAuditChains(t.db, Buffer.alloc(32, 1));
    expect(result).toMatchObject({ ok: false, first: { problem: 'altered', chainSeq: 1 } });
  });

  type Rows = Awaited<ReturnType<typeof chainOfFive>>;
  it.each<[string, (rows: Rows) => (trx: Transaction<Database>) => Promise<unknown>, { index: number; problem: string; chainSeq: number }]>(
    [
      [
        'an altered action',
        (rows) => (trx) => trx.updateTable('audit_events').set({ action: 'test.harmless' }).where('id', '=', at(rows, 2).id).execute(),
        { index: 2, problem: 'altered', chainSeq: 3 },
      ],
      [
        'altered details',
        (rows) => (trx) =>
          sql`UPDATE audit_events SET details = jsonb_set(details, '{step}', '99') WHERE id = ${at(rows, 1).id}`.execute(trx),
        { index: 1, problem: 'altered', chainSeq: 2 },
      ],
      [
        'a time moved by one millisecond',
        (rows) => (trx) =>
          trx
            .updateTable('audit_events')
            .set({ occurred_at: new Date(at(rows, 3).occurred_at.getTime() + 1) })
            .where('id', '=', at(rows, 3).id)
            .execute(),
        { index: 3, problem: 'altered', chainSeq: 4 },
      ],
      [
        'a user id swapped',
        (rows) => (trx) => trx.updateTable('audit_events').set({ user_id: randomUUID() }).where('id', '=', at(rows, 4).id).execute(),
        { index: 4, problem: 'altered', chainSeq: 5 },
      ],
      [
        'an altered row with a hash recomputed without the key',
        (rows) => (trx) => {
          const row = at(rows, 2);
          const forged = chainHash(Buffer.alloc(32, 0), row.prev_hash, { ...fieldsOf(row), action: 'test.forged' });
          return trx.updateTable('audit_events').set({ action: 'test.forged', hash: forged }).where('id', '=', row.id).execute();
        },
        { index: 2, problem: 'altered', chainSeq: 3 },
      ],
      [
        'a deleted middle row (reported at the row after the gap)',
        (rows) => (trx) => trx.deleteFrom('audit_events').where('id', '=', at(rows, 2).id).execute(),
        { index: 3, problem: 'missing_or_reordered', chainSeq: 4 },
      ],
      [
        'a deleted first row',
        (rows) => (trx) => trx.deleteFrom('audit_events').where('id', '=', at(rows, 0).id).execute(),
        { index: 1, problem: 'missing_or_reordered', chainSeq: 2 },
      ],
      [
        'two rows swapped in order',
        (rows) => async (trx) => {
          const [second, third] = [at(rows, 1), at(rows, 2)];
          await trx.updateTable('audit_events').set({ chain_seq: -1 }).where('id', '=', second.id).execute();
          await trx.updateTable('audit_events').set({ chain_seq: 2 }).where('id', '=', third.id).execute();
          await trx.updateTable('audit_events').set({ chain_seq: 3 }).where('id', '=', second.id).execute();
        },
        { index: 2, problem: 'missing_or_reordered', chainSeq: 2 },
      ],
      [
        'a deleted row whose successor was renumbered to close the gap',
        (rows) => async (trx) => {
          await trx.deleteFrom('audit_events').where('id', '=', at(rows, 2).id).execute();
          await trx.updateTable('audit_events').set({ chain_seq: 3 }).where('id', '=', at(rows, 3).id).execute();
        },
        { index: 3, problem: 'missing_or_reordered', chainSeq: 3 },
      ],
    ],
  )('names the first bad row after %s', async (_label, change, expected) => {
    const rows = await chainOfFive();
    expect(await verifyAuditChains(t.db, TEST_AUDIT_KEY)).toMatchObject({ ok: true });
    await tamper(change(rows));
    const result = await verifyAuditChains(t.db, TEST_AUDIT_KEY);
    expect(result).toMatchObject({
      ok: false,
      first: { chainId: at(rows, 0).chain_id, rowId: at(rows, expected.index).id, chainSeq: expected.chainSeq, problem: expected.problem },
    });
    if (!result.ok) expect(result.first.message).toContain(`row ${at(rows, expected.index).id}`);
  });

  it('reports a broken chain through the health endpoint', async () => {
    const rows = await chainOfFive();
    await tamper((trx) => trx.updateTable('audit_events').set({ outcome: 'failure' }).where('id', '=', at(rows, 4).id).execute());
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'degraded', database: 'ok', auditChain: 'broken' });
    expect(health.json().auditProblem).toContain(`row ${at(rows, 4).id}`);
  });

  it('checks only new rows when given the heads of an earlier run', async () => {
    const org = randomUUID();
    await record(org, 'test.one');
    await record(org, 'test.two');
    const heads = new Map();
    expect(await verifyAuditChains(t.db, TEST_AUDIT_KEY, heads)).toMatchObject({ ok: true, rowsChecked: 2 });
    await record(org, 'test.three');
    expect(await verifyAuditChains(t.db, TEST_AUDIT_KEY, heads)).toMatchObject({ ok: true, rowsChecked: 1 });
    expect(heads.get(`${org}/0`)).toMatchObject({ seq: 3 });
  });
});

describe('writer', () => {
  it('spreads 50 concurrent transactions over the shards, each a valid chain with consecutive numbers', async () => {
    const org = randomUUID();
    const other = randomUUID();
    const pool = createDb(dbUrl, 20);
    const write = createAuditWriter(TEST_AUDIT_KEY, t.clock.now);
    try {
      await Promise.all(
        Array.from({ length: 50 }, (_unused, i) =>
          pool.transaction().execute(async (trx) => {
            await write(trx, event(org, `test.parallel_${i}`));
            await new Promise((resolve) => setTimeout(resolve, 20)); // hold the shard like a real request would
            await write(trx, event(org, `test.parallel_${i}_second`));
            if (i % 5 === 0) await write(trx, event(other, `test.other_${i}`));
          }),
        ),
      );
    } finally {
      await pool.destroy();
    }
    const rows = await t.db
      .selectFrom('audit_events')
      .select(['chain_shard', 'chain_seq', 'prev_hash', 'hash', 'request_id', 'action'])
      .where('chain_id', '=', org)
      .orderBy('chain_shard')
      .orderBy('chain_seq')
      .execute();
    expect(rows).toHaveLength(100);
    const shards = new Map<number, typeof rows>();
    for (const row of rows) shards.set(row.chain_shard, [...(shards.get(row.chain_shard) ?? []), row]);
    // Concurrency used more than one shard, never more than AUDIT_SHARDS.
    expect(shards.size).toBeGreaterThan(1);
    expect(shards.size).toBeLessThanOrEqual(AUDIT_SHARDS);
    for (const chain of shards.values()) {
      expect(chain.map((r) => r.chain_seq)).toEqual(Array.from({ length: chain.length }, (_unused, i) => i + 1));
      for (let i = 1; i < chain.length; i += 1) expect(chain[i]?.prev_hash).toBe(chain[i - 1]?.hash);
    }
    // Both events of one transaction sit in the same shard.
    const shardOfAction = new Map(rows.map((r) => [r.action, r.chain_shard]));
    for (let i = 0; i < 50; i += 1) expect(shardOfAction.get(`test.parallel_${i}_second`)).toBe(shardOfAction.get(`test.parallel_${i}`));
    expect(await verifyAuditChains(t.db, TEST_AUDIT_KEY)).toMatchObject({ ok: true, rowsChecked: 110 });
  });

  it('keeps a quiet organization on one chain (shard 0)', async () => {
    const org = randomUUID();
    for (let i = 0; i < 5; i += 1) await record(org, `test.quiet_${i}`);
    const rows = await t.db
      .selectFrom('audit_events')
      .select(['chain_shard', 'chain_seq'])
      .where('chain_id', '=', org)
      .orderBy('chain_seq')
      .execute();
    expect(rows).toEqual(Array.from({ length: 5 }, (_unused, i) => ({ chain_shard: 0, chain_seq: i + 1 })));
  });

  it('leaves no gap when the transaction that wrote an event rolls back', async () => {
    const org = randomUUID();
    await record(org, 'test.one');
    await expect(
      t.db.transaction().execute(async (trx) => {
        await t.deps.audit(trx, event(org, 'test.undone'));
        throw new Error('the change this event described failed');
      }),
    ).rejects.toThrow('the change this event described failed');
    await record(org, 'test.two');
    const rows = await t.db
      .selectFrom('audit_events')
      .select(['action', 'chain_seq'])
      .where('chain_id', '=', org)
      .orderBy('chain_seq')
      .execute();
    expect(rows).toEqual([
      { action: 'test.one', chain_seq: 1 },
      { action: 'test.two', chain_seq: 2 },
    ]);
    expect(await verifyAuditChains(t.db, TEST_AUDIT_KEY)).toMatchObject({ ok: true });
  });

  it('never lets time run backwards within a chain when the host clock steps back', async () => {
    const org = randomUUID();
    await record(org, 'test.before');
    const first = t.clock.now();
    t.clock.advance(-3600 * 1000);
    await record(org, 'test.after_clock_step');
    const rows = await t.db.selectFrom('audit_events').select(['occurred_at']).where('chain_id', '=', org).orderBy('chain_seq').execute();
    expect(rows.map((r) => r.occurred_at.getTime())).toEqual([first.getTime(), first.getTime()]);
    expect(await verifyAuditChains(t.db, TEST_AUDIT_KEY)).toMatchObject({ ok: true });
  });
});

function at<T>(rows: T[], index: number): T {
  const row = rows[index];
  if (row === undefined) throw new Error(`no row ${index}`);
  return row;
}

function fieldsOf(row: Awaited<ReturnType<typeof chainOfFive>>[number]) {
  return {
    chainId: row.chain_id,
    chainShard: row.chain_shard,
    chainSeq: row.chain_seq,
    occurredAt: row.occurred_at,
    organizationId: row.organization_id,
    userId: row.user_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    patientId: row.patient_id,
    outcome: row.outcome,
    clientIp: row.client_ip,
    requestId: row.request_id,
    details: row.details,
  };
}
