import { createHmac } from 'node:crypto';

export const GENESIS_HASH = 'genesis';
export const SYSTEM_CHAIN_ID = '00000000-0000-0000-0000-000000000000';

export type ChainedFields = {
  chainId: string;
  /** 0 for the first shard; left out of the hashed form then, so rows written before sharding still verify. */
  chainShard: number;
  chainSeq: number;
  occurredAt: Date;
  organizationId: string | null;
  userId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  patientId: string | null;
  outcome: string;
  clientIp: string | null;
  requestId: string | null;
  details: unknown;
};

/** HMAC-SHA-256 over the previous row's hash and every column of this row, in a fixed order. */
export function chainHash(key: Buffer, prevHash: string, row: ChainedFields): string {
  const canonical = JSON.stringify([
    prevHash,
    row.chainShard === 0 ? row.chainId : `${row.chainId}/${row.chainShard}`,
    row.chainSeq,
    row.occurredAt.toISOString(),
    row.organizationId,
    row.userId,
    row.action,
    row.entityType,
    row.entityId,
    row.patientId,
    row.outcome,
    row.clientIp,
    row.requestId,
    canonicalJson(row.details ?? null),
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

/** jsonb does not keep key order, so the hashed form sorts keys. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
