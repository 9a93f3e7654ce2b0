// Safety alerts (issue #5): raised by other modules inside their own transaction, worked by
// clinicians in a queue, escalated to the directors when nobody acknowledges them in time
// (docs/domain/safety.md, docs/decisions/0021-safety-alerts.md).
import type { Transaction } from 'kysely';
import { DomainError, fieldError } from '../../../domain/errors.js';
import {
  escalateAt,
  reasonText,
  sortOpenAlerts,
  waitingMinutes,
  type AlertAction,
  type AlertReasonCode,
  type AlertSeverity,
  type AlertSource,
} from '../../../domain/safety/alerts.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { auditBase, auditPatientsListed, mustFindPatient } from '../patients/patients.service.js';
import * as repo from './alerts.repository.js';

export type RaiseAlertInput = {
  organizationId: string;
  subject: { patientId: string } | { inquiryId: string };
  source: AlertSource;
  /** What caused it in the source module (e.g. a questionnaire response id); never its content. */
  sourceRef?: string | null;
  severity: AlertSeverity;
  reasonCode: AlertReasonCode;
  note?: string | null;
  /** The staff member who raised it by hand; null for answers from patients and the public. */
  raisedBy?: string | null;
  now: Date;
  requestId: string | null;
  clientIp: string | null;
};

export type RaisedAlert = { id: string; escalateAt: Date };

/**
 * Stores an alert in the CALLER's transaction, so it commits with the answer that caused it and
 * disappears if that answer rolls back: a crash can delay an alert but never lose it
 * (DOMAIN.md section 6). escalate_at comes from the organization's settings. Audited.
 */
export async function raiseAlert(deps: Pick<AppDeps, 'audit'>, trx: Transaction<Database>, input: RaiseAlertInput): Promise<RaisedAlert> {
  // The type asks for a transaction; this catches a plain Kysely handle passed through a cast.
  if (!trx.isTransaction) throw new Error('raiseAlert must run inside the transaction that stores the answer');
  const settings = await repo.escalationSettings(trx, input.organizationId);
  const due = escalateAt(input.now, input.severity, settings);
  const patientId = 'patientId' in input.subject ? input.subject.patientId : null;
  const inquiryId = 'inquiryId' in input.subject ? input.subject.inquiryId : null;
  const id = await repo.insertAlert(trx, {
    organizationId: input.organizationId,
    patientId,
    inquiryId,
    source: input.source,
    sourceRef: input.sourceRef ?? null,
    severity: input.severity,
    reasonCode: input.reasonCode,
    note: input.note ?? null,
    raisedBy: input.raisedBy ?? null,
    createdAt: input.now,
    escalateAt: due,
  });
  await deps.audit(trx, {
    organizationId: input.organizationId,
    userId: input.raisedBy ?? null,
    action: 'safety_alert.raised',
    entityType: 'safety_alert',
    entityId: id,
    patientId,
    outcome: 'success',
    clientIp: input.clientIp,
    requestId: input.requestId,
    details: { source: input.source, severity: input.severity, reasonCode: input.reasonCode, inquiryId },
  });
  return { id, escalateAt: due };
}

export type AlertDto = {
  id: string;
  subject: { kind: 'patient' | 'inquiry'; id: string; name: string };
  source: AlertSource;
  sourceRef: string | null;
  severity: AlertSeverity;
  reasonCode: string;
  reason: string;
  note: string | null;
  raisedBy: { id: string; name: string } | null;
  createdAt: string;
  waitingMinutes: number;
  escalateAt: string;
  escalated: boolean;
  escalatedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: string; name: string } | null;
  actions: AlertAction[];
  ackNote: string | null;
};

function toDto(record: repo.AlertRecord, now: Date): AlertDto {
  const subject =
    record.patientId !== null
      ? { kind: 'patient' as const, id: record.patientId, name: record.subjectName }
      : { kind: 'inquiry' as const, id: record.inquiryId ?? '', name: record.subjectName };
  return {
    id: record.id,
    subject,
    source: record.source,
    sourceRef: record.sourceRef,
    severity: record.severity,
    reasonCode: record.reasonCode,
    reason: reasonText(record.reasonCode),
    note: record.note,
    raisedBy: record.raisedBy,
    createdAt: record.createdAt.toISOString(),
    waitingMinutes: waitingMinutes(record.createdAt, record.acknowledgedAt ?? now),
    escalateAt: record.escalateAt.toISOString(),
    escalated: record.escalatedAt !== null,
    escalatedAt: record.escalatedAt?.toISOString() ?? null,
    acknowledgedAt: record.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: record.acknowledgedBy,
    actions: record.actions,
    ackNote: record.ackNote,
  };
}

const LIST_LIMIT = 200;

/** The queue: open alerts acute first, then longest waiting; or the latest acknowledged ones. */
export async function listAlerts(
  deps: AppDeps,
  ctx: ActorCtx,
  query: { status: 'open' | 'acknowledged'; patientId?: string | undefined },
): Promise<AlertDto[]> {
  return deps.db.transaction().execute(async (trx) => {
    if (query.patientId !== undefined) await mustFindPatient(trx, ctx, query.patientId);
    const records = await repo.listAlerts(trx, ctx.actor.organizationId, { ...query, limit: LIST_LIMIT });
    const ordered = query.status === 'open' ? sortOpenAlerts(records) : records;
    await auditPatientsListed(
      deps,
      trx,
      ctx,
      ordered.flatMap((r) => (r.patientId === null ? [] : [r.patientId])),
      'safety_alerts',
    );
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'safety_alert.listed',
      entityType: 'safety_alert',
      patientId: query.patientId ?? null,
      details: {
        status: query.status,
        alerts: ordered.length,
        inquiryIds: ordered.flatMap((r) => (r.inquiryId === null ? [] : [r.inquiryId])),
      },
    });
    return ordered.map((record) => toDto(record, ctx.now));
  });
}

export async function openCount(deps: AppDeps, ctx: ActorCtx): Promise<number> {
  // A number without names or ids: not patient data, so not audited.
  return repo.countOpen(deps.db, ctx.actor.organizationId);
}

async function mustFindAlert(trx: Transaction<Database>, ctx: ActorCtx, alertId: string, options: { lock?: boolean } = {}) {
  const record = await repo.findAlert(trx, ctx.actor.organizationId, alertId, options);
  if (!record) throw new DomainError('NOT_FOUND', 'No such alert');
  return record;
}

export async function getAlert(deps: AppDeps, ctx: ActorCtx, alertId: string): Promise<AlertDto> {
  return deps.db.transaction().execute(async (trx) => {
    const record = await mustFindAlert(trx, ctx, alertId);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'safety_alert.viewed',
      entityType: 'safety_alert',
      entityId: record.id,
      patientId: record.patientId,
      details: { inquiryId: record.inquiryId },
    });
    return toDto(record, ctx.now);
  });
}

export type AcknowledgeInput = { actions: AlertAction[]; note?: string | undefined };

/** Records what was done; 409 when someone already acknowledged it (their actions stand). */
export async function acknowledgeAlert(deps: AppDeps, ctx: ActorCtx, alertId: string, input: AcknowledgeInput): Promise<AlertDto> {
  const actions = [...new Set(input.actions)];
  if (actions.length === 0) throw fieldError('actions', 'choose at least one action taken');
  const note = input.note === undefined || input.note.trim() === '' ? null : input.note.trim();
  if (actions.includes('other') && note === null) throw fieldError('note', 'describe the other action taken');
  return deps.db.transaction().execute(async (trx) => {
    const record = await mustFindAlert(trx, ctx, alertId, { lock: true });
    if (record.acknowledgedAt !== null)
      throw new DomainError('CONFLICT', `This alert was already acknowledged by ${record.acknowledgedBy?.name ?? 'someone else'}`, {
        details: { acknowledgedAt: record.acknowledgedAt.toISOString() },
      });
    await repo.acknowledge(trx, ctx.actor.organizationId, alertId, { by: ctx.actor.userId, at: ctx.now, actions, note });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'safety_alert.acknowledged',
      entityType: 'safety_alert',
      entityId: alertId,
      patientId: record.patientId,
      details: { actions, inquiryId: record.inquiryId, escalated: record.escalatedAt !== null },
    });
    const saved = await mustFindAlert(trx, ctx, alertId);
    return toDto(saved, ctx.now);
  });
}

/** A staff member's own concern about a patient: the same alert, queue and escalation. */
export async function raiseForPatient(
  deps: AppDeps,
  ctx: ActorCtx,
  patientId: string,
  input: { severity: AlertSeverity; note: string },
): Promise<AlertDto> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const { id } = await raiseAlert(deps, trx, {
      organizationId: ctx.actor.organizationId,
      subject: { patientId },
      source: 'staff',
      severity: input.severity,
      reasonCode: 'staff_concern',
      note: input.note,
      raisedBy: ctx.actor.userId,
      now: ctx.now,
      requestId: ctx.requestId,
      clientIp: ctx.ip,
    });
    return toDto(await mustFindAlert(trx, ctx, id), ctx.now);
  });
}
