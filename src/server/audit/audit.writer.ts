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
 */
export function createAuditWriter(key: Buffer, clock: () => Date): AuditWriter {
  // The shard each open transaction holds, per chain (a transaction may write to two chains).
  const held = new WeakMap<object, Map<string, number>>();
  return async (trx, event) => {
    const chainId = event.organizationId ?? SYSTEM_CHAIN_ID;
    const shards = held.get(trx) ?? new Map<string, number>();
    held.set(trx, shards);
    let shard = shards.get(chainId);
    if (shard === undefined) {
      shard = await takeShard(trx, chainId);
      shards.set(chainId, shard);
    }
    const last = await trx
      .selectFrom('audit_events')
      .select(['chain_seq', 'hash', 'occurred_at'])
      .where('chain_id', '=', chainId)
      .where('chain_shard', '=', shard)
      .orderBy('chain_seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    // Time never runs backwards inside a chain, even if the host clock steps back.
    const now = clock();
    const occurredAt = last && last.occurred_at.getTime() > now.getTime() ? last.occurred_at : now;
    const fields = {
      chainId,
      chainShard: shard,
      chainSeq: (last?.chain_seq ?? 0) + 1,
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
        hash: chainHash(key, prevHash, fields),
      })
      .execute();
  };
}

/**
 * The first free shard lock in order, so a quiet organization writes one chain (shard 0) and more
 * shards fill only under concurrency; when all are busy, wait for a random one.
 */
async function takeShard(trx: Transaction<Database>, chainId: string): Promise<number> {
  for (let shard = 0; shard < AUDIT_SHARDS; shard += 1) {
    const { rows } = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(hashtextextended(${`${chainId}/${shard}`}, 7)) AS ok`.execute(trx);
    if (rows[0]?.ok) return shard;
  }
  const shard = Math.floor(Math.random() * AUDIT_SHARDS);
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${chainId}/${shard}`}, 7))`.execute(trx);
  return shard;
}
