import type { Kysely } from 'kysely';
import type { PatientLanguage } from '../../../domain/patients/patient-language.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type PlanLinkRecord = {
  id: string;
  organizationId: string;
  patientId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  createdBy: { id: string; name: string };
  createdAt: Date;
  lastViewedAt: Date | null;
};

function base(db: Q) {
  return db
    .selectFrom('safety_plan_links as l')
    .innerJoin('users as u', 'u.id', 'l.created_by')
    .select([
      'l.id',
      'l.organization_id',
      'l.patient_id',
      'l.expires_at',
      'l.revoked_at',
      'l.created_by',
      'l.created_at',
      'l.last_viewed_at',
      'u.display_name',
    ]);
}

type Row = {
  id: string;
  organization_id: string;
  patient_id: string;
  expires_at: Date;
  revoked_at: Date | null;
  created_by: string;
  created_at: Date;
  last_viewed_at: Date | null;
  display_name: string;
};

const toRecord = (r: Row): PlanLinkRecord => ({
  id: r.id,
  organizationId: r.organization_id,
  patientId: r.patient_id,
  expiresAt: new Date(r.expires_at),
  revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
  createdBy: { id: r.created_by, name: r.display_name },
  createdAt: new Date(r.created_at),
  lastViewedAt: r.last_viewed_at === null ? null : new Date(r.last_viewed_at),
});

export async function insertLink(
  db: Q,
  input: { organizationId: string; patientId: string; tokenHash: Buffer; expiresAt: Date; createdBy: string; createdAt: Date },
): Promise<string> {
  const row = await db
    .insertInto('safety_plan_links')
    .values({
      organization_id: input.organizationId,
      patient_id: input.patientId,
      token_hash: input.tokenHash,
      expires_at: input.expiresAt,
      created_by: input.createdBy,
      created_at: input.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listLinks(db: Q, organizationId: string, patientId: string): Promise<PlanLinkRecord[]> {
  const rows = await base(db)
    .where('l.organization_id', '=', organizationId)
    .where('l.patient_id', '=', patientId)
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id')
    .execute();
  return rows.map(toRecord);
}

export async function findLink(db: Q, organizationId: string, patientId: string, linkId: string, options: { lock?: boolean } = {}) {
  let q = base(db).where('l.organization_id', '=', organizationId).where('l.patient_id', '=', patientId).where('l.id', '=', linkId);
  if (options.lock) q = q.forUpdate('l');
  const row = await q.executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** What a link page needs of its patient: the name it greets (preferred name only) and the language it opens in (decision 0033). */
export type LinkPatient = { preferredName: string | null; language: PatientLanguage | null };

/**
 * By token hash across organizations: the token is the capability (decision 0024). The same query
 * brings what the page needs of the patient.
 */
export async function findLinkByHash(db: Q, tokenHash: Buffer): Promise<(PlanLinkRecord & { patient: LinkPatient }) | null> {
  const row = await base(db)
    .innerJoin('patients as p', (join) => join.onRef('p.organization_id', '=', 'l.organization_id').onRef('p.id', '=', 'l.patient_id'))
    .select(['p.preferred_name', 'p.preferred_language'])
    .where('l.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? { ...toRecord(row), patient: { preferredName: row.preferred_name, language: row.preferred_language } } : null;
}

export async function revokeLink(db: Q, linkId: string, input: { at: Date; by: string }): Promise<void> {
  await db
    .updateTable('safety_plan_links')
    .set({ revoked_at: input.at, revoked_by: input.by })
    .where('id', '=', linkId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function markViewed(db: Q, linkId: string, at: Date): Promise<void> {
  await db.updateTable('safety_plan_links').set({ last_viewed_at: at }).where('id', '=', linkId).execute();
}
