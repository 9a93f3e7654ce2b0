// Reads the chart records that print and leave the program: plan versions, notes with their addenda,
// the patient's identity and episodes, and the center's header. Row types stop here.
import type { Kysely } from 'kysely';
import type { NoteType } from '../../../domain/notes/note-content.js';
import type { TreatmentPlanContent } from '../../../domain/treatment-plans/plan-content.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type Person = { id: string; name: string };

export type AddendumRecord = {
  id: string;
  kind: 'correction' | 'late_entry' | 'clarification';
  body: string;
  author: Person;
  signedAt: Date;
};

export type NoteRecord = {
  id: string;
  patientId: string;
  noteType: NoteType;
  serviceDate: string;
  durationMinutes: number | null;
  content: Record<string, unknown>;
  part2: boolean;
  status: 'draft' | 'awaiting_cosign' | 'signed';
  author: Person;
  signedBy: Person | null;
  signedAt: Date | null;
  cosigner: Person | null;
  cosignedBy: Person | null;
  cosignedAt: Date | null;
  addenda: AddendumRecord[];
};

export type PlanRecord = {
  id: string;
  patientId: string;
  planVersion: number;
  content: TreatmentPlanContent;
  part2: boolean;
  createdAt: Date;
  reviewDueOn: string | null;
  revisionReason: string | null;
  clinicianSignedBy: Person | null;
  clinicianSignedAt: Date | null;
  patientSignedName: string | null;
  patientSignedAt: Date | null;
  patientSignatureMethod: 'device' | 'link' | null;
  patientDeclinedReason: string | null;
};

export type EpisodeSummary = { programName: string; levelOfCare: string; admittedOn: string; dischargedOn: string | null; part2: boolean };
export type Center = { name: string; address: string; phone: string; timeZone: string };

async function people(db: Q, organizationId: string, ids: readonly (string | null)[]): Promise<Map<string, Person>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((row) => [row.id, { id: row.id, name: row.display_name }]));
}

function person(map: Map<string, Person>, id: string | null): Person | null {
  if (id === null) return null;
  return map.get(id) ?? { id, name: 'Unknown user' };
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asPlanContent(value: unknown): TreatmentPlanContent {
  const content = asObject(value);
  return {
    problems: Array.isArray(content.problems) ? (content.problems as TreatmentPlanContent['problems']) : [],
    patientStrengthsAndPreferences:
      typeof content.patientStrengthsAndPreferences === 'string' ? content.patientStrengthsAndPreferences : '',
  };
}

const NOTE_COLUMNS = [
  'id',
  'patient_id',
  'note_type',
  'service_date',
  'duration_minutes',
  'content',
  'part2',
  'status',
  'author_id',
  'signed_by',
  'signed_at',
  'cosigner_id',
  'cosigned_by',
  'cosigned_at',
] as const;

async function toNotes(
  db: Q,
  organizationId: string,
  rows: {
    id: string;
    patient_id: string;
    note_type: NoteType;
    service_date: string;
    duration_minutes: number | null;
    content: unknown;
    part2: boolean;
    status: NoteRecord['status'];
    author_id: string;
    signed_by: string | null;
    signed_at: Date | null;
    cosigner_id: string | null;
    cosigned_by: string | null;
    cosigned_at: Date | null;
  }[],
): Promise<NoteRecord[]> {
  if (rows.length === 0) return [];
  const addenda = await db
    .selectFrom('note_addenda')
    .select(['id', 'note_id', 'kind', 'body', 'author_id', 'signed_at'])
    .where('organization_id', '=', organizationId)
    .where(
      'note_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('signed_at')
    .orderBy('id')
    .execute();
  const names = await people(db, organizationId, [
    ...rows.flatMap((row) => [row.author_id, row.signed_by, row.cosigner_id, row.cosigned_by]),
    ...addenda.map((addendum) => addendum.author_id),
  ]);
  return rows.map((row) => ({
    id: row.id,
    patientId: row.patient_id,
    noteType: row.note_type,
    serviceDate: row.service_date,
    durationMinutes: row.duration_minutes,
    content: asObject(row.content),
    part2: row.part2,
    status: row.status,
    author: person(names, row.author_id) ?? { id: row.author_id, name: 'Unknown user' },
    signedBy: person(names, row.signed_by),
    signedAt: row.signed_at,
    cosigner: person(names, row.cosigner_id),
    cosignedBy: person(names, row.cosigned_by),
    cosignedAt: row.cosigned_at,
    addenda: addenda
      .filter((addendum) => addendum.note_id === row.id)
      .map((addendum) => ({
        id: addendum.id,
        kind: addendum.kind,
        body: addendum.body,
        author: person(names, addendum.author_id) ?? { id: addendum.author_id, name: 'Unknown user' },
        signedAt: addendum.signed_at,
      })),
  }));
}

export async function findNote(db: Q, organizationId: string, noteId: string): Promise<NoteRecord | undefined> {
  const row = await db
    .selectFrom('clinical_notes')
    .select(NOTE_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('id', '=', noteId)
    .executeTakeFirst();
  if (!row) return undefined;
  const [note] = await toNotes(db, organizationId, [row]);
  return note;
}

/** Notes whose service date falls in [from, to], oldest first. */
export async function listNotes(
  db: Q,
  organizationId: string,
  patientId: string,
  range: { from: string; to: string },
): Promise<NoteRecord[]> {
  const rows = await db
    .selectFrom('clinical_notes')
    .select(NOTE_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .where('service_date', '>=', range.from)
    .where('service_date', '<=', range.to)
    .orderBy('service_date')
    .orderBy('created_at')
    .execute();
  return toNotes(db, organizationId, rows);
}

const PLAN_COLUMNS = [
  'id',
  'patient_id',
  'plan_version',
  'content',
  'part2',
  'created_at',
  'review_due_on',
  'revision_reason',
  'clinician_signed_by',
  'clinician_signed_at',
  'patient_signed_name',
  'patient_signed_at',
  'patient_signature_method',
  'patient_declined_reason',
] as const;

async function toPlans(
  db: Q,
  organizationId: string,
  rows: {
    id: string;
    patient_id: string;
    plan_version: number;
    content: unknown;
    part2: boolean;
    created_at: Date;
    review_due_on: string | null;
    revision_reason: string | null;
    clinician_signed_by: string | null;
    clinician_signed_at: Date | null;
    patient_signed_name: string | null;
    patient_signed_at: Date | null;
    patient_signature_method: 'device' | 'link' | null;
    patient_declined_reason: string | null;
  }[],
): Promise<PlanRecord[]> {
  const names = await people(
    db,
    organizationId,
    rows.map((row) => row.clinician_signed_by),
  );
  return rows.map((row) => ({
    id: row.id,
    patientId: row.patient_id,
    planVersion: row.plan_version,
    content: asPlanContent(row.content),
    part2: row.part2,
    createdAt: row.created_at,
    reviewDueOn: row.review_due_on,
    revisionReason: row.revision_reason,
    clinicianSignedBy: person(names, row.clinician_signed_by),
    clinicianSignedAt: row.clinician_signed_at,
    patientSignedName: row.patient_signed_name,
    patientSignedAt: row.patient_signed_at,
    patientSignatureMethod: row.patient_signature_method,
    patientDeclinedReason: row.patient_declined_reason,
  }));
}

export async function findPlan(db: Q, organizationId: string, planId: string): Promise<PlanRecord | undefined> {
  const row = await db
    .selectFrom('treatment_plans')
    .select(PLAN_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!row) return undefined;
  const [plan] = await toPlans(db, organizationId, [row]);
  return plan;
}

/**
 * Plan versions of the date range: those signed (or, for a draft, created) on a date in [from, to],
 * read in the center's time zone.
 */
export async function listPlans(
  db: Q,
  organizationId: string,
  patientId: string,
  range: { from: string; to: string; timeZone: string },
): Promise<PlanRecord[]> {
  const rows = await db
    .selectFrom('treatment_plans')
    .select(PLAN_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .where((eb) =>
      eb.between(
        eb.fn<string>('date', [eb.fn('timezone', [eb.val(range.timeZone), eb.fn.coalesce('clinician_signed_at', 'created_at')])]),
        eb.val(range.from),
        eb.val(range.to),
      ),
    )
    .orderBy('plan_version')
    .execute();
  return toPlans(db, organizationId, rows);
}

export async function listEpisodes(db: Q, organizationId: string, patientId: string): Promise<EpisodeSummary[]> {
  const rows = await db
    .selectFrom('episodes as e')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .select(['p.name', 'e.level_of_care', 'e.admitted_on', 'e.discharged_on', 'p.is_part2'])
    .where('e.organization_id', '=', organizationId)
    .where('e.patient_id', '=', patientId)
    .orderBy('e.admitted_on')
    .execute();
  return rows.map((row) => ({
    programName: row.name,
    levelOfCare: row.level_of_care,
    admittedOn: row.admitted_on,
    dischargedOn: row.discharged_on,
    part2: row.is_part2,
  }));
}

/** The center's header: name, public address and phone, and the time zone its dates print in (its first site's). */
export async function findCenter(db: Q, organizationId: string): Promise<Center> {
  const org = await db
    .selectFrom('organizations')
    .select(['name', 'public_address', 'public_phone'])
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
  const site = await db
    .selectFrom('sites')
    .select('time_zone')
    .where('organization_id', '=', organizationId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return { name: org.name, address: org.public_address, phone: org.public_phone, timeZone: site?.time_zone ?? 'UTC' };
}
