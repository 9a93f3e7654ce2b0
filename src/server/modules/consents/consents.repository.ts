import type { Kysely } from 'kysely';
import type { Consent, ConsentFields } from '../../../domain/disclosure/consent.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;
type Person = { id: string; name: string };

export type ConsentRecord = Consent & {
  patientId: string;
  version: number;
  createdBy: Person;
  createdAt: Date;
  updatedAt: Date;
  activatedBy: Person | null;
  activatedAt: Date | null;
  revokedBy: Person | null;
  revocationNote: string | null;
};

/** The fields a draft may change (2.31 elements and who signed). */
export type { ConsentFields } from '../../../domain/disclosure/consent.js';

function select(db: Q, organizationId: string) {
  return db
    .selectFrom('part2_consents as c')
    .innerJoin('users as creator', 'creator.id', 'c.created_by')
    .leftJoin('users as activator', 'activator.id', 'c.activated_by')
    .leftJoin('users as revoker', 'revoker.id', 'c.revoked_by')
    .selectAll('c')
    .select(['creator.display_name as creator_name', 'activator.display_name as activator_name', 'revoker.display_name as revoker_name'])
    .where('c.organization_id', '=', organizationId);
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

const who = (id: string | null, name: string | null): Person | null => (id === null ? null : { id, name: name ?? 'Unknown user' });

function toConsent(row: Row): ConsentRecord {
  return {
    id: row.id,
    patientId: row.patient_id,
    status: row.status,
    discloser: row.discloser,
    information: row.information,
    recordKinds: row.record_kinds,
    recipients: row.recipients,
    purpose: row.purpose,
    treatmentPaymentOperations: row.treatment_payment_operations,
    revocationRightStated: row.revocation_right_stated,
    expiresOn: row.expires_on,
    expiryEvent: row.expiry_event,
    patientSignedName: row.patient_signed_name,
    signerRelationship: row.signer_relationship,
    signedOn: row.signed_on,
    revokedAt: row.revoked_at,
    version: row.version,
    createdBy: { id: row.created_by, name: row.creator_name },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    activatedBy: who(row.activated_by, row.activator_name),
    activatedAt: row.activated_at,
    revokedBy: who(row.revoked_by, row.revoker_name),
    revocationNote: row.revocation_note,
  };
}

export async function listConsents(db: Q, organizationId: string, patientId: string): Promise<ConsentRecord[]> {
  const rows = await select(db, organizationId)
    .where('c.patient_id', '=', patientId)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .execute();
  return rows.map(toConsent);
}

export async function findConsent(
  db: Q,
  organizationId: string,
  consentId: string,
  options: { lock?: boolean } = {},
): Promise<ConsentRecord | undefined> {
  let query = select(db, organizationId).where('c.id', '=', consentId);
  if (options.lock) query = query.forUpdate('c');
  const row = await query.executeTakeFirst();
  return row ? toConsent(row) : undefined;
}

function columns(fields: ConsentFields) {
  return {
    discloser: fields.discloser,
    information: fields.information,
    record_kinds: fields.recordKinds,
    recipients: fields.recipients,
    purpose: fields.purpose,
    treatment_payment_operations: fields.treatmentPaymentOperations,
    revocation_right_stated: fields.revocationRightStated,
    expires_on: fields.expiresOn,
    expiry_event: fields.expiryEvent,
    patient_signed_name: fields.patientSignedName,
    signer_relationship: fields.signerRelationship,
    signed_on: fields.signedOn,
  };
}

export async function insertConsent(
  db: Q,
  input: { organizationId: string; patientId: string; fields: ConsentFields; createdBy: string; now: Date },
): Promise<string> {
  const row = await db
    .insertInto('part2_consents')
    .values({
      organization_id: input.organizationId,
      patient_id: input.patientId,
      ...columns(input.fields),
      created_by: input.createdBy,
      created_at: input.now,
      updated_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDraft(db: Q, organizationId: string, consentId: string, fields: ConsentFields, now: Date): Promise<void> {
  await db
    .updateTable('part2_consents')
    .set((eb) => ({ ...columns(fields), updated_at: now, version: eb('version', '+', 1) }))
    .where('organization_id', '=', organizationId)
    .where('id', '=', consentId)
    .where('status', '=', 'draft')
    .execute();
}

export async function activate(db: Q, organizationId: string, consentId: string, by: string, now: Date): Promise<void> {
  await db
    .updateTable('part2_consents')
    .set((eb) => ({ status: 'active', activated_by: by, activated_at: now, updated_at: now, version: eb('version', '+', 1) }))
    .where('organization_id', '=', organizationId)
    .where('id', '=', consentId)
    .where('status', '=', 'draft')
    .execute();
}

export async function revoke(
  db: Q,
  organizationId: string,
  consentId: string,
  input: { by: string; revokedAt: Date; note: string; now: Date },
): Promise<void> {
  await db
    .updateTable('part2_consents')
    .set((eb) => ({
      status: 'revoked',
      revoked_by: input.by,
      revoked_at: input.revokedAt,
      revocation_note: input.note,
      updated_at: input.now,
      version: eb('version', '+', 1),
    }))
    .where('organization_id', '=', organizationId)
    .where('id', '=', consentId)
    .where('status', '=', 'active')
    .execute();
}
