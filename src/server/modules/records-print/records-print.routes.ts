import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../../domain/access/roles.js';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { Uuid } from '../../http/common-schemas.js';
import * as records from './records.service.js';

// Roles: docs/roles.md (clinical documentation prints): the clinical staff who read plans and notes.
export const PRINT_ROLES: readonly Role[] = ['clinician', 'psychiatrist', 'director'];

const access = { access: { roles: PRINT_ROLES } } as const;
const tags = ['records-print'];
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');

export function recordsPrintRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const send = (reply: FastifyReply, printed: { pdf: Buffer; filename: string }) =>
      reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${printed.filename}"`)
        .header('cache-control', 'no-store')
        .send(printed.pdf);

    app.get(
      '/notes/:noteId/pdf',
      { config: access, schema: { tags, params: z.strictObject({ noteId: Uuid }), produces: ['application/pdf'] } },
      async (request, reply) => send(reply, await records.notePdf(deps, actorCtx(request), request.params.noteId)),
    );

    app.get(
      '/treatment-plans/:planId/pdf',
      { config: access, schema: { tags, params: z.strictObject({ planId: Uuid }), produces: ['application/pdf'] } },
      async (request, reply) => send(reply, await records.planPdf(deps, actorCtx(request), request.params.planId)),
    );

    app.get(
      '/patients/:patientId/chart.pdf',
      {
        config: access,
        schema: {
          tags,
          params: z.strictObject({ patientId: Uuid }),
          // Without a range: the last 31 days up to today in the center's time zone.
          querystring: z.strictObject({ from: LocalDate.optional(), to: LocalDate.optional() }),
          produces: ['application/pdf'],
        },
      },
      async (request, reply) => send(reply, await records.chartPdf(deps, actorCtx(request), request.params.patientId, request.query)),
    );
  };
}
