import { sql, type Kysely } from 'kysely';
import { isRole, type Role } from '../../../domain/access/roles.js';
import type { AvailabilityWindow } from '../../../domain/staff/availability.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type StaffMember = {
  userId: string;
  displayName: string;
  email: string;
  status: 'invited' | 'active' | 'deactivated';
  roles: Role[];
  siteIds: string[];
  licenceType: string;
  licensedStates: string[];
  modalities: string[];
  weeklyAvailability: AvailabilityWindow[];
  /** The supervisor who co-signs this staff member's notes (a trainee's), if any. */
  cosignSupervisorId: string | null;
  /** Explicit access to SUD counseling notes written by others (42 CFR Part 2). */
  counselingNotesAccess: boolean;
  /** null: no profile saved yet (the fields above are then empty). */
  profileUpdatedAt: Date | null;
};

export type StaffFilters = {
  role?: Role | undefined;
  siteId?: string | undefined;
  modality?: string | undefined;
  includeDeactivated?: boolean | undefined;
};

function baseQuery(db: Q, organizationId: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('staff_profiles as p', (join) => join.onRef('p.user_id', '=', 'u.id').onRef('p.organization_id', '=', 'u.organization_id'))
    .select([
      'u.id',
      'u.display_name',
      'u.email',
      'u.status',
      'p.licence_type',
      'p.licensed_states',
      'p.modalities',
      'p.weekly_availability',
      'p.cosign_supervisor_id',
      'p.counseling_notes_access',
      'p.updated_at',
      sql<string[]>`coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '{}')`.as('roles'),
      sql<string[]>`coalesce((SELECT array_agg(s.site_id::text ORDER BY s.site_id) FROM user_sites s WHERE s.user_id = u.id), '{}')`.as(
        'site_ids',
      ),
    ])
    .where('u.organization_id', '=', organizationId);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function isWindow(value: unknown): value is AvailabilityWindow {
  if (typeof value !== 'object' || value === null) return false;
  const { weekday, start, end } = value as Record<string, unknown>;
  return typeof weekday === 'number' && weekday >= 1 && weekday <= 7 && typeof start === 'string' && typeof end === 'string';
}

/** The stored JSON was validated on the way in; anything unreadable is dropped, not trusted. */
function toWindows(value: unknown): AvailabilityWindow[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isWindow).map((window) => ({ weekday: window.weekday, start: window.start, end: window.end }));
}

function toStaff(row: Row): StaffMember {
  return {
    userId: row.id,
    displayName: row.display_name,
    email: row.email,
    status: row.status,
    roles: row.roles.filter(isRole),
    siteIds: row.site_ids,
    licenceType: row.licence_type ?? '',
    licensedStates: row.licensed_states ?? [],
    modalities: row.modalities ?? [],
    weeklyAvailability: toWindows(row.weekly_availability),
    cosignSupervisorId: row.cosign_supervisor_id,
    counselingNotesAccess: row.counseling_notes_access ?? false,
    profileUpdatedAt: row.updated_at,
  };
}

export async function listStaff(db: Q, organizationId: string, filters: StaffFilters): Promise<StaffMember[]> {
  let query = baseQuery(db, organizationId);
  if (!filters.includeDeactivated) query = query.where('u.status', '!=', 'deactivated');
  if (filters.role !== undefined) {
    const role = filters.role;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('user_roles as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', '=', role)),
    );
  }
  if (filters.siteId !== undefined) {
    const siteId = filters.siteId;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('user_sites as s').select('s.user_id').whereRef('s.user_id', '=', 'u.id').where('s.site_id', '=', siteId)),
    );
  }
  if (filters.modality !== undefined) query = query.where(sql<boolean>`${filters.modality} = ANY(p.modalities)`);
  const rows = await query.orderBy('u.display_name').orderBy('u.id').execute();
  return rows.map(toStaff);
}

export async function findStaff(db: Q, organizationId: string, userIds: readonly string[]): Promise<StaffMember[]> {
  if (userIds.length === 0) return [];
  const rows = await baseQuery(db, organizationId).where('u.id', 'in', userIds).execute();
  return rows.map(toStaff);
}

/** Locks the user row so two profile saves for one person apply one after the other. */
export async function lockUser(db: Q, organizationId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', userId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function upsertProfile(
  db: Q,
  input: {
    organizationId: string;
    userId: string;
    licenceType: string;
    licensedStates: string[];
    modalities: string[];
    weeklyAvailability: AvailabilityWindow[];
    cosignSupervisorId: string | null;
    counselingNotesAccess: boolean;
    now: Date;
  },
): Promise<void> {
  const values = {
    licence_type: input.licenceType,
    licensed_states: input.licensedStates,
    modalities: input.modalities,
    weekly_availability: JSON.stringify(input.weeklyAvailability),
    cosign_supervisor_id: input.cosignSupervisorId,
    counseling_notes_access: input.counselingNotesAccess,
    updated_at: input.now,
  };
  await db
    .insertInto('staff_profiles')
    .values({ organization_id: input.organizationId, user_id: input.userId, ...values })
    .onConflict((conflict) => conflict.column('user_id').doUpdateSet(values))
    .execute();
}
