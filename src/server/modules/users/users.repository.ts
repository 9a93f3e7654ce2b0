import { sql, type Kysely } from 'kysely';
import { isRole, type Role } from '../../../domain/access/roles.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type UserStatus = 'invited' | 'active' | 'deactivated';

export type UserRecord = {
  id: string;
  organizationId: string;
  email: string;
  displayName: string;
  status: UserStatus;
  passwordHash: string | null;
  totpSecretSealed: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  roles: Role[];
  siteIds: string[];
};

/** The user columns with roles and sites aggregated; other repositories join onto it (the session lookup). */
export function userQuery(db: Q) {
  return db
    .selectFrom('users as u')
    .select([
      'u.id',
      'u.organization_id',
      'u.email',
      'u.display_name',
      'u.status',
      'u.password_hash',
      'u.totp_secret',
      'u.totp_enabled_at',
      'u.totp_last_step',
      'u.last_login_at',
      'u.created_at',
      sql<string[]>`coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '{}')`.as('roles'),
      sql<string[]>`coalesce((SELECT array_agg(s.site_id::text ORDER BY s.site_id) FROM user_sites s WHERE s.user_id = u.id), '{}')`.as(
        'site_ids',
      ),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof userQuery>['executeTakeFirstOrThrow']>>;

export function toUser(row: Row): UserRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    email: row.email,
    displayName: row.display_name,
    status: row.status,
    passwordHash: row.password_hash,
    totpSecretSealed: row.totp_secret,
    totpEnabledAt: row.totp_enabled_at,
    totpLastStep: row.totp_last_step,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    roles: row.roles.filter(isRole),
    siteIds: row.site_ids,
  };
}

export async function findUserByEmail(db: Q, email: string): Promise<UserRecord | undefined> {
  const row = await userQuery(db).where('u.email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row && toUser(row);
}

/** Scoped to the organization: another tenant's id finds nothing. */
export async function findUser(db: Q, organizationId: string, userId: string): Promise<UserRecord | undefined> {
  const row = await userQuery(db).where('u.organization_id', '=', organizationId).where('u.id', '=', userId).executeTakeFirst();
  return row && toUser(row);
}

export async function listUsers(db: Q, organizationId: string): Promise<UserRecord[]> {
  const rows = await userQuery(db).where('u.organization_id', '=', organizationId).orderBy('u.display_name').execute();
  return rows.map(toUser);
}

export async function countUsers(db: Q): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Serialises first-admin setup: two setup links used at once must not both find no accounts. */
export async function lockFirstAdminSetup(db: Q): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended('openiop:first-admin-setup', 0))`.execute(db);
}

export async function insertUser(
  db: Q,
  input: { organizationId: string; email: string; displayName: string; status: UserStatus; passwordHash: string | null; now: Date },
): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      organization_id: input.organizationId,
      email: input.email.trim().toLowerCase(),
      display_name: input.displayName,
      status: input.status,
      password_hash: input.passwordHash,
      created_at: input.now,
      updated_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function replaceRoles(db: Q, organizationId: string, userId: string, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length === 0) return;
  await db
    .insertInto('user_roles')
    .values(roles.map((role) => ({ organization_id: organizationId, user_id: userId, role })))
    .execute();
}

export async function replaceSites(db: Q, organizationId: string, userId: string, siteIds: readonly string[]): Promise<void> {
  await db.deleteFrom('user_sites').where('user_id', '=', userId).execute();
  if (siteIds.length === 0) return;
  await db
    .insertInto('user_sites')
    .values(siteIds.map((siteId) => ({ organization_id: organizationId, user_id: userId, site_id: siteId })))
    .execute();
}

export async function updateUser(
  db: Q,
  organizationId: string,
  userId: string,
  changes: {
    displayName?: string;
    status?: UserStatus;
    passwordHash?: string;
    lastLoginAt?: Date;
    totpSecretSealed?: string | null;
    totpEnabledAt?: Date | null;
    totpLastStep?: number;
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      updated_at: now,
      ...(changes.displayName === undefined ? {} : { display_name: changes.displayName }),
      ...(changes.status === undefined ? {} : { status: changes.status }),
      ...(changes.passwordHash === undefined ? {} : { password_hash: changes.passwordHash }),
      ...(changes.lastLoginAt === undefined ? {} : { last_login_at: changes.lastLoginAt }),
      ...(changes.totpSecretSealed === undefined ? {} : { totp_secret: changes.totpSecretSealed }),
      ...(changes.totpEnabledAt === undefined ? {} : { totp_enabled_at: changes.totpEnabledAt }),
      ...(changes.totpLastStep === undefined ? {} : { totp_last_step: changes.totpLastStep }),
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', userId)
    .execute();
}

/**
 * Serialises checks that must see each other's changes within one organization (keeping its last
 * admin). NO KEY UPDATE does not block inserts that merely reference the organization.
 */
export async function lockOrganization(db: Q, organizationId: string): Promise<void> {
  await db.selectFrom('organizations').select('id').where('id', '=', organizationId).forNoKeyUpdate().execute();
}

export async function existingSiteIds(db: Q, organizationId: string, siteIds: readonly string[]): Promise<string[]> {
  if (siteIds.length === 0) return [];
  const rows = await db.selectFrom('sites').select('id').where('organization_id', '=', organizationId).where('id', 'in', siteIds).execute();
  return rows.map((row) => row.id);
}
