import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import * as plans from './safety-plan.service.js';
import { CurrentPlanDto, PatientParams, PlanBody, PlanDto, PlanVersionParams, safetyErrors } from './safety.schemas.js';
import { SAFETY_ROLES } from './safety.routes.js';

// Roles: docs/roles.md (safety plans): read and written by the clinical staff only.
const safety = { access: { roles: SAFETY_ROLES } } as const;
const tags = ['safety'];

export function safetyPlanRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/patients/:patientId/safety-plan',
      { config: safety, schema: { tags, params: PatientParams, response: { 200: CurrentPlanDto, ...safetyErrors } } },
      (request) => plans.getCurrentPlan(deps, actorCtx(request), request.params.patientId),
    );

    app.get(
      '/patients/:patientId/safety-plan/versions/:version',
      { config: safety, schema: { tags, params: PlanVersionParams, response: { 200: PlanDto, ...safetyErrors } } },
      (request) => plans.getPlanVersion(deps, actorCtx(request), request.params.patientId, request.params.version),
    );

    app.post(
      '/patients/:patientId/safety-plan',
      { config: safety, schema: { tags, params: PatientParams, body: PlanBody, response: { 201: PlanDto, ...safetyErrors } } },
      async (request, reply) =>
        reply.status(201).send(await plans.savePlan(deps, actorCtx(request), request.params.patientId, request.body)),
    );

    app.get(
      '/patients/:patientId/safety-plan.pdf',
      { config: safety, schema: { tags, params: PatientParams, produces: ['application/pdf'] } },
      async (request, reply) => {
        const pdf = await plans.planPdf(deps, actorCtx(request), request.params.patientId);
        return reply
          .type('application/pdf')
          .header('content-disposition', 'inline; filename="safety-plan.pdf"')
          .header('cache-control', 'no-store')
          .send(pdf);
      },
    );
  };
}
