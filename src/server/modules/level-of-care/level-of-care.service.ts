import type { Transaction } from 'kysely';
import { DomainError, assertNever, fieldError } from '../../../domain/errors.js';
import { recommendLevel, type LocRecommendation, type LocRefusal } from '../../../domain/level-of-care/engine.js';
import type { LocLevel, LocPack } from '../../../domain/level-of-care/pack.js';
import { currentPack, findPack } from '../../../domain/level-of-care/packs.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { auditBase, mustFindPatient } from '../patients/patients.service.js';
import * as repo from './level-of-care.repository.js';

export type AssessInput = {
  ratings: { dimensionId: string; rating: number; note?: string | undefined }[];
  finalLevel: LocLevel;
  pack?: { id: string; version: number } | undefined;
  overrideReason?: string | undefined;
  note?: string | undefined;
};

export type AssessmentDto = {
  id: string;
  inquiryId: string | null;
  patientId: string | null;
  episodeId: string | null;
  pack: { id: string; version: number; name: string | null };
  ratings: repo.StoredRating[];
  recommendedLevel: LocLevel;
  reasons: repo.StoredReason[];
  finalLevel: LocLevel;
  overridden: boolean;
  overrideReason: string | null;
  note: string | null;
  assessedBy: { id: string; name: string };
  assessedAt: string;
};

/** Stages in which a person can no longer get a pre-admission assessment (docs/domain/level-of-care.md). */
const FINISHED_STAGES = new Set(['closed', 'admitted']);

export function getCurrentPack(): LocPack {
  return currentPack();
}

/**
 * Stored ratings with the words of their own pack version when this installation still has it, the
 * stored snapshot otherwise: a changed or removed pack never hides what was rated.
 */
function toDto(record: repo.AssessmentRecord): AssessmentDto {
  const pack = findPack(record.packId, record.packVersion);
  return {
    id: record.id,
    inquiryId: record.inquiryId,
    patientId: record.patientId,
    episodeId: record.episodeId,
    pack: { id: record.packId, version: record.packVersion, name: pack?.name ?? null },
    ratings: record.ratings.map((stored) => {
      const dimension = pack?.dimensions.find((d) => d.id === stored.dimensionId);
      const anchor = dimension?.anchors.find((a) => a.rating === stored.rating);
      return { ...stored, title: dimension?.title ?? stored.title, label: anchor?.label ?? stored.label };
    }),
    recommendedLevel: record.recommendedLevel,
    reasons: record.reasons,
    finalLevel: record.finalLevel,
    overridden: record.finalLevel !== record.recommendedLevel,
    overrideReason: record.overrideReason,
    note: record.note,
    assessedBy: { id: record.assessedBy, name: record.assessedByName },
    assessedAt: record.assessedAt.toISOString(),
  };
}

function refusalError(refusal: LocRefusal): DomainError {
  switch (refusal.reason) {
    case 'INCOMPLETE':
      return fieldError('ratings', `rate every dimension first; missing: ${refusal.missing.join(', ')}`);
    case 'UNKNOWN_DIMENSION':
      return fieldError(`ratings[${refusal.index}].dimensionId`, `${refusal.dimensionId} is not a dimension of the current pack`);
    case 'DUPLICATE_DIMENSION':
      return fieldError(`ratings[${refusal.index}].dimensionId`, `${refusal.dimensionId} is rated twice`);
    case 'RATING_OUT_OF_RANGE':
      return fieldError(`ratings[${refusal.index}].rating`, `must be a whole number from 0 to ${refusal.max}`);
    default:
      return assertNever(refusal);
  }
}

type Checked = { pack: LocPack; recommendation: LocRecommendation; overrideReason: string | null };

function currentPackFor(input: Pick<AssessInput, 'pack'>): LocPack {
  const pack = currentPack();
  // Ratings mean something only against the pack they were made with: a page opened before the pack
  // changed must reload rather than save old ratings under the new pack's words.
  if (input.pack !== undefined && (input.pack.id !== pack.id || input.pack.version !== pack.version))
    throw new DomainError(
      'CONFLICT',
      `The assessment guide changed to ${pack.name} version ${pack.version}; reload the page and rate again`,
      { details: { currentPackId: pack.id, currentPackVersion: pack.version } },
    );
  return pack;
}

function recommendOrRefuse(pack: LocPack, ratings: AssessInput['ratings']): LocRecommendation {
  const recommendation = recommendLevel(pack, ratings);
  if (!recommendation.ok) throw refusalError(recommendation);
  return recommendation;
}

/** A recommendation without storing anything: no patient or inquiry involved, so nothing to audit. */
export function recommend(input: Pick<AssessInput, 'ratings' | 'pack'>): {
  pack: { id: string; version: number };
  level: LocLevel;
  perDimension: LocRecommendation['perDimension'];
  drivers: string[];
  reasons: LocRecommendation['reasons'];
} {
  const pack = currentPackFor(input);
  const { level, perDimension, drivers, reasons } = recommendOrRefuse(pack, input.ratings);
  return { pack: { id: pack.id, version: pack.version }, level, perDimension, drivers, reasons };
}

/** The server's own recommendation from the ratings; the client's view of it is never trusted. */
function check(input: AssessInput): Checked {
  const pack = currentPackFor(input);
  const recommendation = recommendOrRefuse(pack, input.ratings);
  const overridden = input.finalLevel !== recommendation.level;
  if (overridden && input.overrideReason === undefined)
    throw fieldError('overrideReason', `is required to choose ${input.finalLevel} instead of the recommended ${recommendation.level}`);
  if (!overridden && input.overrideReason !== undefined)
    throw fieldError('overrideReason', `leave it out when confirming the recommended level (${recommendation.level})`);
  return { pack, recommendation, overrideReason: input.overrideReason ?? null };
}

function storedRatings(pack: LocPack, input: AssessInput, recommendation: LocRecommendation): repo.StoredRating[] {
  return pack.dimensions.map((dimension) => {
    const given = input.ratings.find((r) => r.dimensionId === dimension.id);
    const rating = given?.rating ?? 0;
    return {
      dimensionId: dimension.id,
      title: dimension.title,
      rating,
      label: dimension.anchors.find((a) => a.rating === rating)?.label ?? '',
      level: recommendation.perDimension.find((d) => d.dimensionId === dimension.id)?.level ?? null,
      note: given?.note === undefined || given.note === '' ? null : given.note,
    };
  });
}

type Subject = { inquiryId: string | null; patientId: string | null; episodeId: string | null };

/** The row for a new assessment: the current pack's recommendation, checked input (also used by the demo seed). */
export function newAssessment(
  organizationId: string,
  subject: Subject,
  input: AssessInput,
  assessedBy: string,
  assessedAt: Date,
): { row: repo.NewAssessment; pack: LocPack; recommendation: LocRecommendation } {
  const { pack, recommendation, overrideReason } = check(input);
  const row: repo.NewAssessment = {
    organizationId,
    ...subject,
    packId: pack.id,
    packVersion: pack.version,
    ratings: storedRatings(pack, input, recommendation),
    recommendedLevel: recommendation.level,
    reasons: recommendation.reasons,
    finalLevel: input.finalLevel,
    overrideReason,
    note: input.note === undefined || input.note === '' ? null : input.note,
    assessedBy,
    assessedAt,
  };
  return { row, pack, recommendation };
}

async function store(deps: AppDeps, trx: Transaction<Database>, ctx: ActorCtx, subject: Subject, input: AssessInput) {
  const { row, pack, recommendation } = newAssessment(ctx.actor.organizationId, subject, input, ctx.actor.userId, ctx.now);
  const id = await repo.insertAssessment(trx, row);
  await deps.audit(trx, {
    ...auditBase(ctx),
    action: 'loc_assessment.created',
    entityType: 'loc_assessment',
    entityId: id,
    patientId: subject.patientId,
    details: {
      inquiryId: subject.inquiryId,
      packId: pack.id,
      packVersion: pack.version,
      recommendedLevel: recommendation.level,
      finalLevel: input.finalLevel,
      overridden: input.finalLevel !== recommendation.level,
    },
  });
  const saved = await repo.findAssessment(trx, ctx.actor.organizationId, id);
  if (!saved) throw new Error('assessment vanished inside its own transaction');
  return toDto(saved);
}

async function mustFindInquiry(db: Db, ctx: ActorCtx, inquiryId: string, options: { lock?: boolean } = {}) {
  const inquiry = await repo.findInquiry(db, ctx.actor.organizationId, inquiryId, options);
  if (!inquiry) throw new DomainError('NOT_FOUND', 'No such inquiry');
  return inquiry;
}

export async function assessInquiry(deps: AppDeps, ctx: ActorCtx, inquiryId: string, input: AssessInput): Promise<AssessmentDto> {
  return deps.db.transaction().execute(async (trx) => {
    const inquiry = await mustFindInquiry(trx, ctx, inquiryId, { lock: true });
    if (FINISHED_STAGES.has(inquiry.stage)) {
      const message =
        inquiry.stage === 'admitted'
          ? 'This person has been admitted: assess them from their patient chart instead'
          : 'This inquiry is closed and takes no new pre-admission assessment';
      throw new DomainError('RULE_VIOLATION', message, {
        details: [{ path: 'inquiryId', message, rule: inquiry.stage === 'admitted' ? 'INQUIRY_ADMITTED' : 'INQUIRY_CLOSED' }],
      });
    }
    return store(deps, trx, ctx, { inquiryId: inquiry.id, patientId: null, episodeId: null }, input);
  });
}

export async function assessPatient(deps: AppDeps, ctx: ActorCtx, patientId: string, input: AssessInput): Promise<AssessmentDto> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const episodeId = (await repo.openEpisodeOf(trx, ctx.actor.organizationId, patientId)) ?? null;
    return store(deps, trx, ctx, { inquiryId: null, patientId, episodeId }, input);
  });
}

export async function listForInquiry(deps: AppDeps, ctx: ActorCtx, inquiryId: string): Promise<AssessmentDto[]> {
  return deps.db.transaction().execute(async (trx) => {
    const inquiry = await mustFindInquiry(trx, ctx, inquiryId);
    const records = await repo.listAssessments(trx, ctx.actor.organizationId, { inquiryId });
    // A prospective patient's record: audited like a patient's, with the patient id once admitted.
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'loc_assessment.listed',
      entityType: 'inquiry',
      entityId: inquiryId,
      patientId: inquiry.patientId,
      details: { assessments: records.length },
    });
    return records.map(toDto);
  });
}

export async function listForPatient(deps: AppDeps, ctx: ActorCtx, patientId: string): Promise<AssessmentDto[]> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const records = await repo.listAssessments(trx, ctx.actor.organizationId, { patientId });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'loc_assessment.listed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { assessments: records.length },
    });
    return records.map(toDto);
  });
}

export async function getAssessment(deps: AppDeps, ctx: ActorCtx, assessmentId: string): Promise<AssessmentDto> {
  return deps.db.transaction().execute(async (trx) => {
    const record = await repo.findAssessment(trx, ctx.actor.organizationId, assessmentId);
    if (!record) throw new DomainError('NOT_FOUND', 'No such assessment');
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'loc_assessment.viewed',
      entityType: 'loc_assessment',
      entityId: record.id,
      patientId: record.patientId,
      details: { inquiryId: record.inquiryId },
    });
    return toDto(record);
  });
}
