import { checkAdmission } from '../../../domain/admissions/admission-rules.js';
import { DomainError, type FieldIssue } from '../../../domain/errors.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import { admitPatientIn } from '../episodes/episodes.service.js';
import { createPatientIn, type PatientInput } from '../patients/patients.service.js';
import * as repo from './admissions.repository.js';
import * as log from './inquiry-log.repository.js';
import { auditInquiry, inquiryForChange, ruleRefusal } from './inquiries.service.js';

export type AdmitInquiryInput = {
  version: number;
  programId: string;
  admittedOn: string;
  expectedWeeks?: number | null | undefined;
  patient: PatientInput;
};

/** The patient service names its own fields (dateOfBirth); here they sit under `patient.`. */
function underPatient(error: unknown): unknown {
  if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details)) return error;
  const details = (error.details as FieldIssue[]).map((issue) => ({ ...issue, path: `patient.${issue.path}` }));
  return new DomainError('VALIDATION_FAILED', `patient.${error.message}`, { details });
}

/**
 * Admits the inquiry's person: the patient, the episode, the inquiry's stage and links, and the
 * assessments' attachment, all in one transaction (a failure anywhere leaves nothing behind).
 * Only with a level-of-care assessment whose chosen level is the program's (decision 0017).
 */
export async function admitInquiry(deps: AppDeps, ctx: ActorCtx, inquiryId: string, input: AdmitInquiryInput) {
  return deps.db.transaction().execute(async (trx) => {
    const inquiry = await inquiryForChange(trx, ctx, inquiryId, input.version);
    const organizationId = ctx.actor.organizationId;
    const level = await repo.programLevel(trx, organizationId, input.programId);
    if (level === undefined) throw new DomainError('NOT_FOUND', 'No such program');
    const assessments = await log.assessmentsOf(trx, organizationId, inquiryId);
    const check = checkAdmission(inquiry, assessments, level);
    if (!check.ok) {
      const refusal = ruleRefusal({
        rule: check.rule,
        path: check.rule === 'level_mismatch' ? 'programId' : 'inquiryId',
        message: check.message,
      });
      if (check.rule === 'inquiry_closed' || check.rule === 'already_admitted') {
        throw new DomainError('CONFLICT', refusal.message, { details: refusal.details });
      }
      throw refusal;
    }
    let patientId: string;
    try {
      patientId = await createPatientIn(deps, trx, ctx, input.patient);
    } catch (error) {
      throw underPatient(error);
    }
    const episodeId = await admitPatientIn(deps, trx, ctx, patientId, {
      programId: input.programId,
      admittedOn: input.admittedOn,
      expectedWeeks: input.expectedWeeks,
    });
    await repo.updateInquiry(
      trx,
      organizationId,
      inquiryId,
      {
        stage: 'admitted',
        patient_id: patientId,
        episode_id: episodeId,
        admitted_at: ctx.now,
        program_id: input.programId,
        closed_reason: null,
      },
      ctx.now,
    );
    const attached = await log.attachAssessments(trx, organizationId, inquiryId, patientId, episodeId);
    await log.insertActivity(trx, {
      organizationId,
      inquiryId,
      kind: 'stage_change',
      stageFrom: inquiry.stage,
      stageTo: 'admitted',
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    await auditInquiry(deps, trx, ctx, { id: inquiryId, patientId }, 'inquiry.admitted', {
      episodeId,
      assessmentId: check.assessmentId,
      assessmentsAttached: attached,
    });
    return { inquiryId, patientId, episodeId, assessmentsAttached: attached };
  });
}
