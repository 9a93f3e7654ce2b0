import { checkMerge, fillEmptyFields } from '../../../domain/admissions/duplicates.js';
import { checkStageChange, closedReasonText, type CloseReason, type InquiryStage } from '../../../domain/admissions/stage-rules.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import * as repo from './admissions.repository.js';
import * as log from './inquiry-log.repository.js';
import {
  ASSESSORS,
  auditInquiry,
  inquiryDetail,
  inquiryForChange,
  mustFindInquiry,
  ruleRefusal,
  staleInquiry,
} from './inquiries.service.js';

export type StageInput = {
  version: number;
  to: InquiryStage;
  reason?: CloseReason | undefined;
  reasonText?: string | undefined;
  referredTo?: string | undefined;
};

/** The columns a stage implies (migration 0005 CHECKs): a reason when closed, a destination when referred. */
function stageColumns(from: InquiryStage, input: StageInput) {
  const columns: {
    stage: InquiryStage;
    closed_reason: string | null;
    referred_to?: string | null;
    assessment_at?: null;
    assessment_clinician_id?: null;
  } = { stage: input.to, closed_reason: null };
  if (input.to === 'closed' && input.reason !== undefined) columns.closed_reason = closedReasonText(input.reason, input.reasonText);
  if (input.to === 'referred') columns.referred_to = input.referredTo?.trim() ?? null;
  // Back to contacted or screening from a booking: the booked assessment is off (the log keeps it).
  if (from === 'assessment_scheduled' && (input.to === 'screening' || input.to === 'contacted')) {
    columns.assessment_at = null;
    columns.assessment_clinician_id = null;
  }
  return columns;
}

export async function changeStage(deps: AppDeps, ctx: ActorCtx, inquiryId: string, input: StageInput) {
  return deps.db.transaction().execute(async (trx) => {
    const inquiry = await mustFindInquiry(trx, ctx, inquiryId, { lock: true });
    if (inquiry.version !== input.version) throw staleInquiry(input.version, inquiry.version);
    const check = checkStageChange(inquiry.stage, input, { merged: inquiry.mergedIntoId !== null, now: ctx.now });
    if (!check.ok) throw ruleRefusal(check);
    const organizationId = ctx.actor.organizationId;
    await repo.updateInquiry(
      trx,
      organizationId,
      inquiryId,
      {
        ...stageColumns(inquiry.stage, input),
        // Leaving `new` by hand also counts as the first contact (the response clock stops).
        ...(inquiry.firstContactAt === null && inquiry.stage === 'new' ? { first_contact_at: ctx.now } : {}),
      },
      ctx.now,
    );
    await log.insertActivity(trx, {
      organizationId,
      inquiryId,
      kind: 'stage_change',
      stageFrom: inquiry.stage,
      stageTo: input.to,
      body:
        input.to === 'closed'
          ? closedReasonText(input.reason ?? 'other', input.reasonText)
          : input.to === 'referred'
            ? (input.referredTo ?? null)
            : null,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    await auditInquiry(deps, trx, ctx, inquiry, 'inquiry.stage_changed', { from: inquiry.stage, to: input.to });
    return inquiryDetail(trx, ctx, inquiryId);
  });
}

/** Books the level-of-care assessment: a time and an active clinician or psychiatrist (decision 0015). */
export async function bookAssessment(
  deps: AppDeps,
  ctx: ActorCtx,
  inquiryId: string,
  input: { version: number; at: string; clinicianId: string },
) {
  return deps.db.transaction().execute(async (trx) => {
    const inquiry = await inquiryForChange(trx, ctx, inquiryId, input.version);
    const organizationId = ctx.actor.organizationId;
    const at = new Date(input.at);
    const check = checkStageChange(
      inquiry.stage,
      { to: 'assessment_scheduled', assessmentAt: at, clinicianId: input.clinicianId },
      { merged: false, now: ctx.now },
    );
    if (!check.ok) throw ruleRefusal(check);
    const clinicianName = await repo.activeUserWithRole(trx, organizationId, input.clinicianId, ASSESSORS);
    if (clinicianName === undefined) {
      throw ruleRefusal({
        rule: 'assessor_is_clinician',
        path: 'clinicianId',
        message: 'must be an active clinician or psychiatrist of this organization',
      });
    }
    await repo.updateInquiry(
      trx,
      organizationId,
      inquiryId,
      {
        stage: 'assessment_scheduled',
        assessment_at: at,
        assessment_clinician_id: input.clinicianId,
        ...(inquiry.firstContactAt === null && inquiry.stage === 'new' ? { first_contact_at: ctx.now } : {}),
      },
      ctx.now,
    );
    await log.insertActivity(trx, {
      organizationId,
      inquiryId,
      kind: 'assessment_booked',
      stageFrom: inquiry.stage,
      stageTo: 'assessment_scheduled',
      body: `Assessment on ${at.toISOString()} with ${clinicianName}`,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    await auditInquiry(deps, trx, ctx, inquiry, 'inquiry.assessment_booked', { clinicianId: input.clinicianId });
    return inquiryDetail(trx, ctx, inquiryId);
  });
}

const FILLABLE = [
  'patientName',
  'phone',
  'phoneNormalized',
  'email',
  'emailNormalized',
  'bestTime',
  'state',
  'ageRange',
  'concerns',
  'programId',
  'formatPreference',
  'payerName',
  'memberId',
  'heardAbout',
  'selfCheck',
  'ownerId',
  'urgentReason',
] as const;

/**
 * Merges a duplicate into this inquiry in one transaction: its log, tasks and assessments move
 * here, empty fields here are filled from it, and it is closed as a duplicate pointing here.
 */
export async function mergeInquiries(deps: AppDeps, ctx: ActorCtx, inquiryId: string, input: { version: number; duplicateId: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    const [firstId, secondId] = [inquiryId, input.duplicateId].sort();
    await repo.findInquiry(trx, organizationId, firstId ?? inquiryId, { lock: true });
    await repo.findInquiry(trx, organizationId, secondId ?? inquiryId, { lock: true });
    const kept = await mustFindInquiry(trx, ctx, inquiryId);
    if (kept.version !== input.version) throw staleInquiry(input.version, kept.version);
    const duplicate = await repo.findInquiry(trx, organizationId, input.duplicateId);
    if (!duplicate) throw ruleRefusal({ rule: 'duplicate_exists', path: 'duplicateId', message: 'no such inquiry in this organization' });
    const check = checkMerge(kept, duplicate);
    if (!check.ok) throw ruleRefusal({ ...check, path: 'duplicateId' });

    const fill = fillEmptyFields(kept, duplicate, FILLABLE);
    const moved = await log.moveChildren(trx, organizationId, duplicate.id, kept.id);
    await repo.updateInquiry(
      trx,
      organizationId,
      kept.id,
      {
        ...(fill.patientName !== undefined ? { patient_name: fill.patientName } : {}),
        ...(fill.phone !== undefined ? { phone: fill.phone, phone_normalized: fill.phoneNormalized ?? duplicate.phoneNormalized } : {}),
        ...(fill.email !== undefined ? { email: fill.email, email_normalized: fill.emailNormalized ?? duplicate.emailNormalized } : {}),
        ...(fill.bestTime !== undefined ? { best_time: fill.bestTime } : {}),
        ...(fill.state !== undefined ? { state: fill.state } : {}),
        ...(fill.ageRange !== undefined ? { age_range: fill.ageRange } : {}),
        ...(fill.concerns !== undefined ? { concerns: fill.concerns } : {}),
        ...(fill.programId !== undefined ? { program_id: fill.programId } : {}),
        ...(fill.formatPreference !== undefined ? { format_preference: fill.formatPreference } : {}),
        ...(fill.payerName !== undefined ? { payer_name: fill.payerName } : {}),
        ...(fill.memberId !== undefined ? { member_id: fill.memberId } : {}),
        ...(fill.heardAbout !== undefined ? { heard_about: fill.heardAbout } : {}),
        ...(fill.selfCheck !== undefined ? { self_check: JSON.stringify(fill.selfCheck) } : {}),
        ...(fill.ownerId !== undefined ? { owner_id: fill.ownerId } : {}),
        ...(fill.urgentReason !== undefined ? { urgent_reason: fill.urgentReason } : {}),
        // Urgency is never lost in a merge: a same-day call-back stays one.
        urgent: kept.urgent || duplicate.urgent,
        // The person was contacted if either inquiry was: the earlier contact counts.
        first_contact_at: earliest(kept.firstContactAt, duplicate.firstContactAt),
        // An assessment booked on the duplicate carries over when none is booked here.
        ...(kept.assessmentAt === null && duplicate.assessmentAt !== null && kept.stage !== 'admitted'
          ? { assessment_at: duplicate.assessmentAt, assessment_clinician_id: duplicate.assessmentClinicianId }
          : {}),
      },
      ctx.now,
    );
    await repo.updateInquiry(
      trx,
      organizationId,
      duplicate.id,
      { stage: 'closed', closed_reason: 'duplicate', merged_into_id: kept.id },
      ctx.now,
    );
    const base = { organizationId, createdBy: ctx.actor.userId, createdAt: ctx.now };
    await log.insertActivity(trx, { ...base, inquiryId: kept.id, kind: 'merged', body: `Merged inquiry ${duplicate.id} into this one` });
    await log.insertActivity(trx, {
      ...base,
      inquiryId: duplicate.id,
      kind: 'merged',
      stageFrom: duplicate.stage,
      stageTo: 'closed',
      body: `Merged into inquiry ${kept.id}`,
    });
    await auditInquiry(deps, trx, ctx, kept, 'inquiry.merged', {
      duplicateId: duplicate.id,
      activitiesMoved: moved.activities,
      tasksMoved: moved.tasks,
      assessmentsMoved: moved.assessments,
    });
    return inquiryDetail(trx, ctx, kept.id);
  });
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.getTime() <= b.getTime() ? a : b;
}
