import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { configRead, configWrite } from '../../http/config-access.js';
import { CreateProgramBody, ProgramDto, ProgramParams, ProgramsQuery, UpdateProgramBody, programErrors } from './programs.schemas.js';
import * as programs from './programs.service.js';

export function programsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/programs',
      {
        config: configRead,
        schema: {
          tags: ['programs'],
          querystring: ProgramsQuery,
          response: { 200: z.object({ programs: z.array(ProgramDto) }), ...programErrors },
        },
      },
      async (request) => ({
        programs: await programs.listPrograms(deps, actorCtx(request), request.query),
      }),
    );

    app.post(
      '/programs',
      { config: configWrite, schema: { tags: ['programs'], body: CreateProgramBody, response: { 201: ProgramDto, ...programErrors } } },
      async (request, reply) => reply.status(201).send(await programs.createProgram(deps, actorCtx(request), request.body)),
    );

    app.get(
      '/programs/:programId',
      { config: configRead, schema: { tags: ['programs'], params: ProgramParams, response: { 200: ProgramDto, ...programErrors } } },
      (request) => programs.getProgram(deps, actorCtx(request), request.params.programId),
    );

    // The body carries the version the client last read; a different current version is a 412.
    app.patch(
      '/programs/:programId',
      {
        config: configWrite,
        schema: { tags: ['programs'], params: ProgramParams, body: UpdateProgramBody, response: { 200: ProgramDto, ...programErrors } },
      },
      (request) => programs.updateProgram(deps, actorCtx(request), request.params.programId, request.body),
    );

    app.post(
      '/programs/:programId/deactivate',
      { config: configWrite, schema: { tags: ['programs'], params: ProgramParams, response: { 200: ProgramDto, ...programErrors } } },
      (request) => programs.setProgramActive(deps, actorCtx(request), request.params.programId, false),
    );

    app.post(
      '/programs/:programId/reactivate',
      { config: configWrite, schema: { tags: ['programs'], params: ProgramParams, response: { 200: ProgramDto, ...programErrors } } },
      (request) => programs.setProgramActive(deps, actorCtx(request), request.params.programId, true),
    );
  };
}
