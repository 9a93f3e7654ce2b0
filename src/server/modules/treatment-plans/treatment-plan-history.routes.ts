import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { objectiveHistory, reviewsDue } from './treatment-plan-history.service.js';
import { planAccess } from './treatment-plans.routes.js';
import { ObjectiveHistoryDto, PlanParams, ReviewsDueDto, planErrors } from './treatment-plans.schemas.js';

const tags = ['treatment-plans'];

export function treatmentPlanHistoryRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/treatment-plans/:planId/objective-history',
      { config: planAccess, schema: { tags, params: PlanParams, response: { 200: ObjectiveHistoryDto, ...planErrors } } },
      (request) => objectiveHistory(deps, actorCtx(request), request.params.planId),
    );

    app.get(
      '/treatment-plan-reviews',
      { config: planAccess, schema: { tags, response: { 200: ReviewsDueDto, ...planErrors } } },
      (request) => reviewsDue(deps, actorCtx(request)),
    );
  };
}
