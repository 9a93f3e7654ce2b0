import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Role } from '../../../domain/access/roles.js';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import * as alerts from './alerts.service.js';
import {
  AcknowledgeBody,
  AlertCountDto,
  AlertDto,
  AlertListDto,
  AlertListQuery,
  AlertParams,
  PatientParams,
  RaiseBody,
  safetyErrors,
} from './safety.schemas.js';

// Roles: docs/roles.md (safety alerts). The clinical staff who act on suicide risk.
export const SAFETY_ROLES: readonly Role[] = ['clinician', 'psychiatrist', 'director'];

const safety = { access: { roles: SAFETY_ROLES } } as const;
const tags = ['safety'];

export function safetyAlertsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/safety/alerts',
      { config: safety, schema: { tags, querystring: AlertListQuery, response: { 200: AlertListDto, ...safetyErrors } } },
      async (request) => ({ alerts: await alerts.listAlerts(deps, actorCtx(request), request.query) }),
    );

    app.get(
      '/safety/alerts/count',
      { config: safety, schema: { tags, response: { 200: AlertCountDto, ...safetyErrors } } },
      async (request) => ({
        open: await alerts.openCount(deps, actorCtx(request)),
      }),
    );

    app.get(
      '/safety/alerts/:alertId',
      { config: safety, schema: { tags, params: AlertParams, response: { 200: AlertDto, ...safetyErrors } } },
      (request) => alerts.getAlert(deps, actorCtx(request), request.params.alertId),
    );

    app.post(
      '/safety/alerts/:alertId/acknowledge',
      { config: safety, schema: { tags, params: AlertParams, body: AcknowledgeBody, response: { 200: AlertDto, ...safetyErrors } } },
      (request) => alerts.acknowledgeAlert(deps, actorCtx(request), request.params.alertId, request.body),
    );

    app.post(
      '/patients/:patientId/safety-alerts',
      { config: safety, schema: { tags, params: PatientParams, body: RaiseBody, response: { 201: AlertDto, ...safetyErrors } } },
      async (request, reply) =>
        reply.status(201).send(await alerts.raiseForPatient(deps, actorCtx(request), request.params.patientId, request.body)),
    );
  };
}
