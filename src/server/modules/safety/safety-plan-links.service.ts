// Links that show the patient their current safety plan (docs/domain/safety.md, decision 0024):
// the token is the capability, only its SHA-256 is stored, and each link lasts PLAN_LINK_DAYS.
import { DomainError } from '../../../domain/errors.js';
import type { PatientLanguage } from '../../../domain/patients/patient-language.js';
import { PLAN_LINK_DAYS, greetingName, planLinkState, type PlanLinkState } from '../../../domain/safety/plan-links.js';
import type { SafetyPlanContent } from '../../../domain/safety/safety-plan.js';
import type { ActorCtx, AppDeps, RequestCtx } from '../../context.js';
import { hashToken, isTokenShaped, newToken } from '../../lib/secrets.js';
import { centerOf } from '../measures/measures.repository.js';
import { auditBase, mustFindPatient } from '../patients/patients.service.js';
import * as repo from './safety-plan-links.repository.js';
import * as plans from './safety-plan.repository.js';

export type PlanLinkDto = {
  id: string;
  state: PlanLinkState;
  expiresAt: string;
  revokedAt: string | null;
  createdBy: { id: string; name: string };
  createdAt: string;
  lastViewedAt: string | null;
};
export type CreatedPlanLinkDto = { linkId: string; url: string; expiresAt: string };

function toDto(link: repo.PlanLinkRecord, now: Date): PlanLinkDto {
  return {
    id: link.id,
    state: planLinkState(link, now),
    expiresAt: link.expiresAt.toISOString(),
    revokedAt: link.revokedAt?.toISOString() ?? null,
    createdBy: link.createdBy,
    createdAt: link.createdAt.toISOString(),
    lastViewedAt: link.lastViewedAt?.toISOString() ?? null,
  };
}

/** A new link; the URL (with the token) is returned this once and never again. */
export async function createPlanLink(deps: AppDeps, ctx: ActorCtx, patientId: string): Promise<CreatedPlanLinkDto> {
  const token = newToken();
  const expiresAt = new Date(ctx.now.getTime() + PLAN_LINK_DAYS * 86_400_000);
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const latest = await plans.latestVersion(trx, ctx.actor.organizationId, patientId);
    if (latest === 0) throw new DomainError('CONFLICT', 'This patient has no safety plan yet: write one before sharing it');
    const linkId = await repo.insertLink(trx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      tokenHash: hashToken(token),
      expiresAt,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'safety_plan_link.created',
      entityType: 'safety_plan_link',
      entityId: linkId,
      patientId,
      details: { version: latest },
    });
    return { linkId, url: `/plan/${token}`, expiresAt: expiresAt.toISOString() };
  });
}

export async function listPlanLinks(deps: AppDeps, ctx: ActorCtx, patientId: string): Promise<{ links: PlanLinkDto[] }> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const links = await repo.listLinks(trx, ctx.actor.organizationId, patientId);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'safety_plan_link.listed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
    });
    return { links: links.map((link) => toDto(link, ctx.now)) };
  });
}

/** Revoking twice is harmless: the first revocation stands. */
export async function revokePlanLink(deps: AppDeps, ctx: ActorCtx, patientId: string, linkId: string): Promise<PlanLinkDto> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const link = await repo.findLink(trx, ctx.actor.organizationId, patientId, linkId, { lock: true });
    if (!link) throw new DomainError('NOT_FOUND', 'No such safety plan link');
    if (link.revokedAt === null) {
      await repo.revokeLink(trx, linkId, { at: ctx.now, by: ctx.actor.userId });
      await deps.audit(trx, {
        ...auditBase(ctx),
        action: 'safety_plan_link.revoked',
        entityType: 'safety_plan_link',
        entityId: linkId,
        patientId,
      });
    }
    const after = await repo.findLink(trx, ctx.actor.organizationId, patientId, linkId);
    if (!after) throw new Error('safety plan link vanished inside its own transaction');
    return toDto(after, ctx.now);
  });
}

/** `language` is the patient's preferred language, known whenever the token matched a link. */
export type OpenPlan =
  | { kind: 'not_found' }
  | { kind: 'gone'; language: PatientLanguage | null }
  | {
      kind: 'ok';
      language: PatientLanguage | null;
      name: string | null;
      plan: SafetyPlanContent;
      version: number;
      updatedAt: Date;
      center: { name: string; phone: string };
    };

/** The patient's side: the current version, audited as a view of the patient's record. */
export async function openPlanLink(deps: AppDeps, ctx: RequestCtx, token: string): Promise<OpenPlan> {
  if (!isTokenShaped(token)) return { kind: 'not_found' };
  return deps.db.transaction().execute(async (trx): Promise<OpenPlan> => {
    const link = await repo.findLinkByHash(trx, hashToken(token));
    if (!link) return { kind: 'not_found' };
    // Expired and revoked look the same to whoever holds the link: nothing more is revealed.
    const language = link.patient.language;
    if (planLinkState(link, ctx.now) !== 'active') return { kind: 'gone', language };
    const plan = await plans.findPlan(trx, link.organizationId, link.patientId, 'latest');
    if (!plan) return { kind: 'gone', language };
    const center = await centerOf(trx, link.organizationId);
    const name = greetingName(link.patient.preferredName);
    await repo.markViewed(trx, link.id, ctx.now);
    await deps.audit(trx, {
      organizationId: link.organizationId,
      userId: null,
      action: 'safety_plan_link.viewed',
      entityType: 'safety_plan_link',
      entityId: link.id,
      patientId: link.patientId,
      outcome: 'success',
      clientIp: ctx.ip,
      requestId: ctx.requestId,
      details: { version: plan.version },
    });
    return { kind: 'ok', language, name, plan, version: plan.version, updatedAt: plan.createdAt, center };
  });
}
