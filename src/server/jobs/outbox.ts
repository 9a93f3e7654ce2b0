import { sql, type Kysely } from 'kysely';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Database } from '../db/schema.js';

type Q = Kysely<Database>;

export type OutboxMessage = { organizationId: string | null; kind: string; payload: Record<string, unknown> };

/** Written in the caller's transaction: the side effect exists if and only if the change committed. */
export async function enqueue(db: Q, message: OutboxMessage): Promise<void> {
  await db
    .insertInto('outbox')
    .values({ organization_id: message.organizationId, kind: message.kind, payload: JSON.stringify(message.payload) })
    .execute();
}

export type Transport = (message: { id: string; kind: string; payload: unknown }) => Promise<void>;

/** Development transport: records that a message would be sent, by id only (no addresses or content in logs). */
export function logTransport(log: Logger): Transport {
  return (message) => {
    log.info({ outboxId: message.id, kind: message.kind }, 'outbox message delivered (log transport)');
    return Promise.resolve();
  };
}

/**
 * Delivers due messages at least once. SKIP LOCKED lets several app servers share the work;
 * a failure backs off exponentially and keeps the message.
 */
export async function dispatchDue(db: Q, transport: Transport, now: Date, batch = 20): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('outbox')
      .select(['id', 'kind', 'payload', 'attempts'])
      .where('delivered_at', 'is', null)
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const message of due) {
      try {
        await transport({ id: message.id, kind: message.kind, payload: message.payload });
        await trx
          .updateTable('outbox')
          .set({ delivered_at: now, attempts: message.attempts + 1 })
          .where('id', '=', message.id)
          .execute();
      } catch (error) {
        const delaySeconds = Math.min(2 ** message.attempts * 30, 3600);
        await trx
          .updateTable('outbox')
          .set({
            attempts: message.attempts + 1,
            last_error: error instanceof Error ? error.message.slice(0, 500) : 'delivery failed',
            next_attempt_at: sql<Date>`${now}::timestamptz + make_interval(secs => ${delaySeconds})`,
          })
          .where('id', '=', message.id)
          .execute();
      }
    }
    return due.length;
  });
}
