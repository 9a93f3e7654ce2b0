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

/**
 * The chain is checked incrementally: each call verifies only rows added since the last call,
 * starting from a full check. `npm run audit:verify` re-checks everything from the first row.
 */
export function createHealthCheck(deps: AppDeps, version: string): () => Promise<Health> {
  const heads: VerifiedHeads = new Map();
  let broken: string | undefined;
  return async () => {
    try {
      await sql`SELECT 1`.execute(deps.db);
    } catch {
      return { status: 'down', database: 'down', auditChain: 'unknown', version };
    }
    if (!broken) {
      const result = await verifyAuditChains(deps.db, deps.auditKey, heads);
      if (!result.ok) broken = result.first.message;
    }
    return broken
      ? { status: 'degraded', database: 'ok', auditChain: 'broken', auditProblem: broken, version }
      : { status: 'ok', database: 'ok', auditChain: 'ok', version };
  };
}
