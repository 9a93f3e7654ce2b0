// SQL for what the plan review reads: the notes that cited a version's objectives, and the open
// episodes whose plan needs a review (or has none).
import { sql, type Kysely } from 'kysely';
import type { NoteType } from '../../../domain/notes/note-content.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type CitingNote = {
  id: string;
  noteType: NoteType;
  serviceDate: string;
  author: { id: string; name: string };
  cosignerId: string | null;
  signedAt: Date;
  addressedObjectiveIds: string[];
};

/** Signed notes of the patient that cite any of the objective ids, oldest first. */
export async function notesCiting(
  db: Q,
  organizationId: string,
  patientId: string,
  objectiveIds: readonly string[],
): Promise<CitingNote[]> {
  if (objectiveIds.length === 0) return [];
  const rows = await db
    .selectFrom('clinical_notes as n')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .select([
      'n.id',
      'n.note_type',
      'n.service_date',
      'n.author_id',
      'n.cosigner_id',
      'u.display_name',
      'n.signed_at',
      'n.addressed_objective_ids',
    ])
    .where('n.organization_id', '=', organizationId)
    .where('n.patient_id', '=', patientId)
    .where('n.status', '=', 'signed')
    .where(sql<boolean>`n.addressed_objective_ids && ${sql.val([...objectiveIds])}::uuid[]`)
    .orderBy('n.service_date')
    .orderBy('n.signed_at')
    .execute();
  return rows.flatMap((r) =>
    r.signed_at === null
      ? []
      : [
          {
            id: r.id,
            noteType: r.note_type,
            serviceDate: r.service_date,
            author: { id: r.author_id, name: r.display_name },
            cosignerId: r.cosigner_id,
            signedAt: new Date(r.signed_at),
            addressedObjectiveIds: r.addressed_objective_ids,
          },
        ],
  );
}

export type ReviewCandidate = {
  episodeId: string;
  patientId: string;
  patientName: string;
  programName: string;
  admittedOn: string;
  timeZone: string;
  planId: string | null;
  planVersion: number | null;
  reviewDueOn: string | null;
  /** A version not yet signed by the clinician (version 1 or a revision) is open. */
  hasDraft: boolean;
};

/** Every open episode with its current clinician-signed plan version (or none). */
export async function reviewCandidates(db: Q, organizationId: string): Promise<ReviewCandidate[]> {
  const rows = await db
    .selectFrom('episodes as e')
    .innerJoin('patients as pt', 'pt.id', 'e.patient_id')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('treatment_plans as tp')
          .select(['tp.id', 'tp.plan_version', 'tp.review_due_on'])
          .whereRef('tp.episode_id', '=', 'e.id')
          .where('tp.clinician_signed_at', 'is not', null)
          .orderBy('tp.plan_version', 'desc')
          .limit(1)
          .as('sp'),
      (join) => join.onTrue(),
    )
    .select([
      'e.id as episode_id',
      'e.patient_id',
      'pt.legal_first_name',
      'pt.legal_last_name',
      'pt.preferred_name',
      'p.name as program_name',
      'e.admitted_on',
      's.time_zone',
      'sp.id as plan_id',
      'sp.plan_version',
      'sp.review_due_on',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('treatment_plans as d')
              .select('d.id')
              .whereRef('d.episode_id', '=', 'e.id')
              .where('d.clinician_signed_at', 'is', null),
          )
          .as('has_draft'),
    ])
    .where('e.organization_id', '=', organizationId)
    .where('e.status', '=', 'open')
    .orderBy('sp.review_due_on', (ob) => ob.asc().nullsFirst())
    .orderBy('e.admitted_on')
    .execute();
  return rows.map((r) => ({
    episodeId: r.episode_id,
    patientId: r.patient_id,
    patientName: `${r.legal_last_name}, ${r.preferred_name ?? r.legal_first_name}`,
    programName: r.program_name,
    admittedOn: r.admitted_on,
    timeZone: r.time_zone,
    planId: r.plan_id,
    planVersion: r.plan_version,
    reviewDueOn: r.review_due_on,
    hasDraft: r.has_draft === true,
  }));
}
