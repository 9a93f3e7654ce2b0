// One-time links through which the patient reads and signs a clinician-signed plan version
// (decision 0026): the token is the capability and is shown once; only its SHA-256 is stored; the
// link lasts SIGN_LINK_DAYS, is revocable, and signing uses it up.
import { DomainError } from '../../../domain/errors.js';
import { pageLanguage, type PatientLanguage } from '../../../domain/patients/patient-language.js';
import { greetingName } from '../../../domain/safety/plan-links.js';
import { localDateOf } from '../../../domain/scheduling/local-time.js';
import { planVersionStatus } from '../../../domain/treatment-plans/plan-review.js';
import { SIGN_LINK_DAYS, signLinkState, typedSignatureIssues, type SignLinkState } from '../../../domain/treatment-plans/sign-links.js';
import type { ActorCtx, AppDeps, RequestCtx } from '../../context.js';
import type { Db } from '../../db/database.js';
import { hashToken, isTokenShaped, newToken } from '../../lib/secrets.js';
import type { Language } from '../../public-site/i18n/i18n.js';
import type { SignPlanView } from '../../public-site/sign-plan-page.js';
import { auditBase } from '../patients/patients.service.js';
import type { LinkPatient } from '../safety/safety-plan-links.repository.js';
import { staffNames } from '../schedules/lookups.repository.js';
import * as repo from './treatment-plan-links.repository.js';
import * as plans from './treatment-plans.repository.js';
import { assertAwaitingPatient, mustFindPlan } from './treatment-plans.service.js';

export type SignLinkDto = {
  id: string;
  state: SignLinkState;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
  createdBy: { id: string; name: string };
  createdAt: string;
};

function toDto(link: repo.SignLinkRecord, now: Date): SignLinkDto {
  return {
    id: link.id,
    state: signLinkState(link, now),
    expiresAt: link.expiresAt.toISOString(),
    usedAt: link.usedAt?.toISOString() ?? null,
    revokedAt: link.revokedAt?.toISOString() ?? null,
    createdBy: link.createdBy,
    createdAt: link.createdAt.toISOString(),
  };
}

/** A new link for a version awaiting the patient's signature; the URL is returned this once. */
export async function createSignLink(deps: AppDeps, ctx: ActorCtx, planId: string) {
  const token = newToken();
  const expiresAt = new Date(ctx.now.getTime() + SIGN_LINK_DAYS * 86_400_000);
  return deps.db.transaction().execute(async (trx) => {
    const plan = await mustFindPlan(trx, ctx, planId, { lock: true });
    assertAwaitingPatient(plan);
    const linkId = await repo.insertLink(trx, {
      organizationId: ctx.actor.organizationId,
      planId,
      tokenHash: hashToken(token),
      expiresAt,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'treatment_plan_sign_link.created',
      entityType: 'treatment_plan_sign_link',
      entityId: linkId,
      patientId: plan.patientId,
      details: { planId, planVersion: plan.planVersion },
    });
    return { linkId, url: `/sign-plan/${token}`, expiresAt: expiresAt.toISOString() };
  });
}

export async function listSignLinks(deps: AppDeps, ctx: ActorCtx, planId: string): Promise<{ links: SignLinkDto[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const plan = await mustFindPlan(trx, ctx, planId);
    const links = await repo.listLinks(trx, ctx.actor.organizationId, planId);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'treatment_plan_sign_link.listed',
      entityType: 'treatment_plan',
      entityId: planId,
      patientId: plan.patientId,
    });
    return { links: links.map((link) => toDto(link, ctx.now)) };
  });
}

/** Revoking twice is harmless: the first revocation stands. */
export async function revokeSignLink(deps: AppDeps, ctx: ActorCtx, planId: string, linkId: string): Promise<SignLinkDto> {
  return deps.db.transaction().execute(async (trx) => {
    const plan = await mustFindPlan(trx, ctx, planId);
    const link = await repo.findLink(trx, ctx.actor.organizationId, planId, linkId, { lock: true });
    if (!link) throw new DomainError('NOT_FOUND', 'No such signing link');
    if (link.revokedAt === null && link.usedAt === null) {
      await repo.revokeLink(trx, linkId, ctx.now);
      await deps.audit(trx, {
        ...auditBase(ctx),
        action: 'treatment_plan_sign_link.revoked',
        entityType: 'treatment_plan_sign_link',
        entityId: linkId,
        patientId: plan.patientId,
        details: { planId },
      });
    }
    const after = await repo.findLink(trx, ctx.actor.organizationId, planId, linkId);
    if (!after) throw new Error('signing link vanished inside its own transaction');
    return toDto(after, ctx.now);
  });
}

type Opened = {
  kind: 'open';
  link: repo.SignLinkRecord & { patient: LinkPatient };
  plan: plans.PlanRecord;
  episode: plans.EpisodeRecord;
  language: PatientLanguage | null;
};
type Closed = { kind: 'not_found' } | { kind: 'gone'; language: PatientLanguage | null };

/**
 * The link and its plan, or why the page cannot show it (nothing more is revealed). Once the token
 * matched, the patient's preferred language is known, so even the "no longer works" page uses it.
 */
async function openLink(trx: Db, token: string, now: Date, lock: boolean): Promise<Opened | Closed> {
  if (!isTokenShaped(token)) return { kind: 'not_found' };
  const link = await repo.findLinkByHash(trx, hashToken(token), { lock });
  if (!link) return { kind: 'not_found' };
  const gone = { kind: 'gone', language: link.patient.language } as const;
  if (signLinkState(link, now) !== 'active') return gone;
  const plan = await plans.findPlan(trx, link.organizationId, link.planId, { lock });
  if (!plan || planVersionStatus(plan) !== 'awaiting_patient') return gone;
  // A version replaced by a newer signed one is no longer the plan the patient would agree to.
  const newest = (await plans.listVersions(trx, link.organizationId, [plan.episodeId])).find((v) => v.clinicianSignedAt !== null);
  if (newest?.id !== plan.id) return gone;
  const episode = await plans.findEpisode(trx, link.organizationId, plan.episodeId);
  if (!episode) return gone;
  return { kind: 'open', link, plan, episode, language: link.patient.language };
}

async function viewOf(trx: Db, opened: Opened): Promise<SignPlanView> {
  const { plan, episode, link } = opened;
  const responsibleIds = plan.content.problems.flatMap((p) => p.goals.flatMap((g) => g.interventions.map((i) => i.responsibleUserId)));
  const names = await staffNames(trx, link.organizationId, responsibleIds);
  return {
    greeting: greetingName(link.patient.preferredName),
    programName: episode.programName,
    planVersion: plan.planVersion,
    clinicianName: plan.clinicianSignedBy?.name ?? '',
    clinicianSignedOn: plan.clinicianSignedAt === null ? '' : localDateOf(plan.clinicianSignedAt.getTime(), episode.timeZone),
    reviewDueOn: plan.reviewDueOn,
    plannedDaysPerWeek: plan.plannedDaysPerWeek,
    plannedMinutesPerWeek: plan.plannedMinutesPerWeek,
    strengths: plan.content.patientStrengthsAndPreferences,
    problems: plan.content.problems.map((problem) => ({
      statement: problem.statement,
      diagnosisCodes: problem.diagnosisCodes,
      goals: problem.goals.map((goal) => ({
        statement: goal.statement,
        objectives: goal.objectives.map((o) => ({ statement: o.statement, targetDate: o.targetDate })),
        interventions: goal.interventions.map((i) => ({
          description: i.description,
          modality: i.modality,
          frequency: i.frequency,
          responsible: names.get(i.responsibleUserId) ?? null,
        })),
      })),
    })),
  };
}

function linkAudit(ctx: RequestCtx, opened: Opened, action: string, extra: Record<string, string> = {}) {
  return {
    organizationId: opened.link.organizationId,
    userId: null,
    action,
    entityType: 'treatment_plan_sign_link',
    entityId: opened.link.id,
    patientId: opened.plan.patientId,
    outcome: 'success' as const,
    clientIp: ctx.ip,
    requestId: ctx.requestId,
    details: { planId: opened.plan.id, planVersion: opened.plan.planVersion, ...extra },
  };
}

/** `language` is the patient's preferred language (decision 0033), when the token matched a link. */
export type OpenedSignLink = Closed | { kind: 'ok'; view: SignPlanView; language: PatientLanguage | null };

export async function viewSignLink(deps: AppDeps, ctx: RequestCtx, token: string): Promise<OpenedSignLink> {
  return deps.db.transaction().execute(async (trx): Promise<OpenedSignLink> => {
    const opened = await openLink(trx, token, ctx.now, false);
    if (opened.kind !== 'open') return opened;
    await deps.audit(trx, linkAudit(ctx, opened, 'treatment_plan_sign_link.viewed'));
    return { kind: 'ok', view: await viewOf(trx, opened), language: opened.language };
  });
}

/** `language` is the page's language: the one asked for, else the patient's preferred (decision 0033). */
export type SubmittedSignLink =
  | { kind: 'not_found'; language: Language }
  | { kind: 'gone'; language: Language }
  | { kind: 'invalid'; language: Language; view: SignPlanView; missing: ('signedName' | 'agreed')[] }
  | { kind: 'signed'; language: Language; planVersion: number };

/**
 * The patient's typed signature through the link: recorded once, and the link is used up. The audit
 * keeps the language of the page the patient agreed on (decision 0031); the signature is the same.
 */
export async function submitSignLink(
  deps: AppDeps,
  ctx: RequestCtx,
  token: string,
  form: { signedName: string; agreed: boolean; requestedLanguage: Language | undefined },
): Promise<SubmittedSignLink> {
  return deps.db.transaction().execute(async (trx): Promise<SubmittedSignLink> => {
    const opened = await openLink(trx, token, ctx.now, true);
    const language = pageLanguage(form.requestedLanguage, opened.kind === 'not_found' ? null : opened.language);
    if (opened.kind !== 'open') return { kind: opened.kind, language };
    const missing = typedSignatureIssues(form);
    if (missing.length > 0) return { kind: 'invalid', language, view: await viewOf(trx, opened), missing };
    await plans.recordPatientSignature(trx, opened.plan.id, {
      kind: 'signed',
      name: form.signedName.trim(),
      method: 'link',
      image: null,
      at: ctx.now,
    });
    await repo.markUsed(trx, opened.link.id, ctx.now);
    await deps.audit(trx, linkAudit(ctx, opened, 'treatment_plan.patient_signed', { language }));
    return { kind: 'signed', language, planVersion: opened.plan.planVersion };
  });
}
