import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../../domain/access/roles.js';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { expectedVersion } from '../schedules/schedules.schemas.js';
import {
  EpisodeParams,
  PatientParams,
  PatientPlansDto,
  PatientSignatureBody,
  PlanDto,
  PlanParams,
  PlanSummaryDto,
  RevisionBody,
  SaveDraftBody,
  SignBody,
  planErrors,
} from './treatment-plans.schemas.js';
import * as plans from './treatment-plans.service.js';

// Roles: docs/roles.md (treatment plans): written, signed and read by the clinical staff.
export const PLAN_ROLES: readonly Role[] = ['clinician', 'psychiatrist', 'director'];
export const planAccess = { access: { roles: PLAN_ROLES } } as const;
const tags = ['treatment-plans'];

export function treatmentPlansRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/patients/:patientId/treatment-plans',
      { config: planAccess, schema: { tags, params: PatientParams, response: { 200: PatientPlansDto, ...planErrors } } },
      (request) => plans.patientPlans(deps, actorCtx(request), request.params.patientId),
    );

    app.get(
      '/episodes/:episodeId/treatment-plans',
      {
        config: planAccess,
        schema: { tags, params: EpisodeParams, response: { 200: z.object({ versions: z.array(PlanSummaryDto) }), ...planErrors } },
      },
      (request) => plans.episodePlans(deps, actorCtx(request), request.params.episodeId),
    );

    app.post(
      '/episodes/:episodeId/treatment-plans',
      { config: planAccess, schema: { tags, params: EpisodeParams, response: { 201: PlanDto, ...planErrors } } },
      async (request, reply) => reply.status(201).send(await plans.createPlan(deps, actorCtx(request), request.params.episodeId)),
    );

    app.post(
      '/episodes/:episodeId/treatment-plans/revisions',
      { config: planAccess, schema: { tags, params: EpisodeParams, body: RevisionBody, response: { 201: PlanDto, ...planErrors } } },
      async (request, reply) =>
        reply.status(201).send(await plans.startRevision(deps, actorCtx(request), request.params.episodeId, request.body)),
    );

    app.get(
      '/treatment-plans/:planId',
      { config: planAccess, schema: { tags, params: PlanParams, response: { 200: PlanDto, ...planErrors } } },
      (request) => plans.getPlan(deps, actorCtx(request), request.params.planId),
    );

    app.put(
      '/treatment-plans/:planId',
      { config: planAccess, schema: { tags, params: PlanParams, body: SaveDraftBody, response: { 200: PlanDto, ...planErrors } } },
      (request) => {
        const { version, ...input } = request.body;
        return plans.saveDraft(
          deps,
          actorCtx(request),
          request.params.planId,
          expectedVersion(version, request.headers['if-match']),
          input,
        );
      },
    );

    app.post(
      '/treatment-plans/:planId/sign',
      { config: planAccess, schema: { tags, params: PlanParams, body: SignBody, response: { 200: PlanDto, ...planErrors } } },
      (request) =>
        plans.signPlan(deps, actorCtx(request), request.params.planId, expectedVersion(request.body.version, request.headers['if-match'])),
    );

    app.post(
      '/treatment-plans/:planId/patient-signature',
      { config: planAccess, schema: { tags, params: PlanParams, body: PatientSignatureBody, response: { 200: PlanDto, ...planErrors } } },
      (request) => plans.recordPatientSignature(deps, actorCtx(request), request.params.planId, request.body),
    );
  };
}
