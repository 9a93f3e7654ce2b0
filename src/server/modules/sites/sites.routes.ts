import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { standardErrors } from '../../http/common-schemas.js';
import { sitesForActor } from './sites.service.js';

const SiteDto = z.object({ id: z.string(), name: z.string(), timeZone: z.string() });

export function sitesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/sites', { config: { access: { roles: 'any' } }, schema: { tags: ['sites'], response: { 200: z.object({ sites: z.array(SiteDto) }), ...standardErrors } } }, async (request) => ({
      sites: await sitesForActor(deps, actorCtx(request)),
    }));
  };
}
