import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type Site = { id: string; name: string; address: string; timeZone: string; createdAt: Date; updatedAt: Date };

export type Room = { id: string; siteId: string; name: string; capacity: number; active: boolean };

export async function insertOrganization(db: Q, input: { name: string; isDemo: boolean }): Promise<string> {
  const row = await db
    .insertInto('organizations')
    .values({ name: input.name, is_demo: input.isDemo })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertSite(
  db: Q,
  input: { organizationId: string; name: string; timeZone: string; address?: string; now?: Date },
): Promise<string> {
  const row = await db
    .insertInto('sites')
    .values({
      organization_id: input.organizationId,
      name: input.name,
      time_zone: input.timeZone,
      ...(input.address === undefined ? {} : { address: input.address }),
      ...(input.now === undefined ? {} : { created_at: input.now, updated_at: input.now }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function siteQuery(db: Q, organizationId: string) {
  return db
    .selectFrom('sites')
    .select(['id', 'name', 'address', 'time_zone', 'created_at', 'updated_at'])
    .where('organization_id', '=', organizationId);
}

type SiteRow = Awaited<ReturnType<ReturnType<typeof siteQuery>['executeTakeFirstOrThrow']>>;

function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    timeZone: row.time_zone,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listSites(db: Q, organizationId: string): Promise<Site[]> {
  const rows = await siteQuery(db, organizationId).orderBy('name').orderBy('id').execute();
  return rows.map(toSite);
}

/** Scoped to the organization: another tenant's id finds nothing. `forUpdate` locks the row. */
export async function findSite(
  db: Q,
  organizationId: string,
  siteId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Site | undefined> {
  const query = siteQuery(db, organizationId).where('id', '=', siteId);
  const row = await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  return row && toSite(row);
}

export async function updateSite(
  db: Q,
  organizationId: string,
  siteId: string,
  changes: { name?: string; address?: string; timeZone?: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('sites')
    .set({
      updated_at: now,
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.address === undefined ? {} : { address: changes.address }),
      ...(changes.timeZone === undefined ? {} : { time_zone: changes.timeZone }),
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', siteId)
    .execute();
}

/** Sessions already placed at the site: their UTC instants were computed in its current zone. */
export async function countSessionsAtSite(db: Q, organizationId: string, siteId: string): Promise<number> {
  const row = await db
    .selectFrom('sessions_of_care')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('organization_id', '=', organizationId)
    .where('site_id', '=', siteId)
    .executeTakeFirstOrThrow();
  return row.n;
}

function roomQuery(db: Q, organizationId: string) {
  return db.selectFrom('rooms').select(['id', 'site_id', 'name', 'capacity', 'active']).where('organization_id', '=', organizationId);
}

type RoomRow = Awaited<ReturnType<ReturnType<typeof roomQuery>['executeTakeFirstOrThrow']>>;

function toRoom(row: RoomRow): Room {
  return { id: row.id, siteId: row.site_id, name: row.name, capacity: row.capacity, active: row.active };
}

export async function listRooms(db: Q, organizationId: string, siteId: string, options: { includeInactive: boolean }): Promise<Room[]> {
  let query = roomQuery(db, organizationId).where('site_id', '=', siteId);
  if (!options.includeInactive) query = query.where('active', '=', true);
  const rows = await query.orderBy('name').execute();
  return rows.map(toRoom);
}

export async function findRoom(
  db: Q,
  organizationId: string,
  roomId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Room | undefined> {
  const query = roomQuery(db, organizationId).where('id', '=', roomId);
  const row = await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  return row && toRoom(row);
}

export const ROOM_NAME_UNIQUE = 'rooms_site_id_name_key';

export async function insertRoom(
  db: Q,
  input: { organizationId: string; siteId: string; name: string; capacity: number },
): Promise<string> {
  const row = await db
    .insertInto('rooms')
    .values({ organization_id: input.organizationId, site_id: input.siteId, name: input.name, capacity: input.capacity })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRoom(
  db: Q,
  organizationId: string,
  roomId: string,
  changes: { name?: string; capacity?: number; active?: boolean },
): Promise<void> {
  if (changes.name === undefined && changes.capacity === undefined && changes.active === undefined) return;
  await db
    .updateTable('rooms')
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.capacity === undefined ? {} : { capacity: changes.capacity }),
      ...(changes.active === undefined ? {} : { active: changes.active }),
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', roomId)
    .execute();
}

/** What still books the room: active group series and scheduled sessions that have not ended. */
export async function roomBookings(
  db: Q,
  organizationId: string,
  roomId: string,
  now: Date,
): Promise<{ activeTemplates: number; upcomingSessions: number }> {
  const templates = await db
    .selectFrom('group_templates')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('organization_id', '=', organizationId)
    .where('room_id', '=', roomId)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  const sessions = await db
    .selectFrom('sessions_of_care')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('organization_id', '=', organizationId)
    .where('room_id', '=', roomId)
    .where('status', '=', 'scheduled')
    .where('ends_at', '>', now)
    .executeTakeFirstOrThrow();
  return { activeTemplates: templates.n, upcomingSessions: sessions.n };
}
