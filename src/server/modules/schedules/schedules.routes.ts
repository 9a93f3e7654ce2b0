import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import { sessionsRoutes } from './sessions.routes.js';
import { templatesRoutes } from './templates.routes.js';

/** Group templates, generation, session changes and individual appointments. */
export function schedulesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(templatesRoutes(deps));
    await app.register(sessionsRoutes(deps));
  };
}
