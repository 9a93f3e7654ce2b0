import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { configWrite } from '../../http/config-access.js';
import { standardErrors } from '../../http/common-schemas.js';
import { CreateSiteBody, SiteDto, SiteParams, UpdateSiteBody, siteErrors } from './sites.schemas.js';
import * as sites from './sites.service.js';

const anyone = { access: { roles: 'any' } } as const;

export function sitesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Any signed-in user, the auditor included: site names label what every page shows (dashboard).
    app.get(
      '/sites',
      { config: anyone, schema: { tags: ['sites'], response: { 200: z.object({ sites: z.array(SiteDto) }), ...standardErrors } } },
      async (request) => ({
        sites: await sites.sitesForActor(deps, actorCtx(request)),
      }),
    );

    app.post(
      '/sites',
      { config: configWrite, schema: { tags: ['sites'], body: CreateSiteBody, response: { 201: SiteDto, ...siteErrors } } },
      async (request, reply) => reply.status(201).send(await sites.createSite(deps, actorCtx(request), request.body)),
    );

    app.get(
      '/sites/:siteId',
      { config: anyone, schema: { tags: ['sites'], params: SiteParams, response: { 200: SiteDto, ...siteErrors } } },
      (request) => sites.getSite(deps, actorCtx(request), request.params.siteId),
    );

    app.patch(
      '/sites/:siteId',
      {
        config: configWrite,
        schema: { tags: ['sites'], params: SiteParams, body: UpdateSiteBody, response: { 200: SiteDto, ...siteErrors } },
      },
      (request) => sites.updateSite(deps, actorCtx(request), request.params.siteId, request.body),
    );
  };
}
