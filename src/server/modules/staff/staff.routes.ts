import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { configRead, configWrite } from '../../http/config-access.js';
import { PutProfileBody, StaffDto, StaffParams, StaffQuery, staffErrors } from './staff.schemas.js';
import * as staff from './staff.service.js';

export function staffRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/staff',
      {
        config: configRead,
        schema: { tags: ['staff'], querystring: StaffQuery, response: { 200: z.object({ staff: z.array(StaffDto) }), ...staffErrors } },
      },
      async (request) => ({
        staff: await staff.listStaff(deps, actorCtx(request), request.query),
      }),
    );

    app.get(
      '/staff/:userId/profile',
      { config: configRead, schema: { tags: ['staff'], params: StaffParams, response: { 200: StaffDto, ...staffErrors } } },
      (request) => staff.getProfile(deps, actorCtx(request), request.params.userId),
    );

    app.put(
      '/staff/:userId/profile',
      {
        config: configWrite,
        schema: { tags: ['staff'], params: StaffParams, body: PutProfileBody, response: { 200: StaffDto, ...staffErrors } },
      },
      (request) => staff.putProfile(deps, actorCtx(request), request.params.userId, request.body),
    );
  };
}
