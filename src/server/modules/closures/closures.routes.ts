import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';
import { configRead, configWrite } from '../../http/config-access.js';
import * as closures from './closures.service.js';

const LocalDate = z.iso.date('must be a date (YYYY-MM-DD)');

const ClosureDto = z.object({ id: z.string(), siteId: z.string().nullable(), date: z.string(), reason: z.string() });
const ClosuresQuery = z.strictObject({ from: LocalDate, to: LocalDate, siteId: Uuid.optional() });
// siteId null (or left out): every site of the organization is closed that day.
const CreateClosureBody = z.strictObject({
  siteId: Uuid.nullable().default(null),
  date: LocalDate,
  reason: z.string().trim().min(1, 'is required').max(200),
});
const ClosureParams = z.strictObject({ closureId: Uuid });

const closureErrors = { ...standardErrors, 409: ErrorBody } as const;

export function closuresRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/closures',
      {
        config: configRead,
        schema: {
          tags: ['closures'],
          querystring: ClosuresQuery,
          response: { 200: z.object({ closures: z.array(ClosureDto) }), ...closureErrors },
        },
      },
      async (request) => ({
        closures: await closures.listClosures(deps, actorCtx(request), request.query),
      }),
    );

    app.post(
      '/closures',
      { config: configWrite, schema: { tags: ['closures'], body: CreateClosureBody, response: { 201: ClosureDto, ...closureErrors } } },
      async (request, reply) => reply.status(201).send(await closures.createClosure(deps, actorCtx(request), request.body)),
    );

    app.delete(
      '/closures/:closureId',
      { config: configWrite, schema: { tags: ['closures'], params: ClosureParams, response: { 204: z.null(), ...closureErrors } } },
      async (request, reply) => {
        await closures.deleteClosure(deps, actorCtx(request), request.params.closureId);
        return reply.status(204).send(null);
      },
    );
  };
}
