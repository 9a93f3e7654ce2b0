// Versioned treatment plans per episode (docs/domain/treatment-plans.md, decision 0026): version 1
// is a draft, autosaved as the clinician types; the clinician signs it when it is complete and its
// intensity fits the program (or the exception is documented); the patient then signs (or the
// refusal is recorded). A change after signing is a revision: the next version, started from a copy.
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../domain/errors.js';
import { localDateOf } from '../../../domain/scheduling/local-time.js';
import { assignIds, type PlanContentInput } from '../../../domain/treatment-plans/plan-ids.js';
import { planVersionStatus, reviewDueOn } from '../../../domain/treatment-plans/plan-review.js';
import { normalizeDiagnosisCode, planCompletenessIssues } from '../../../domain/treatment-plans/plan-validation.js';
import { hasExceptionReason, plannedIntensityFindings } from '../../../domain/treatment-plans/planned-intensity.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import { auditBase, mustFindPatient } from '../patients/patients.service.js';
import { planDto, planSummary, type PlanDto, type PlanSummaryDto } from './treatment-plans.dto.js';
import { requireVersion, staleVersion } from '../../lib/versions.js';
import * as repo from './treatment-plans.repository.js';

export type { PlanDto, PlanSummaryDto };

const EMPTY_CONTENT = { problems: [], patientStrengthsAndPreferences: '' };

export async function mustFindEpisode(db: Db, ctx: ActorCtx, episodeId: string, options: { lock?: boolean } = {}) {
  const episode = await repo.findEpisode(db, ctx.actor.organizationId, episodeId, options);
  if (!episode) throw new DomainError('NOT_FOUND', 'No such episode');
  return episode;
}

/** NOT_FOUND for another organization's plan. */
export async function mustFindPlan(db: Db, ctx: ActorCtx, planId: string, options: { lock?: boolean } = {}): Promise<repo.PlanRecord> {
  const plan = await repo.findPlan(db, ctx.actor.organizationId, planId, options);
  if (!plan) throw new DomainError('NOT_FOUND', 'No such treatment plan');
  return plan;
}

/** The version and the facts its DTO needs. */
async function mustFindPlanAndEpisode(db: Db, ctx: ActorCtx, planId: string, options: { lock?: boolean } = {}) {
  const plan = await mustFindPlan(db, ctx, planId, options);
  return { plan, episode: await mustFindEpisode(db, ctx, plan.episodeId) };
}

/** The version as it now stands, read with its siblings (whether it is the current one needs them). */
async function dtoOf(db: Db, ctx: ActorCtx, planId: string, episode: repo.EpisodeRecord): Promise<PlanDto> {
  const versions = await repo.listVersions(db, ctx.actor.organizationId, [episode.id]);
  const plan = versions.find((v) => v.id === planId);
  if (!plan) throw new Error('treatment plan vanished inside its own transaction');
  const currentSigned = versions.find((v) => v.clinicianSignedAt !== null);
  return planDto(plan, episode, { today: localDateOf(ctx.now.getTime(), episode.timeZone), isCurrent: currentSigned?.id === plan.id });
}

function summariesOf(versions: repo.PlanRecord[], today: string): PlanSummaryDto[] {
  const currentSigned = versions.find((v) => v.clinicianSignedAt !== null);
  return versions.map((v) => planSummary(v, { today, isCurrent: v.id === currentSigned?.id }));
}

/** The chart: every open episode of the patient with its plan versions, and who may be responsible. */
export async function patientPlans(deps: AppDeps, ctx: ActorCtx, patientId: string) {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const episodes = await repo.openEpisodesOf(trx, ctx.actor.organizationId, patientId);
    const versions = await repo.listVersions(
      trx,
      ctx.actor.organizationId,
      episodes.map((e) => e.id),
    );
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'treatment_plan.listed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { planIds: versions.map((v) => v.id) },
    });
    return {
      episodes: episodes.map((episode) => ({
        episodeId: episode.id,
        admittedOn: episode.admittedOn,
        program: { id: episode.programId, name: episode.programName, rules: episode.rules },
        versions: summariesOf(
          versions.filter((v) => v.episodeId === episode.id),
          localDateOf(ctx.now.getTime(), episode.timeZone),
        ),
      })),
      staff: await repo.clinicalStaff(trx, ctx.actor.organizationId),
    };
  });
}

export async function episodePlans(deps: AppDeps, ctx: ActorCtx, episodeId: string): Promise<{ versions: PlanSummaryDto[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const episode = await mustFindEpisode(trx, ctx, episodeId);
    const versions = await repo.listVersions(trx, ctx.actor.organizationId, [episodeId]);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'treatment_plan.listed',
      entityType: 'episode',
      entityId: episodeId,
      patientId: episode.patientId,
      details: { planIds: versions.map((v) => v.id) },
    });
    return { versions: summariesOf(versions, localDateOf(ctx.now.getTime(), episode.timeZone)) };
  });
}

export async function getPlan(deps: AppDeps, ctx: ActorCtx, planId: string): Promise<PlanDto> {
  return deps.db.transaction().execute(async (trx) => {
    const { plan, episode } = await mustFindPlanAndEpisode(trx, ctx, planId);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'treatment_plan.viewed',
      entityType: 'treatment_plan',
      entityId: planId,
      patientId: plan.patientId,
      details: { planVersion: plan.planVersion },
    });
    return dtoOf(trx, ctx, planId, episode);
  });
}

/** Version 1, an empty draft. There is one initial plan per episode: a second is a revision. */
export async function createPlan(deps: AppDeps, ctx: ActorCtx, episodeId: string): Promise<PlanDto> {
  return deps.db.transaction().execute(async (trx) => {
    // Locking the episode serialises concurrent starts of its plan.
    const episode = await mustFindEpisode(trx, ctx, episodeId, { lock: true });
    if (episode.status !== 'open') throw new DomainError('RULE_VIOLATION', 'A plan is written for an open episode; this one is closed');
    const versions = await repo.listVersions(trx, ctx.actor.organizationId, [episodeId]);
    if (versions.length > 0) {
      throw new DomainError(
        'CONFLICT',
        `This episode already has a treatment plan (version ${versions[0]?.planVersion ?? 1}); revise it instead`,
      );
    }
    const planId = await repo.insertPlan(trx, {
      organizationId: ctx.actor.organizationId,
      patientId: episode.patientId,
      episodeId,
      planVersion: 1,
      content: EMPTY_CONTENT,
      plannedDaysPerWeek: null,
      plannedMinutesPerWeek: null,
      revisionReason: null,
      reviewedOn: null,
      createdBy: ctx.actor.userId,
      now: ctx.now,
    });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'treatment_plan.created',
      entityType: 'treatment_plan',
      entityId: planId,
      patientId: episode.patientId,
      details: { episodeId, planVersion: 1 },
    });
    return dtoOf(trx, ctx, planId, episode);
  });
}

/** The next version, a copy of the latest signed one (ids kept, so citations stay valid). */
export async function startRevision(
  deps: AppDeps,
  ctx: ActorCtx,
  episodeId: string,
  input: { reason: string; isReview: boolean },
): Promise<PlanDto> {
  return deps.db.transaction().execute(async (trx) => {
    const episode = await mustFindEpisode(trx, ctx, episodeId, { lock: true });
    if (episode.status !== 'open') throw new DomainError('RULE_VIOLATION', 'A closed episode’s plan is not revised');
    const [latest] = await repo.listVersions(trx, ctx.actor.organizationId, [episodeId]);
    if (!latest) throw new DomainError('CONFLICT', 'This episode has no treatment plan yet: write version 1 first');
    if (latest.clinicianSignedAt === null) {
      throw new DomainError(
        'CONFLICT',
        `Version ${latest.planVersion} is still a draft: finish or sign it before starting another revision`,
        {
          details: { planId: latest.id },
        },
      );
    }
    const planVersion = latest.planVersion + 1;
    const planId = await repo.insertPlan(trx, {
      organizationId: ctx.actor.organizationId,
      patientId: episode.patientId,
      episodeId,
      planVersion,
      content: latest.content,
      plannedDaysPerWeek: latest.plannedDaysPerWeek,
      plannedMinutesPerWeek: latest.plannedMinutesPerWeek,
      revisionReason: input.reason,
      reviewedOn: input.isReview ? localDateOf(ctx.now.getTime(), episode.timeZone) : null,
      createdBy: ctx.actor.userId,
      now: ctx.now,
    });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'treatment_plan.revision_started',
      entityType: 'treatment_plan',
      entityId: planId,
      patientId: episode.patientId,
      details: { episodeId, planVersion, previousPlanId: latest.id, isReview: input.isReview },
    });
    return dtoOf(trx, ctx, planId, episode);
  });
}

export type DraftInput = {
  content: PlanContentInput;
  plannedDaysPerWeek: number | null;
  plannedMinutesPerWeek: number | null;
  revisionReason?: string | null | undefined;
};

/** Optimistic concurrency (decision 0025): the version the editor read, or 412 with the saved plan. */
async function checkVersion(trx: Db, ctx: ActorCtx, expected: number | undefined, plan: repo.PlanRecord, episode: repo.EpisodeRecord) {
  if (requireVersion(expected, 'plan') !== plan.version) throw staleVersion('plan', plan.version, await dtoOf(trx, ctx, plan.id, episode));
}

function refuseSigned(plan: repo.PlanRecord): void {
  if (plan.clinicianSignedAt !== null) {
    throw new DomainError('CONFLICT', `Version ${plan.planVersion} is signed and never changes; start a revision to change the plan`);
  }
}

/** An autosave of the draft; `expected` is the version the editor read (412 with the saved one if stale). */
export async function saveDraft(
  deps: AppDeps,
  ctx: ActorCtx,
  planId: string,
  expected: number | undefined,
  input: DraftInput,
): Promise<PlanDto> {
  return deps.db.transaction().execute(async (trx) => {
    const { plan, episode } = await mustFindPlanAndEpisode(trx, ctx, planId, { lock: true });
    refuseSigned(plan);
    await checkVersion(trx, ctx, expected, plan, episode);
    const content = assignIds(
      {
        ...input.content,
        problems: input.content.problems.map((problem) => ({
          ...problem,
          diagnosisCodes: problem.diagnosisCodes.map(normalizeDiagnosisCode).filter((code) => code !== ''),
        })),
      },
      randomUUID,
    );
    await repo.updateDraft(trx, planId, {
      content,
      plannedDaysPerWeek: input.plannedDaysPerWeek,
      plannedMinutesPerWeek: input.plannedMinutesPerWeek,
      revisionReason: input.revisionReason === undefined ? plan.revisionReason : input.revisionReason,
      now: ctx.now,
    });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'treatment_plan.draft_saved',
      entityType: 'treatment_plan',
      entityId: planId,
      patientId: plan.patientId,
      details: { planVersion: plan.planVersion, version: plan.version + 1 },
    });
    return dtoOf(trx, ctx, planId, episode);
  });
}

/**
 * The clinician's signature: refused (422, nothing changed) while anything is missing or the planned
 * intensity breaks the program's rules without a documented reason. Sets the review due date.
 */
export async function signPlan(deps: AppDeps, ctx: ActorCtx, planId: string, expected: number | undefined): Promise<PlanDto> {
  return deps.db.transaction().execute(async (trx) => {
    const { plan, episode } = await mustFindPlanAndEpisode(trx, ctx, planId, { lock: true });
    if (plan.clinicianSignedAt !== null) throw new DomainError('CONFLICT', `Version ${plan.planVersion} is already signed`);
    await checkVersion(trx, ctx, expected, plan, episode);
    const today = localDateOf(ctx.now.getTime(), episode.timeZone);
    const staff = await repo.clinicalStaff(trx, ctx.actor.organizationId);
    const issues = planCompletenessIssues(plan.content, {
      today,
      responsibleStaffIds: new Set(staff.map((s) => s.id)),
      plannedDaysPerWeek: plan.plannedDaysPerWeek,
      plannedMinutesPerWeek: plan.plannedMinutesPerWeek,
    });
    const [first] = issues;
    if (first) {
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
      throw new DomainError('RULE_VIOLATION', `The plan is not complete: ${first.path}: ${first.message}${more}`, { details: issues });
    }
    const findings = plannedIntensityFindings(
      { daysPerWeek: plan.plannedDaysPerWeek ?? 0, minutesPerWeek: plan.plannedMinutesPerWeek ?? 0 },
      episode.rules,
    );
    if (findings.length > 0 && !hasExceptionReason(plan.content.intensityExceptionReason)) {
      const path =
        findings.some((f) => f.code === 'too_few_days') && findings.length === 1 ? 'plannedDaysPerWeek' : 'plannedMinutesPerWeek';
      throw new DomainError(
        'RULE_VIOLATION',
        `The planned intensity is outside the program's rules: ${findings.map((f) => f.message).join('; ')}. Change it, or document the reason in content.intensityExceptionReason`,
        {
          details: [
            ...findings.map((f) => ({ path, message: f.message, code: f.code })),
            { path: 'content.intensityExceptionReason', message: 'document why the plan is outside the program’s intensity' },
          ],
        },
      );
    }
    const dueOn = reviewDueOn(today, await repo.planReviewDays(trx, ctx.actor.organizationId));
    await repo.signAsClinician(trx, planId, { by: ctx.actor.userId, at: ctx.now, reviewDueOn: dueOn });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'treatment_plan.signed',
      entityType: 'treatment_plan',
      entityId: planId,
      patientId: plan.patientId,
      details: { planVersion: plan.planVersion, reviewDueOn: dueOn, intensityException: findings.length > 0 },
    });
    return dtoOf(trx, ctx, planId, episode);
  });
}

export type PatientSignatureInput =
  { signedName: string; attested: true; signatureImage?: string | undefined } | { declinedReason: string };

/** Refuses while the clinician has not signed, and a second patient signature (409). */
export function assertAwaitingPatient(plan: repo.PlanRecord): void {
  if (plan.clinicianSignedAt === null) {
    throw new DomainError(
      'RULE_VIOLATION',
      `Version ${plan.planVersion} is not signed by the clinician yet: the patient signs after the clinician`,
    );
  }
  if (planVersionStatus(plan) === 'signed') {
    throw new DomainError('CONFLICT', `The patient's signature (or refusal) for version ${plan.planVersion} is already recorded`);
  }
}

/** The patient signs on a staff device, or the clinician records why the patient did not sign. */
export async function recordPatientSignature(deps: AppDeps, ctx: ActorCtx, planId: string, input: PatientSignatureInput): Promise<PlanDto> {
  return deps.db.transaction().execute(async (trx) => {
    const { plan, episode } = await mustFindPlanAndEpisode(trx, ctx, planId, { lock: true });
    assertAwaitingPatient(plan);
    const declined = 'declinedReason' in input;
    await repo.recordPatientSignature(
      trx,
      planId,
      declined
        ? { kind: 'declined', reason: input.declinedReason, at: ctx.now }
        : { kind: 'signed', name: input.signedName, method: 'device', image: input.signatureImage ?? null, at: ctx.now },
    );
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: declined ? 'treatment_plan.patient_declined' : 'treatment_plan.patient_signed',
      entityType: 'treatment_plan',
      entityId: planId,
      patientId: plan.patientId,
      details: {
        planVersion: plan.planVersion,
        method: declined ? null : 'device',
        drawn: !declined && input.signatureImage !== undefined,
      },
    });
    return dtoOf(trx, ctx, planId, episode);
  });
}
