import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type Site = { id: string; name: string; timeZone: string };

export async function insertOrganization(db: Q, input: { name: string; isDemo: boolean }): Promise<string> {
  const row = await db.insertInto('organizations').values({ name: input.name, is_demo: input.isDemo }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertSite(db: Q, input: { organizationId: string; name: string; timeZone: string }): Promise<string> {
  const row = await db
    .insertInto('sites')
    .values({ organization_id: input.organizationId, name: input.name, time_zone: input.timeZone })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listSites(db: Q, organizationId: string): Promise<Site[]> {
  const rows = await db.selectFrom('sites').select(['id', 'name', 'time_zone']).where('organization_id', '=', organizationId).orderBy('name').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, timeZone: row.time_zone }));
}
