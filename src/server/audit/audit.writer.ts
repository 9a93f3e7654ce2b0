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

/**
 * Appends to the organization's hash chain inside the caller's transaction, so the audit row
 * commits or rolls back with the change it describes. One chain per organization keeps tenants
 * from serialising on each other; the advisory lock orders writers within a chain.
 */
export function createAuditWriter(key: Buffer, clock: () => Date): AuditWriter {
  return async (trx, event) => {
    const chainId = event.organizationId ?? SYSTEM_CHAIN_ID;
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${chainId}, 7))`.execute(trx);
    const last = await trx
      .selectFrom('audit_events')
      .select(['chain_seq', 'hash', 'occurred_at'])
      .where('chain_id', '=', chainId)
      .orderBy('chain_seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    // Time never runs backwards inside a chain, even if the host clock steps back.
    const now = clock();
    const occurredAt = last && last.occurred_at.getTime() > now.getTime() ? last.occurred_at : now;
    const fields = {
      chainId,
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
