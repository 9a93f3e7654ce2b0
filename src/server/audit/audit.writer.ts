import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { GENESIS_HASH, SYSTEM_CHAIN_ID, chainHash } from './chain.js';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export type AuditEvent = {
  organizationId: string | null;
  userId: string | null;
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  patientId?: string | null;
  outcome: AuditOutcome;
  clientIp: string | null;
  requestId: string | null;
  /** Ids and codes only: never names, notes or answers. */
  details?: Record<string, string | number | boolean | null | string[]>;
};

export type AuditWriter = (trx: Transaction<Database>, event: AuditEvent) => Promise<void>;

/** Shards per organization: enough for a clinic's devices checking in at once, few enough to verify quickly. */
export const AUDIT_SHARDS = 8;

/**
 * Appends to one of the organization's hash chains inside the caller's transaction, so the audit
 * row commits or rolls back with the change it describes. Each organization has AUDIT_SHARDS
 * independent chains; a transaction takes the first shard whose lock is free (or waits for one),
 * keeps it for all its events, and appends there. Tenants never serialise on each other, and
 * writers of one tenant only when more than AUDIT_SHARDS commit at the same moment.
 *
 * Round trips: one to take the shard and read its last row (the audit_take_shard function,
 * migration 0004), then one insert per event. The transaction holds the shard lock until it
 * ends, so the row it just appended stays the shard's last and is remembered, not re-read.
 * (A savepoint rolled back after an audit append would break that; the code uses none.)
 */
export function createAuditWriter(key: Buffer, clock: () => Date): AuditWriter {
  // The shard each open transaction holds and its last row, per chain (a transaction may write to two chains).
  const held = new WeakMap<object, Map<string, HeldShard>>();
  return async (trx, event) => {
    const chainId = event.organizationId ?? SYSTEM_CHAIN_ID;
    const shards = held.get(trx) ?? new Map<string, HeldShard>();
    held.set(trx, shards);
    const state = shards.get(chainId) ?? (await takeShard(trx, chainId));
    // Time never runs backwards inside a chain, even if the host clock steps back.
    const now = clock();
    const last = state.last;
    const occurredAt = last && last.occurredAt.getTime() > now.getTime() ? last.occurredAt : now;
    const fields = {
      chainId,
      chainShard: state.shard,
      chainSeq: (last?.seq ?? 0) + 1,
      occurredAt,
      organizationId: event.organizationId,
      userId: event.userId,
      action: event.action,
      entityType: event.entityType ?? null,
      entityId: event.entityId ?? null,
      patientId: event.patientId ?? null,
      outcome: event.outcome,
      clientIp: event.clientIp,
      requestId: event.requestId,
      details: event.details ?? null,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = chainHash(key, prevHash, fields);
    await trx
      .insertInto('audit_events')
      .values({
        chain_id: fields.chainId,
        chain_shard: fields.chainShard,
        chain_seq: fields.chainSeq,
        occurred_at: fields.occurredAt,
        organization_id: fields.organizationId,
        user_id: fields.userId,
        action: fields.action,
        entity_type: fields.entityType,
        entity_id: fields.entityId,
        patient_id: fields.patientId,
        outcome: fields.outcome,
        client_ip: fields.clientIp,
        request_id: fields.requestId,
        details: fields.details === null ? null : JSON.stringify(fields.details),
        prev_hash: prevHash,
        hash,
      })
      .execute();
    shards.set(chainId, { shard: state.shard, last: { seq: fields.chainSeq, hash, occurredAt } });
  };
}

type HeldShard = { shard: number; last: { seq: number; hash: string; occurredAt: Date } | undefined };

/**
 * The first free shard lock in order, so a quiet organization writes one chain (shard 0) and more
 * shards fill only under concurrency; when all are busy, wait for a random one. Returns the
 * shard's last row, read after the lock is held.
 */
async function takeShard(trx: Transaction<Database>, chainId: string): Promise<HeldShard> {
  const { rows } = await sql<{ shard: number; last_seq: number | null; last_hash: string | null; last_occurred_at: Date | null }>`
    SELECT shard, last_seq, last_hash, last_occurred_at FROM audit_take_shard(${chainId}, ${AUDIT_SHARDS})
  `.execute(trx);
  const row = rows[0];
  if (!row) throw new Error('audit_take_shard returned no row');
  const last =
    row.last_seq === null || row.last_hash === null || row.last_occurred_at === null
      ? undefined
      : { seq: row.last_seq, hash: row.last_hash, occurredAt: row.last_occurred_at };
  return { shard: row.shard, last };
}
