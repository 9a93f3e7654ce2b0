import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

// A director's reassignment of a pending co-signature (decision 0034). The locking triggers of
// migration 0013 allow exactly these updates: cosigner_id and updated_at of a note awaiting it.

type Q = Kysely<Database>;

export type ReassignmentRow = {
  organizationId: string;
  target: { clinicalNoteId: string } | { groupNoteId: string };
  fromCosignerId: string;
  toCosignerId: string;
  reason: string;
  reassignedBy: string;
  now: Date;
};

/** The record of who moved the co-signature, from whom, to whom and why; returns its id. */
export async function insertReassignment(db: Q, row: ReassignmentRow): Promise<string> {
  const inserted = await db
    .insertInto('cosigner_reassignments')
    .values({
      organization_id: row.organizationId,
      clinical_note_id: 'clinicalNoteId' in row.target ? row.target.clinicalNoteId : null,
      group_note_id: 'groupNoteId' in row.target ? row.target.groupNoteId : null,
      from_cosigner_id: row.fromCosignerId,
      to_cosigner_id: row.toCosignerId,
      reason: row.reason,
      reassigned_by: row.reassignedBy,
      reassigned_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function setNoteCosigner(db: Q, organizationId: string, noteId: string, cosignerId: string, now: Date): Promise<void> {
  await db
    .updateTable('clinical_notes')
    .set({ cosigner_id: cosignerId, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', noteId)
    .where('status', '=', 'awaiting_cosign')
    .execute();
}

/**
 * The group note first, then every attendee note it wrote (the trigger lets an attendee note take
 * only its group note's co-signer). Returns the attendee notes moved, by patient.
 */
export async function setGroupNoteCosigner(
  db: Q,
  organizationId: string,
  groupNoteId: string,
  cosignerId: string,
  now: Date,
): Promise<Map<string, string>> {
  await db
    .updateTable('group_notes')
    .set({ cosigner_id: cosignerId, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', groupNoteId)
    .where('status', '=', 'awaiting_cosign')
    .execute();
  const rows = await db
    .updateTable('clinical_notes')
    .set({ cosigner_id: cosignerId, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('group_note_id', '=', groupNoteId)
    .where('status', '=', 'awaiting_cosign')
    .returning(['id', 'patient_id'])
    .execute();
  return new Map(rows.map((row) => [row.patient_id, row.id]));
}
