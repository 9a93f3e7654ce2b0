import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { INTENSITY_READERS } from '../intensity/intensity.routes.js';
import { DashboardDto, dashboardErrors } from './dashboard.schemas.js';
import { getDashboard } from './dashboard.service.js';

export function dashboardRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/dashboard',
      {
        config: { access: { roles: INTENSITY_READERS } },
        schema: { tags: ['dashboard'], response: { 200: DashboardDto, ...dashboardErrors } },
      },
      (request) => getDashboard(deps, actorCtx(request)),
    );
  };
}
