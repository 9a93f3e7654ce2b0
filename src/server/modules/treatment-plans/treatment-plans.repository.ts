// SQL for treatment plan versions (migration 0009, decision 0025). Row types stop here.
import { sql, type Kysely } from 'kysely';
import type { IntensityRules } from '../../../domain/programs/intensity-rules.js';
import type { TreatmentPlanContent } from '../../../domain/treatment-plans/plan-content.js';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;
type Person = { id: string; name: string };

export type PlanRecord = {
  id: string;
  organizationId: string;
  patientId: string;
  episodeId: string;
  planVersion: number;
  content: TreatmentPlanContent;
  plannedDaysPerWeek: number | null;
  plannedMinutesPerWeek: number | null;
  reviewDueOn: string | null;
  reviewedOn: string | null;
  revisionReason: string | null;
  part2: boolean;
  version: number;
  createdBy: Person;
  createdAt: Date;
  updatedAt: Date;
  clinicianSignedBy: Person | null;
  clinicianSignedAt: Date | null;
  patientSignedName: string | null;
  patientSignedAt: Date | null;
  patientSignatureMethod: 'device' | 'link' | null;
  hasPatientSignatureImage: boolean;
  patientDeclinedReason: string | null;
};

function base(db: Q) {
  return db
    .selectFrom('treatment_plans as tp')
    .innerJoin('users as author', 'author.id', 'tp.created_by')
    .leftJoin('users as signer', 'signer.id', 'tp.clinician_signed_by')
    .select([
      'tp.id',
      'tp.organization_id',
      'tp.patient_id',
      'tp.episode_id',
      'tp.plan_version',
      'tp.content',
      'tp.planned_days_per_week',
      'tp.planned_minutes_per_week',
      'tp.review_due_on',
      'tp.reviewed_on',
      'tp.revision_reason',
      'tp.part2',
      'tp.version',
      'tp.created_by',
      'author.display_name as created_by_name',
      'tp.created_at',
      'tp.updated_at',
      'tp.clinician_signed_by',
      'signer.display_name as signed_by_name',
      'tp.clinician_signed_at',
      'tp.patient_signed_name',
      'tp.patient_signed_at',
      'tp.patient_signature_method',
      sql<boolean>`tp.patient_signature_image IS NOT NULL`.as('has_image'),
      'tp.patient_declined_reason',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

const date = (value: Date | string) => new Date(value);

function toRecord(r: Row): PlanRecord {
  return {
    id: r.id,
    organizationId: r.organization_id,
    patientId: r.patient_id,
    episodeId: r.episode_id,
    planVersion: r.plan_version,
    // Written only through assignIds/zod in treatment-plans.service, so the stored shape is known.
    content: r.content as TreatmentPlanContent,
    plannedDaysPerWeek: r.planned_days_per_week,
    plannedMinutesPerWeek: r.planned_minutes_per_week,
    reviewDueOn: r.review_due_on,
    reviewedOn: r.reviewed_on,
    revisionReason: r.revision_reason,
    part2: r.part2,
    version: r.version,
    createdBy: { id: r.created_by, name: r.created_by_name },
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    clinicianSignedBy: r.clinician_signed_by === null ? null : { id: r.clinician_signed_by, name: r.signed_by_name ?? '' },
    clinicianSignedAt: r.clinician_signed_at === null ? null : date(r.clinician_signed_at),
    patientSignedName: r.patient_signed_name,
    patientSignedAt: r.patient_signed_at === null ? null : date(r.patient_signed_at),
    patientSignatureMethod: r.patient_signature_method,
    hasPatientSignatureImage: r.has_image,
    patientDeclinedReason: r.patient_declined_reason,
  };
}

export async function findPlan(
  db: Q,
  organizationId: string,
  planId: string,
  options: { lock?: boolean } = {},
): Promise<PlanRecord | null> {
  let query = base(db).where('tp.organization_id', '=', organizationId).where('tp.id', '=', planId);
  if (options.lock) query = query.forUpdate('tp');
  const row = await query.executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Every version of the episode's plan, newest first. */
export async function listVersions(db: Q, organizationId: string, episodeIds: readonly string[]): Promise<PlanRecord[]> {
  if (episodeIds.length === 0) return [];
  const rows = await base(db)
    .where('tp.organization_id', '=', organizationId)
    .where('tp.episode_id', 'in', episodeIds)
    .orderBy('tp.episode_id')
    .orderBy('tp.plan_version', 'desc')
    .execute();
  return rows.map(toRecord);
}

export async function insertPlan(
  db: Q,
  input: {
    organizationId: string;
    patientId: string;
    episodeId: string;
    planVersion: number;
    content: TreatmentPlanContent;
    plannedDaysPerWeek: number | null;
    plannedMinutesPerWeek: number | null;
    revisionReason: string | null;
    reviewedOn: string | null;
    createdBy: string;
    now: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('treatment_plans')
    .values({
      organization_id: input.organizationId,
      patient_id: input.patientId,
      episode_id: input.episodeId,
      plan_version: input.planVersion,
      content: JSON.stringify(input.content),
      planned_days_per_week: input.plannedDaysPerWeek,
      planned_minutes_per_week: input.plannedMinutesPerWeek,
      revision_reason: input.revisionReason,
      reviewed_on: input.reviewedOn,
      created_by: input.createdBy,
      created_at: input.now,
      updated_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDraft(
  db: Q,
  planId: string,
  input: {
    content: TreatmentPlanContent;
    plannedDaysPerWeek: number | null;
    plannedMinutesPerWeek: number | null;
    revisionReason: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .updateTable('treatment_plans')
    .set((eb) => ({
      content: JSON.stringify(input.content),
      planned_days_per_week: input.plannedDaysPerWeek,
      planned_minutes_per_week: input.plannedMinutesPerWeek,
      revision_reason: input.revisionReason,
      version: eb('version', '+', 1),
      updated_at: input.now,
    }))
    .where('id', '=', planId)
    .where('clinician_signed_at', 'is', null)
    .execute();
}

export async function signAsClinician(db: Q, planId: string, input: { by: string; at: Date; reviewDueOn: string }): Promise<void> {
  await db
    .updateTable('treatment_plans')
    .set((eb) => ({
      clinician_signed_by: input.by,
      clinician_signed_at: input.at,
      review_due_on: input.reviewDueOn,
      version: eb('version', '+', 1),
      updated_at: input.at,
    }))
    .where('id', '=', planId)
    .where('clinician_signed_at', 'is', null)
    .execute();
}

export type PatientSignature =
  | { kind: 'signed'; name: string; method: 'device' | 'link'; image: string | null; at: Date }
  | { kind: 'declined'; reason: string; at: Date };

/** The one change a signed version allows (the trigger refuses anything else). */
export async function recordPatientSignature(db: Q, planId: string, signature: PatientSignature): Promise<void> {
  await db
    .updateTable('treatment_plans')
    .set(
      signature.kind === 'signed'
        ? {
            patient_signed_name: signature.name,
            patient_signed_at: signature.at,
            patient_signature_method: signature.method,
            patient_signature_image: signature.image,
            updated_at: signature.at,
          }
        : { patient_declined_reason: signature.reason, updated_at: signature.at },
    )
    .where('id', '=', planId)
    .where('patient_signed_at', 'is', null)
    .where('patient_declined_reason', 'is', null)
    .execute();
}

export type EpisodeRecord = {
  id: string;
  patientId: string;
  status: 'open' | 'closed';
  admittedOn: string;
  programId: string;
  programName: string;
  rules: Pick<IntensityRules, 'weeklyFloorMinutes' | 'weeklyCeilingMinutes' | 'minDaysPerWeek'>;
  timeZone: string;
};

function episodes(db: Q, organizationId: string) {
  return db
    .selectFrom('episodes as e')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .select([
      'e.id',
      'e.patient_id',
      'e.status',
      'e.admitted_on',
      'p.id as program_id',
      'p.name as program_name',
      'p.weekly_floor_minutes',
      'p.weekly_ceiling_minutes',
      'p.min_days_per_week',
      's.time_zone',
    ])
    .where('e.organization_id', '=', organizationId);
}

type EpisodeRow = Awaited<ReturnType<ReturnType<typeof episodes>['executeTakeFirstOrThrow']>>;

const toEpisode = (r: EpisodeRow): EpisodeRecord => ({
  id: r.id,
  patientId: r.patient_id,
  status: r.status,
  admittedOn: r.admitted_on,
  programId: r.program_id,
  programName: r.program_name,
  rules: {
    weeklyFloorMinutes: r.weekly_floor_minutes,
    weeklyCeilingMinutes: r.weekly_ceiling_minutes,
    minDaysPerWeek: r.min_days_per_week,
  },
  timeZone: r.time_zone,
});

export async function findEpisode(db: Q, organizationId: string, episodeId: string, options: { lock?: boolean } = {}) {
  let query = episodes(db, organizationId).where('e.id', '=', episodeId);
  if (options.lock) query = query.forUpdate('e');
  const row = await query.executeTakeFirst();
  return row ? toEpisode(row) : null;
}

export async function openEpisodesOf(db: Q, organizationId: string, patientId: string): Promise<EpisodeRecord[]> {
  const rows = await episodes(db, organizationId)
    .where('e.patient_id', '=', patientId)
    .where('e.status', '=', 'open')
    .orderBy('e.admitted_on', 'desc')
    .execute();
  return rows.map(toEpisode);
}

/** Active staff with a clinical role: who may be responsible for an intervention. */
export async function clinicalStaff(db: Q, organizationId: string): Promise<Person[]> {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.display_name as name'])
    .where('u.organization_id', '=', organizationId)
    .where('u.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as r')
          .select('r.user_id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.role', 'in', ['clinician', 'psychiatrist', 'director']),
      ),
    )
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();
}

export async function planReviewDays(db: Q, organizationId: string): Promise<number> {
  const row = await db.selectFrom('organizations').select('plan_review_days').where('id', '=', organizationId).executeTakeFirstOrThrow();
  return row.plan_review_days;
}
