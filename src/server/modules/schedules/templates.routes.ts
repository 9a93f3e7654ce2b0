import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import {
  CONFIG_WRITERS,
  CreateTemplateBody,
  EndTemplateBody,
  GENERATORS,
  GenerateBody,
  GenerationSummaryDto,
  STAFF_READERS,
  ScheduleOptionsDto,
  TemplateDto,
  TemplateListQuery,
  TemplateParams,
  TemplateWithGeneration,
  UpdateTemplateBody,
  expectedVersion,
  schedulesErrors,
} from './schedules.schemas.js';
import { scheduleOptions } from './options.service.js';
import * as templates from './templates.service.js';

const read = { access: { roles: STAFF_READERS } } as const;
const write = { access: { roles: CONFIG_WRITERS } } as const;
const tags = ['schedules'];

export function templatesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/schedules/templates',
      {
        config: read,
        schema: {
          tags,
          querystring: TemplateListQuery,
          response: { 200: z.object({ templates: z.array(TemplateDto) }), ...schedulesErrors },
        },
      },
      async (request) => ({
        templates: await templates.listTemplates(deps, actorCtx(request), {
          programId: request.query.programId,
          siteId: request.query.siteId,
          includeEnded: request.query.includeEnded === 'true',
        }),
      }),
    );

    app.get(
      '/schedules/templates/:templateId',
      { config: read, schema: { tags, params: TemplateParams, response: { 200: TemplateDto, ...schedulesErrors } } },
      (request) => templates.getTemplate(deps, actorCtx(request), request.params.templateId),
    );

    app.post(
      '/schedules/templates',
      { config: write, schema: { tags, body: CreateTemplateBody, response: { 201: TemplateWithGeneration, ...schedulesErrors } } },
      async (request, reply) => reply.status(201).send(await templates.createTemplate(deps, actorCtx(request), request.body)),
    );

    app.patch(
      '/schedules/templates/:templateId',
      {
        config: write,
        schema: { tags, params: TemplateParams, body: UpdateTemplateBody, response: { 200: TemplateWithGeneration, ...schedulesErrors } },
      },
      (request) => {
        const { version, ...patch } = request.body;
        return templates.updateTemplate(
          deps,
          actorCtx(request),
          request.params.templateId,
          patch,
          expectedVersion(version, request.headers['if-match']),
        );
      },
    );

    app.post(
      '/schedules/templates/:templateId/end',
      {
        config: write,
        schema: { tags, params: TemplateParams, body: EndTemplateBody, response: { 200: TemplateWithGeneration, ...schedulesErrors } },
      },
      (request) =>
        templates.endTemplate(
          deps,
          actorCtx(request),
          request.params.templateId,
          request.body.endsOn,
          expectedVersion(request.body.version, request.headers['if-match']),
        ),
    );

    app.get(
      '/schedules/options',
      { config: read, schema: { tags, response: { 200: ScheduleOptionsDto, ...schedulesErrors } } },
      (request) => scheduleOptions(deps, actorCtx(request)),
    );

    app.post(
      '/schedules/generate',
      {
        config: { access: { roles: GENERATORS } },
        schema: { tags, body: GenerateBody, response: { 200: GenerationSummaryDto, ...schedulesErrors } },
      },
      (request) => templates.generateSchedules(deps, actorCtx(request), request.body),
    );
  };
}
