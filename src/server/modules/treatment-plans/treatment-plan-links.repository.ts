import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { LinkPatient } from '../safety/safety-plan-links.repository.js';

type Q = Kysely<Database>;

export type SignLinkRecord = {
  id: string;
  organizationId: string;
  planId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  createdBy: { id: string; name: string };
  createdAt: Date;
};

function base(db: Q) {
  return db
    .selectFrom('treatment_plan_sign_links as l')
    .innerJoin('users as u', 'u.id', 'l.created_by')
    .select([
      'l.id',
      'l.organization_id',
      'l.plan_id',
      'l.expires_at',
      'l.used_at',
      'l.revoked_at',
      'l.created_by',
      'l.created_at',
      'u.display_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

const nullableDate = (value: Date | string | null) => (value === null ? null : new Date(value));

const toRecord = (r: Row): SignLinkRecord => ({
  id: r.id,
  organizationId: r.organization_id,
  planId: r.plan_id,
  expiresAt: new Date(r.expires_at),
  usedAt: nullableDate(r.used_at),
  revokedAt: nullableDate(r.revoked_at),
  createdBy: { id: r.created_by, name: r.display_name },
  createdAt: new Date(r.created_at),
});

export async function insertLink(
  db: Q,
  input: { organizationId: string; planId: string; tokenHash: Buffer; expiresAt: Date; createdBy: string; createdAt: Date },
): Promise<string> {
  const row = await db
    .insertInto('treatment_plan_sign_links')
    .values({
      organization_id: input.organizationId,
      plan_id: input.planId,
      token_hash: input.tokenHash,
      expires_at: input.expiresAt,
      created_by: input.createdBy,
      created_at: input.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listLinks(db: Q, organizationId: string, planId: string): Promise<SignLinkRecord[]> {
  const rows = await base(db)
    .where('l.organization_id', '=', organizationId)
    .where('l.plan_id', '=', planId)
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id')
    .execute();
  return rows.map(toRecord);
}

export async function findLink(db: Q, organizationId: string, planId: string, linkId: string, options: { lock?: boolean } = {}) {
  let query = base(db).where('l.organization_id', '=', organizationId).where('l.plan_id', '=', planId).where('l.id', '=', linkId);
  if (options.lock) query = query.forUpdate('l');
  const row = await query.executeTakeFirst();
  return row ? toRecord(row) : null;
}

/**
 * By token hash across organizations: the token is the capability (decision 0026). The same query
 * brings what the page needs of the plan's patient (name to greet, language, decision 0033).
 */
export async function findLinkByHash(
  db: Q,
  tokenHash: Buffer,
  options: { lock?: boolean } = {},
): Promise<(SignLinkRecord & { patient: LinkPatient }) | null> {
  let query = base(db)
    .innerJoin('treatment_plans as tp', (join) =>
      join.onRef('tp.organization_id', '=', 'l.organization_id').onRef('tp.id', '=', 'l.plan_id'),
    )
    .innerJoin('patients as p', (join) => join.onRef('p.organization_id', '=', 'tp.organization_id').onRef('p.id', '=', 'tp.patient_id'))
    .select(['p.preferred_name', 'p.preferred_language'])
    .where('l.token_hash', '=', tokenHash);
  if (options.lock) query = query.forUpdate('l');
  const row = await query.executeTakeFirst();
  return row ? { ...toRecord(row), patient: { preferredName: row.preferred_name, language: row.preferred_language } } : null;
}

export async function revokeLink(db: Q, linkId: string, at: Date): Promise<void> {
  await db
    .updateTable('treatment_plan_sign_links')
    .set({ revoked_at: at })
    .where('id', '=', linkId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Any other open link of the version stops working once the patient has signed. */
export async function markUsed(db: Q, linkId: string, at: Date): Promise<void> {
  await db.updateTable('treatment_plan_sign_links').set({ used_at: at }).where('id', '=', linkId).where('used_at', 'is', null).execute();
}
