import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { DomainError, fieldError } from '../../domain/errors.js';
import type { Database } from '../db/schema.js';

// Retried writes (a tablet on bad Wi-Fi, a double click, two devices) carry an `Idempotency-Key`
// header. The key is stored with the response in the caller's transaction (decision 0013):
// - first use: the key row is inserted before the work, so a concurrent request with the same key
//   waits on the primary key until this transaction ends, then sees the stored response;
// - same key and same request: the stored response is returned and nothing runs again;
// - same key and a different request: refused (422), never silently answered with another's result;
// - a failed request rolls back with its key row, so a retry after an error runs again.
// Keys older than KEY_TTL_HOURS are replaced rather than replayed, so a client reusing keys over
// days is not answered with a stale result.

type Q = Kysely<Database>;

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const KEY_TTL_HOURS = 24;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export type IdempotentResult<T> = { statusCode: number; body: T; replayed: boolean };

export type IdempotencyScope = {
  organizationId: string;
  /** The header value, or undefined when the client sent none (the write then runs unprotected by a key). */
  key: string | undefined;
  /** Everything that makes two requests "the same": use requestFingerprint(). */
  fingerprint: string;
  now: Date;
};

/** A stable hash of the parts that identify a request (method, route, params, caller, body). */
export function requestFingerprint(parts: Record<string, unknown>): string {
  return createHash('sha256').update(stableJson(parts)).digest('hex');
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` fingerprint alike. */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
}

export function assertIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !KEY_PATTERN.test(key)) {
    throw fieldError('headers.idempotency-key', 'must be 1 to 200 visible ASCII characters');
  }
}

/**
 * Runs `work` at most once per (organization, key) inside `trx`, which must be the request's only
 * transaction: the stored response commits or rolls back with the work it describes.
 */
export async function withIdempotency<T>(
  trx: Q,
  scope: IdempotencyScope,
  work: () => Promise<{ statusCode: number; body: T }>,
): Promise<IdempotentResult<T>> {
  if (scope.key === undefined) return { ...(await work()), replayed: false };
  assertIdempotencyKey(scope.key);
  const staleBefore = new Date(scope.now.getTime() - KEY_TTL_HOURS * 3600 * 1000);
  // status_code 0 marks "in progress"; only this transaction can see that row until it commits.
  const claimed = await sql<{ key: string }>`
    INSERT INTO idempotency_keys (organization_id, key, request_fingerprint, status_code, response, created_at)
    VALUES (${scope.organizationId}, ${scope.key}, ${scope.fingerprint}, 0, 'null'::jsonb, ${scope.now})
    ON CONFLICT (organization_id, key) DO UPDATE
      SET request_fingerprint = excluded.request_fingerprint, status_code = 0, response = 'null'::jsonb, created_at = excluded.created_at
      WHERE idempotency_keys.created_at < ${staleBefore}
    RETURNING key
  `.execute(trx);
  if (claimed.rows.length === 0) return replay<T>(trx, { ...scope, key: scope.key });

  const result = await work();
  await sql`
    UPDATE idempotency_keys SET status_code = ${result.statusCode}, response = ${JSON.stringify(result.body)}::jsonb
    WHERE organization_id = ${scope.organizationId} AND key = ${scope.key}
  `.execute(trx);
  return { ...result, replayed: false };
}

async function replay<T>(trx: Q, scope: IdempotencyScope & { key: string }): Promise<IdempotentResult<T>> {
  const stored = await trx
    .selectFrom('idempotency_keys')
    .select(['request_fingerprint', 'status_code', 'response'])
    .where('organization_id', '=', scope.organizationId)
    .where('key', '=', scope.key)
    .executeTakeFirst();
  // The row existed a moment ago and keys are never deleted inside their lifetime.
  if (!stored || stored.status_code === 0) throw new DomainError('INTERNAL', 'Idempotency key in an unexpected state');
  if (stored.request_fingerprint !== scope.fingerprint) {
    throw new DomainError(
      'RULE_VIOLATION',
      'This Idempotency-Key was already used for a different request; send a new key for a new request',
      {
        details: [{ path: 'headers.idempotency-key', message: 'already used for a different request' }],
      },
    );
  }
  return { statusCode: stored.status_code, body: stored.response as T, replayed: true };
}
