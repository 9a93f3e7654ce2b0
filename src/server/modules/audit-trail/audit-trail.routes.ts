import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { Uuid, standardErrors } from '../../http/common-schemas.js';
import { exportAuditTrailCsv, searchAuditTrail } from './audit-trail.service.js';

const DateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((value) => new Date(value));

const AuditQuery = z.strictObject({
  userId: Uuid.optional(),
  patientId: Uuid.optional(),
  action: z.string().max(100).optional(),
  from: DateOrDateTime.optional(),
  // A bare date as `to` includes that whole day.
  to: z
    .union([
      z.iso.date().transform((d) => new Date(new Date(d).getTime() + 86_400_000)),
      z.iso.datetime({ offset: true }).transform((d) => new Date(d)),
    ])
    .optional(),
  sort: z.enum(['occurredAt', '-occurredAt']).default('-occurredAt'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const AuditEventDto = z.object({
  id: z.string(),
  occurredAt: z.string(),
  userId: z.string().nullable(),
  userEmail: z.string().nullable(),
  organizationId: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  patientId: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  clientIp: z.string().nullable(),
  requestId: z.string().nullable(),
});

const auditors = { access: { roles: ['auditor', 'admin'] } } as const;

export function auditTrailRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit/events',
      {
        config: auditors,
        schema: {
          tags: ['audit'],
          querystring: AuditQuery,
          response: { 200: z.object({ events: z.array(AuditEventDto), total: z.number() }), ...standardErrors },
        },
      },
      (request) => searchAuditTrail(deps, actorCtx(request), request.query),
    );

    app.get(
      '/audit/events.csv',
      { config: auditors, schema: { tags: ['audit'], querystring: AuditQuery, produces: ['text/csv'] } },
      async (request, reply) => {
        const csv = await exportAuditTrailCsv(deps, actorCtx(request), request.query);
        const stamp = new Date(request.nowMs).toISOString().slice(0, 10);
        return reply
          .header('Content-Type', 'text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="audit-trail-${stamp}.csv"`)
          .send(csv);
      },
    );
  };
}
