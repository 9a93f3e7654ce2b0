import type { Kysely } from 'kysely';
import type { LocLevel } from '../../../domain/level-of-care/pack.js';
import type { Database, InquiryStageColumn } from '../../db/schema.js';

type Q = Kysely<Database>;

export type InquiryRecord = { id: string; stage: InquiryStageColumn; patientId: string | null };

/** The snapshot kept with each rating, so an old assessment reads the same after its pack changes. */
export type StoredRating = {
  dimensionId: string;
  title: string;
  rating: number;
  label: string;
  level: LocLevel | null;
  note: string | null;
};

export type StoredReason = { code: string; dimensionId: string | null; text: string };

export type AssessmentRecord = {
  id: string;
  inquiryId: string | null;
  patientId: string | null;
  episodeId: string | null;
  packId: string;
  packVersion: number;
  ratings: StoredRating[];
  recommendedLevel: LocLevel;
  reasons: StoredReason[];
  finalLevel: LocLevel;
  overrideReason: string | null;
  note: string | null;
  assessedBy: string;
  assessedByName: string;
  assessedAt: Date;
};

/** Scoped to the organization; held with FOR SHARE so the stage cannot change under a new assessment. */
export async function findInquiry(db: Q, organizationId: string, inquiryId: string, options: { lock?: boolean } = {}) {
  let query = db
    .selectFrom('inquiries')
    .select(['id', 'stage', 'patient_id'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', inquiryId);
  if (options.lock) query = query.forShare();
  const row = await query.executeTakeFirst();
  return row && ({ id: row.id, stage: row.stage, patientId: row.patient_id } satisfies InquiryRecord);
}

/** The patient's open episode with the latest admission, if any. */
export async function openEpisodeOf(db: Q, organizationId: string, patientId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('episodes')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .where('status', '=', 'open')
    .orderBy('admitted_on', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.id;
}

export type NewAssessment = Omit<AssessmentRecord, 'id' | 'assessedByName'> & { organizationId: string };

export async function insertAssessment(db: Q, input: NewAssessment): Promise<string> {
  const row = await db
    .insertInto('loc_assessments')
    .values({
      organization_id: input.organizationId,
      inquiry_id: input.inquiryId,
      patient_id: input.patientId,
      episode_id: input.episodeId,
      pack_id: input.packId,
      pack_version: input.packVersion,
      ratings: JSON.stringify(input.ratings),
      recommended_level: input.recommendedLevel,
      recommendation_reasons: JSON.stringify(input.reasons),
      final_level: input.finalLevel,
      override_reason: input.overrideReason,
      note: input.note,
      assessed_by: input.assessedBy,
      assessed_at: input.assessedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function selectAssessments(db: Q, organizationId: string) {
  return db
    .selectFrom('loc_assessments as a')
    .innerJoin('users as u', (join) => join.onRef('u.id', '=', 'a.assessed_by').onRef('u.organization_id', '=', 'a.organization_id'))
    .select([
      'a.id',
      'a.inquiry_id',
      'a.patient_id',
      'a.episode_id',
      'a.pack_id',
      'a.pack_version',
      'a.ratings',
      'a.recommended_level',
      'a.recommendation_reasons',
      'a.final_level',
      'a.override_reason',
      'a.note',
      'a.assessed_by',
      'u.display_name',
      'a.assessed_at',
    ])
    .where('a.organization_id', '=', organizationId);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectAssessments>['executeTakeFirstOrThrow']>>;

function toAssessment(row: Row): AssessmentRecord {
  return {
    id: row.id,
    inquiryId: row.inquiry_id,
    patientId: row.patient_id,
    episodeId: row.episode_id,
    packId: row.pack_id,
    packVersion: row.pack_version,
    // Written by insertAssessment above from the same types; jsonb comes back parsed.
    ratings: row.ratings as StoredRating[],
    recommendedLevel: row.recommended_level,
    reasons: row.recommendation_reasons as StoredReason[],
    finalLevel: row.final_level,
    overrideReason: row.override_reason,
    note: row.note,
    assessedBy: row.assessed_by,
    assessedByName: row.display_name,
    assessedAt: row.assessed_at,
  };
}

export async function findAssessment(db: Q, organizationId: string, assessmentId: string): Promise<AssessmentRecord | undefined> {
  const row = await selectAssessments(db, organizationId).where('a.id', '=', assessmentId).executeTakeFirst();
  return row && toAssessment(row);
}

/** Newest first. */
export async function listAssessments(
  db: Q,
  organizationId: string,
  of: { inquiryId: string } | { patientId: string },
): Promise<AssessmentRecord[]> {
  let query = selectAssessments(db, organizationId);
  query = 'inquiryId' in of ? query.where('a.inquiry_id', '=', of.inquiryId) : query.where('a.patient_id', '=', of.patientId);
  const rows = await query.orderBy('a.assessed_at', 'desc').orderBy('a.created_at', 'desc').orderBy('a.id').execute();
  return rows.map(toAssessment);
}
