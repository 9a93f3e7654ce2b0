import type { Db } from '../db/database.js';
import { GENESIS_HASH, chainHash } from './chain.js';

export type ChainProblem = {
  chainId: string;
  chainShard: number;
  /** Database id of the first row that fails, or of the row after a gap. */
  rowId: number;
  chainSeq: number;
  problem: 'altered' | 'missing_or_reordered';
  message: string;
};

export type VerifyResult = { ok: true; rowsChecked: number; chains: number } | { ok: false; rowsChecked: number; first: ChainProblem };

/** Where verification of each chain stopped, so a later run can check only the new rows. */
export type VerifiedHeads = Map<string, { seq: number; hash: string }>;

const BATCH = 5000;

export async function verifyAuditChains(db: Db, key: Buffer, heads: VerifiedHeads = new Map()): Promise<VerifyResult> {
  const chains = await db.selectFrom('audit_events').select(['chain_id', 'chain_shard']).distinct().execute();
  let rowsChecked = 0;
  for (const { chain_id: chainId, chain_shard: chainShard } of chains) {
    const headKey = `${chainId}/${chainShard}`;
    const head = heads.get(headKey);
    let expectedSeq = (head?.seq ?? 0) + 1;
    let prevHash = head?.hash ?? GENESIS_HASH;
    for (;;) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('chain_id', '=', chainId)
        .where('chain_shard', '=', chainShard)
        .where('chain_seq', '>=', expectedSeq)
        .orderBy('chain_seq')
        .limit(BATCH)
        .execute();
      for (const row of rows) {
        rowsChecked += 1;
        if (row.chain_seq !== expectedSeq || row.prev_hash !== prevHash) {
          return {
            ok: false,
            rowsChecked,
            first: {
              chainId,
              chainShard,
              rowId: row.id,
              chainSeq: row.chain_seq,
              problem: 'missing_or_reordered',
              message: `row ${row.id} (chain ${headKey} seq ${row.chain_seq}) does not follow seq ${expectedSeq - 1}: a row before it was deleted or rows were reordered`,
            },
          };
        }
        const recomputed = chainHash(key, prevHash, {
          chainId,
          chainShard,
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
        });
        if (recomputed !== row.hash) {
          return {
            ok: false,
            rowsChecked,
            first: {
              chainId,
              chainShard,
              rowId: row.id,
              chainSeq: row.chain_seq,
              problem: 'altered',
              message: `row ${row.id} (chain ${headKey} seq ${row.chain_seq}) was altered: its content does not match its HMAC`,
            },
          };
        }
        prevHash = row.hash;
        expectedSeq += 1;
      }
      if (rows.length < BATCH) break;
    }
    heads.set(headKey, { seq: expectedSeq - 1, hash: prevHash });
  }
  return { ok: true, rowsChecked, chains: chains.length };
}
