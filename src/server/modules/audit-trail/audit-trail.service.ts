import { stringify } from 'csv-stringify/sync';
import type { ActorCtx, AppDeps } from '../../context.js';
import { findAuditEvents, type AuditFilter, type AuditRow } from './audit-trail.repository.js';

export type AuditQuery = Omit<AuditFilter, 'organizationId'>;

const EXPORT_LIMIT = 100_000;

/** Reading the trail is itself recorded: who looked at whose access history matters too. */
export async function searchAuditTrail(deps: AppDeps, ctx: ActorCtx, query: AuditQuery): Promise<{ events: AuditRow[]; total: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const { rows, total } = await findAuditEvents(trx, { ...query, organizationId: ctx.actor.organizationId });
    await deps.audit(trx, { ...base(ctx), action: 'audit.viewed', patientId: query.patientId ?? null, details: { results: rows.length } });
    return { events: rows, total };
  });
}

export async function exportAuditTrailCsv(deps: AppDeps, ctx: ActorCtx, query: AuditQuery): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    const { rows } = await findAuditEvents(trx, { ...query, offset: 0, limit: EXPORT_LIMIT, organizationId: ctx.actor.organizationId });
    await deps.audit(trx, { ...base(ctx), action: 'audit.exported', patientId: query.patientId ?? null, details: { rows: rows.length } });
    return stringify(rows, {
      header: true,
      columns: [
        'id',
        'occurredAt',
        'userId',
        'userEmail',
        'organizationId',
        'action',
        'entityType',
        'entityId',
        'patientId',
        'outcome',
        'clientIp',
        'requestId',
      ],
    });
  });
}

function base(ctx: ActorCtx) {
  return {
    organizationId: ctx.actor.organizationId,
    userId: ctx.actor.userId,
    outcome: 'success' as const,
    clientIp: ctx.ip,
    requestId: ctx.requestId,
    entityType: 'audit_trail',
  };
}
