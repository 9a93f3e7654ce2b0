import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type ClosureRecord = { id: string; siteId: string | null; date: string; reason: string };

export const CLOSURE_UNIQUE = 'closures_unique';

function baseQuery(db: Q, organizationId: string) {
  return db.selectFrom('closures').select(['id', 'site_id', 'closed_on', 'reason']).where('organization_id', '=', organizationId);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toClosure(row: Row): ClosureRecord {
  return { id: row.id, siteId: row.site_id, date: row.closed_on, reason: row.reason };
}

/**
 * Closures from `from` to `to` (local dates, both inclusive). With a site: that site's closures and
 * the organization-wide ones, which close it too.
 */
export async function listClosures(
  db: Q,
  organizationId: string,
  range: { from: string; to: string },
  siteId?: string,
): Promise<ClosureRecord[]> {
  let query = baseQuery(db, organizationId).where('closed_on', '>=', range.from).where('closed_on', '<=', range.to);
  if (siteId !== undefined) query = query.where((eb) => eb.or([eb('site_id', '=', siteId), eb('site_id', 'is', null)]));
  const rows = await query
    .orderBy('closed_on')
    .orderBy('site_id', (ob) => ob.nullsFirst())
    .execute();
  return rows.map(toClosure);
}

export async function findClosure(db: Q, organizationId: string, closureId: string): Promise<ClosureRecord | undefined> {
  const row = await baseQuery(db, organizationId).where('id', '=', closureId).executeTakeFirst();
  return row && toClosure(row);
}

/** The organization-wide closure on that date, if any. */
export async function findOrganizationClosure(db: Q, organizationId: string, date: string): Promise<ClosureRecord | undefined> {
  const row = await baseQuery(db, organizationId).where('site_id', 'is', null).where('closed_on', '=', date).executeTakeFirst();
  return row && toClosure(row);
}

export async function insertClosure(
  db: Q,
  input: { organizationId: string; siteId: string | null; date: string; reason: string },
): Promise<string> {
  const row = await db
    .insertInto('closures')
    .values({ organization_id: input.organizationId, site_id: input.siteId, closed_on: input.date, reason: input.reason })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteClosure(db: Q, organizationId: string, closureId: string): Promise<void> {
  await db.deleteFrom('closures').where('organization_id', '=', organizationId).where('id', '=', closureId).execute();
}
