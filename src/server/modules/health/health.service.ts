import { sql } from 'kysely';
import { verifyAuditChains, type VerifiedHeads } from '../../audit/audit.verifier.js';
import type { AppDeps } from '../../context.js';

export type Health = {
  status: 'ok' | 'degraded' | 'down';
  database: 'ok' | 'down';
  auditChain: 'ok' | 'broken' | 'unknown';
  auditProblem?: string;
  version: string;
};

// A full re-check at most this often; in between, only rows added since the last check.
const FULL_CHECK_EVERY_MS = 10 * 60 * 1000;

/**
 * The chain is checked incrementally: each call verifies only rows added since the last call,
 * and everything again every ten minutes (so a rewritten old row is found within that time).
 * `npm run audit:verify` re-checks everything from the first row on demand.
 */
export function createHealthCheck(deps: AppDeps, version: string): () => Promise<Health> {
  let heads: VerifiedHeads = new Map();
  let lastFullCheck = 0;
  let broken: string | undefined;
  return async () => {
    try {
      await sql`SELECT 1`.execute(deps.db);
    } catch {
      return { status: 'down', database: 'down', auditChain: 'unknown', version };
    }
    if (!broken) {
      const now = deps.clock().getTime();
      if (now - lastFullCheck > FULL_CHECK_EVERY_MS) {
        heads = new Map();
        lastFullCheck = now;
      }
      const result = await verifyAuditChains(deps.db, deps.auditKey, heads);
      if (!result.ok) broken = result.first.message;
    }
    return broken
      ? { status: 'degraded', database: 'ok', auditChain: 'broken', auditProblem: broken, version }
      : { status: 'ok', database: 'ok', auditChain: 'ok', version };
  };
}
