import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type FeedRecord = { id: string; organizationId: string; userId: string; createdAt: Date };

export async function insertFeed(
  db: Q,
  input: { organizationId: string; userId: string; tokenHash: string; now: Date },
): Promise<FeedRecord> {
  const row = await db
    .insertInto('calendar_feeds')
    .values({ organization_id: input.organizationId, user_id: input.userId, token_hash: input.tokenHash, created_at: input.now })
    .returning(['id', 'organization_id', 'user_id', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, organizationId: row.organization_id, userId: row.user_id, createdAt: row.created_at };
}

/** Revokes the user's active feeds; returns how many there were. */
export async function revokeFeeds(db: Q, organizationId: string, userId: string, now: Date): Promise<number> {
  const rows = await db
    .updateTable('calendar_feeds')
    .set({ revoked_at: now })
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

export async function activeFeedOf(db: Q, organizationId: string, userId: string): Promise<FeedRecord | undefined> {
  const row = await db
    .selectFrom('calendar_feeds')
    .select(['id', 'organization_id', 'user_id', 'created_at'])
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row && { id: row.id, organizationId: row.organization_id, userId: row.user_id, createdAt: row.created_at };
}

/** The active feed a token hash opens, if its owner's account is not deactivated. */
export async function findFeedByHash(db: Q, tokenHash: string): Promise<FeedRecord | undefined> {
  const row = await db
    .selectFrom('calendar_feeds as f')
    .innerJoin('users as u', (join) => join.onRef('u.id', '=', 'f.user_id').onRef('u.organization_id', '=', 'f.organization_id'))
    .select(['f.id', 'f.organization_id', 'f.user_id', 'f.created_at'])
    .where('f.token_hash', '=', tokenHash)
    .where('f.revoked_at', 'is', null)
    .where('u.status', '<>', 'deactivated')
    .executeTakeFirst();
  return row && { id: row.id, organizationId: row.organization_id, userId: row.user_id, createdAt: row.created_at };
}
