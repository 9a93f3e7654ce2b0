import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

// Organization-scoped reads of other areas' rows that scheduling needs: programs and their site's
// zone, rooms, staff (with their staff profile) and patients. Another tenant's id finds nothing.

type Q = Kysely<Database>;

export type ProgramPlace = { id: string; name: string; siteId: string; siteName: string; timeZone: string };
export type SitePlace = { id: string; name: string; timeZone: string };
export type RoomRecord = { id: string; siteId: string; name: string; capacity: number; active: boolean; timeZone: string };
export type StaffRecord = {
  id: string;
  displayName: string;
  status: 'invited' | 'active' | 'deactivated';
  roles: string[];
  /** Null when the user has no staff profile yet. */
  modalities: string[] | null;
  licensedStates: string[];
};
export type PatientRecord = { id: string; displayName: string; stateOfResidence: string };

export async function findProgram(db: Q, organizationId: string, programId: string): Promise<ProgramPlace | undefined> {
  const row = await db
    .selectFrom('programs as p')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .select(['p.id', 'p.name', 'p.site_id', 's.name as site_name', 's.time_zone'])
    .where('p.organization_id', '=', organizationId)
    .where('p.id', '=', programId)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, siteId: row.site_id, siteName: row.site_name, timeZone: row.time_zone };
}

export async function findSite(db: Q, organizationId: string, siteId: string): Promise<SitePlace | undefined> {
  const row = await db
    .selectFrom('sites')
    .select(['id', 'name', 'time_zone'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', siteId)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, timeZone: row.time_zone };
}

export async function listSites(db: Q, organizationId: string): Promise<SitePlace[]> {
  const rows = await db
    .selectFrom('sites')
    .select(['id', 'name', 'time_zone'])
    .where('organization_id', '=', organizationId)
    .orderBy('name')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, timeZone: row.time_zone }));
}

export async function findRoom(db: Q, organizationId: string, roomId: string): Promise<RoomRecord | undefined> {
  const row = await db
    .selectFrom('rooms as r')
    .innerJoin('sites as s', 's.id', 'r.site_id')
    .select(['r.id', 'r.site_id', 'r.name', 'r.capacity', 'r.active', 's.time_zone'])
    .where('r.organization_id', '=', organizationId)
    .where('r.id', '=', roomId)
    .executeTakeFirst();
  return row && { id: row.id, siteId: row.site_id, name: row.name, capacity: row.capacity, active: row.active, timeZone: row.time_zone };
}

export async function roomNames(db: Q, organizationId: string, roomIds: readonly string[]): Promise<Map<string, string>> {
  if (roomIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('rooms')
    .select(['id', 'name'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', [...new Set(roomIds)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Users of the organization with their roles and staff profile (profile fields null/empty when missing). */
export async function findStaff(db: Q, organizationId: string, userIds: readonly string[]): Promise<Map<string, StaffRecord>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('staff_profiles as sp', (join) => join.onRef('sp.user_id', '=', 'u.id').onRef('sp.organization_id', '=', 'u.organization_id'))
    .select([
      'u.id',
      'u.display_name',
      'u.status',
      'sp.modalities',
      'sp.licensed_states',
      sql<string[]>`coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '{}')`.as('roles'),
    ])
    .where('u.organization_id', '=', organizationId)
    .where('u.id', 'in', [...new Set(userIds)])
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        displayName: row.display_name,
        status: row.status,
        roles: row.roles,
        modalities: row.modalities,
        licensedStates: row.licensed_states ?? [],
      },
    ]),
  );
}

export async function staffNames(db: Q, organizationId: string, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', [...new Set(userIds)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

export async function findPatient(db: Q, organizationId: string, patientId: string): Promise<PatientRecord | undefined> {
  const row = await db
    .selectFrom('patients')
    .select(['id', 'legal_first_name', 'legal_last_name', 'preferred_name', 'state_of_residence'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', patientId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      displayName: `${row.preferred_name ?? row.legal_first_name} ${row.legal_last_name}`,
      stateOfResidence: row.state_of_residence,
    }
  );
}

export type OpenEpisode = { id: string; programId: string };

export async function openEpisodesOf(db: Q, organizationId: string, patientId: string): Promise<OpenEpisode[]> {
  const rows = await db
    .selectFrom('episodes')
    .select(['id', 'program_id'])
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .where('status', '=', 'open')
    .orderBy('admitted_on')
    .execute();
  return rows.map((row) => ({ id: row.id, programId: row.program_id }));
}

export async function findEpisode(
  db: Q,
  organizationId: string,
  episodeId: string,
): Promise<{ id: string; patientId: string; programId: string; status: 'open' | 'closed' } | undefined> {
  const row = await db
    .selectFrom('episodes')
    .select(['id', 'patient_id', 'program_id', 'status'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', episodeId)
    .executeTakeFirst();
  return row && { id: row.id, patientId: row.patient_id, programId: row.program_id, status: row.status };
}

export type ClosureRecord = { date: string; reason: string; siteId: string | null };

/** Closures of one site and the organization-wide ones, on local dates from..to. */
export async function closuresFor(db: Q, organizationId: string, siteId: string, from: string, to: string): Promise<ClosureRecord[]> {
  const rows = await db
    .selectFrom('closures')
    .select(['closed_on', 'reason', 'site_id'])
    .where('organization_id', '=', organizationId)
    .where((eb) => eb.or([eb('site_id', '=', siteId), eb('site_id', 'is', null)]))
    .where('closed_on', '>=', from)
    .where('closed_on', '<=', to)
    .execute();
  return rows.map((row) => ({ date: row.closed_on, reason: row.reason, siteId: row.site_id }));
}

export type ProgramOption = { id: string; name: string; siteId: string };
export type RoomOption = { id: string; name: string; siteId: string; capacity: number; active: boolean };
export type StaffOption = { id: string; displayName: string; roles: string[]; modalities: string[]; licensedStates: string[] };

export async function listPrograms(db: Q, organizationId: string): Promise<ProgramOption[]> {
  const rows = await db
    .selectFrom('programs')
    .select(['id', 'name', 'site_id'])
    .where('organization_id', '=', organizationId)
    .where('active', '=', true)
    .orderBy('name')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, siteId: row.site_id }));
}

export async function listRooms(db: Q, organizationId: string): Promise<RoomOption[]> {
  const rows = await db
    .selectFrom('rooms')
    .select(['id', 'name', 'site_id', 'capacity', 'active'])
    .where('organization_id', '=', organizationId)
    .orderBy('name')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, siteId: row.site_id, capacity: row.capacity, active: row.active }));
}

/** Staff who can appear on a schedule: not deactivated, holding a clinical role or a staff profile. */
export async function listSchedulableStaff(db: Q, organizationId: string): Promise<StaffOption[]> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('staff_profiles as sp', (join) => join.onRef('sp.user_id', '=', 'u.id').onRef('sp.organization_id', '=', 'u.organization_id'))
    .select([
      'u.id',
      'u.display_name',
      'sp.modalities',
      'sp.licensed_states',
      sql<string[]>`coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '{}')`.as('roles'),
    ])
    .where('u.organization_id', '=', organizationId)
    .where('u.status', '<>', 'deactivated')
    .where((eb) =>
      eb.or([
        eb('sp.user_id', 'is not', null),
        eb.exists(
          eb
            .selectFrom('user_roles as r')
            .select('r.role')
            .whereRef('r.user_id', '=', 'u.id')
            .where('r.role', 'in', ['clinician', 'psychiatrist', 'director']),
        ),
      ]),
    )
    .orderBy('u.display_name')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    displayName: row.display_name,
    roles: row.roles,
    modalities: row.modalities ?? [],
    licensedStates: row.licensed_states ?? [],
  }));
}
