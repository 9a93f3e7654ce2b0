import type { Kysely } from 'kysely';
import type { ThrottleState } from '../../../domain/access/login-throttle.js';
import type { Database } from '../../db/schema.js';
import type { SessionStage } from '../../context.js';
import { toUser, userQuery, type UserRecord } from '../users/users.repository.js';

type Q = Kysely<Database>;

export type SessionRecord = {
  id: string;
  userId: string;
  organizationId: string;
  organizationName: string;
  isDemoOrganization: boolean;
  stage: SessionStage;
  csrfToken: string;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
};

export async function insertSession(
  db: Q,
  s: {
    id: string;
    userId: string;
    organizationId: string;
    stage: SessionStage;
    csrfToken: string;
    now: Date;
    absoluteExpiresAt: Date;
    clientIp: string;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      organization_id: s.organizationId,
      stage: s.stage,
      csrf_token: s.csrfToken,
      created_at: s.now,
      last_seen_at: s.now,
      absolute_expires_at: s.absoluteExpiresAt,
      client_ip: s.clientIp,
    })
    .execute();
}

/** The open session and its user in one round trip: every signed-in request starts here. */
export async function findOpenSession(db: Q, id: string): Promise<{ session: SessionRecord; user: UserRecord } | undefined> {
  const row = await userQuery(db)
    .innerJoin('sessions as s', 's.user_id', 'u.id')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .select([
      's.id as session_id',
      's.organization_id as session_organization_id',
      'o.name as organization_name',
      'o.is_demo',
      's.stage',
      's.csrf_token',
      's.last_seen_at',
      's.absolute_expires_at',
    ])
    .where('s.id', '=', id)
    .where('s.ended_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    session: {
      id: row.session_id,
      userId: row.id,
      organizationId: row.session_organization_id,
      organizationName: row.organization_name,
      isDemoOrganization: row.is_demo,
      stage: row.stage,
      csrfToken: row.csrf_token,
      lastSeenAt: row.last_seen_at,
      absoluteExpiresAt: row.absolute_expires_at,
    },
    user: toUser(row),
  };
}

export async function endSession(db: Q, id: string, reason: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ ended_at: now, ended_reason: reason })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .execute();
}

export async function endSessionsOfUser(db: Q, userId: string, reason: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ ended_at: now, ended_reason: reason })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function touchSession(db: Q, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).where('ended_at', 'is', null).execute();
}

export async function getThrottle(db: Q, key: string): Promise<ThrottleState | undefined> {
  const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  return row && { failures: row.failures, windowStartedAt: row.window_started_at, blockedUntil: row.blocked_until };
}

export async function putThrottle(db: Q, key: string, state: ThrottleState): Promise<void> {
  const values = { failures: state.failures, window_started_at: state.windowStartedAt, blocked_until: state.blockedUntil };
  await db
    .insertInto('login_throttle')
    .values({ key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute();
}

export async function clearThrottle(db: Q, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

export async function replaceRecoveryCodes(db: Q, userId: string, hashes: string[]): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

/** Marks a matching unused recovery code as used; true when one was consumed. */
export async function useRecoveryCode(db: Q, userId: string, hash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type OneTimeToken = { kind: 'setup' | 'invite'; organizationId: string | null; userId: string | null; expiresAt: Date };

export async function insertOneTimeToken(
  db: Q,
  t: { hash: string; kind: 'setup' | 'invite'; organizationId: string | null; userId: string | null; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('one_time_tokens')
    .values({
      token_hash: t.hash,
      kind: t.kind,
      organization_id: t.organizationId,
      user_id: t.userId,
      created_at: t.now,
      expires_at: t.expiresAt,
    })
    .execute();
}

export async function findUsableToken(db: Q, hash: string, kind: 'setup' | 'invite', now: Date): Promise<OneTimeToken | undefined> {
  const row = await db
    .selectFrom('one_time_tokens')
    .selectAll()
    .where('token_hash', '=', hash)
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row && { kind: row.kind, organizationId: row.organization_id, userId: row.user_id, expiresAt: row.expires_at };
}

/** Consumes the token; false if another request used it first. */
export async function useToken(db: Q, hash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('one_time_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeUserTokens(db: Q, userId: string, now: Date): Promise<void> {
  await db.updateTable('one_time_tokens').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

export type OrganizationRecord = { id: string; name: string; isDemo: boolean };

export async function findOrganization(db: Q, id: string): Promise<OrganizationRecord> {
  const row = await db.selectFrom('organizations').select(['id', 'name', 'is_demo']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, isDemo: row.is_demo };
}
