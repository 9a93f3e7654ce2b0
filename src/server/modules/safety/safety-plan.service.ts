// Versioned Stanley-Brown safety plans (docs/domain/safety.md). Every read is audited as access to
// the patient's record; a save is always the next version, never an edit.
import { DomainError } from '../../../domain/errors.js';
import { checkSafetyPlan, type SafetyPlanContent } from '../../../domain/safety/safety-plan.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import { auditBase, mustFindPatient } from '../patients/patients.service.js';
import * as repo from './safety-plan.repository.js';
import { renderSafetyPlanPdf } from './safety-plan-pdf.js';

export type PlanDto = SafetyPlanContent & { version: number; createdBy: { id: string; name: string }; createdAt: string };
export type PlanVersionDto = { version: number; createdBy: { id: string; name: string }; createdAt: string };

function toDto(record: repo.PlanRecord): PlanDto {
  return {
    version: record.version,
    warningSigns: record.warningSigns,
    internalCoping: record.internalCoping,
    socialDistraction: record.socialDistraction,
    peopleToAsk: record.peopleToAsk,
    professionals: record.professionals,
    safeEnvironment: record.safeEnvironment,
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
  };
}

const versionDto = (v: repo.PlanVersionRecord): PlanVersionDto => ({ ...v, createdAt: v.createdAt.toISOString() });

export async function getCurrentPlan(
  deps: AppDeps,
  ctx: ActorCtx,
  patientId: string,
): Promise<{ current: PlanDto | null; versions: PlanVersionDto[] }> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const current = await repo.findPlan(trx, ctx.actor.organizationId, patientId, 'latest');
    const versions = await repo.listVersions(trx, ctx.actor.organizationId, patientId);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'safety_plan.viewed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { version: current?.version ?? null },
    });
    return { current: current ? toDto(current) : null, versions: versions.map(versionDto) };
  });
}

export async function getPlanVersion(deps: AppDeps, ctx: ActorCtx, patientId: string, version: number): Promise<PlanDto> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const plan = await repo.findPlan(trx, ctx.actor.organizationId, patientId, version);
    if (!plan) throw new DomainError('NOT_FOUND', `No safety plan version ${version}`);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'safety_plan.viewed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { version },
    });
    return toDto(plan);
  });
}

/**
 * Saves the next version. `basedOnVersion` is the version the editor started from: when someone
 * saved another version meanwhile, the save is refused (412) rather than silently replacing theirs.
 */
export async function savePlan(
  deps: AppDeps,
  ctx: ActorCtx,
  patientId: string,
  input: SafetyPlanContent & { basedOnVersion?: number | undefined },
): Promise<PlanDto> {
  const checked = checkSafetyPlan(input);
  if (!checked.ok) {
    const [first] = checked.issues;
    throw new DomainError('VALIDATION_FAILED', first ? `${first.path}: ${first.message}` : 'Invalid safety plan', {
      details: checked.issues,
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    // Locking the patient row serialises concurrent saves of one patient's plan.
    await mustFindPatient(trx, ctx, patientId, { lock: true });
    const latest = await repo.latestVersion(trx, ctx.actor.organizationId, patientId);
    if (input.basedOnVersion !== undefined && input.basedOnVersion !== latest)
      throw new DomainError('STALE_VERSION', `The safety plan is now at version ${latest}; reload it and edit again`, {
        details: { currentVersion: latest },
      });
    const version = latest + 1;
    await repo.insertPlan(trx, {
      organizationId: ctx.actor.organizationId,
      patientId,
      version,
      plan: checked.plan,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'safety_plan.created',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { version },
    });
    const saved = await repo.findPlan(trx, ctx.actor.organizationId, patientId, version);
    if (!saved) throw new Error('safety plan vanished inside its own transaction');
    return toDto(saved);
  });
}

/** The latest version as a printable PDF; the print is audited like a read. */
export async function planPdf(deps: AppDeps, ctx: ActorCtx, patientId: string): Promise<Buffer> {
  const { patientName, plan } = await deps.db.transaction().execute(async (trx) => {
    const patient = await mustFindPatient(trx, ctx, patientId);
    const found = await repo.findPlan(trx, ctx.actor.organizationId, patientId, 'latest');
    if (!found) throw new DomainError('NOT_FOUND', 'This patient has no safety plan yet');
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'safety_plan.printed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { version: found.version },
    });
    return { patientName: `${patient.preferredName ?? patient.legalFirstName} ${patient.legalLastName}`, plan: found };
  });
  return renderSafetyPlanPdf({
    patientName,
    organizationName: ctx.actor.organizationName,
    version: plan.version,
    createdAt: plan.createdAt,
    plan,
  });
}
