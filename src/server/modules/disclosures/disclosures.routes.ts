import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { DISCLOSERS, LOG_READERS } from './disclosure-roles.js';
import * as disclosures from './disclosures.service.js';
import { DisclosureBody, DisclosureListDto, PatientParams, disclosureErrors } from './disclosures.schemas.js';

const tags = ['disclosures'];

export function disclosuresRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/patients/:patientId/disclosures',
      {
        config: { access: { roles: DISCLOSERS } },
        schema: { tags, params: PatientParams, body: DisclosureBody, produces: ['application/pdf', 'application/json'] },
      },
      async (request, reply) => {
        const disclosed = await disclosures.makeDisclosure(deps, actorCtx(request), request.params.patientId, request.body);
        const file =
          disclosed.format === 'pdf'
            ? { type: 'application/pdf', name: `disclosure-${disclosed.disclosureId}.pdf`, body: disclosed.pdf }
            : {
                type: 'application/json',
                name: `disclosure-${disclosed.disclosureId}.json`,
                body: JSON.stringify(disclosed.document, null, 2),
              };
        return reply
          .type(file.type)
          .header('content-disposition', `attachment; filename="${file.name}"`)
          .header('cache-control', 'no-store')
          .header('x-disclosure-id', disclosed.disclosureId)
          .send(file.body);
      },
    );

    app.get(
      '/patients/:patientId/disclosures',
      {
        config: { access: { roles: LOG_READERS } },
        schema: { tags, params: PatientParams, response: { 200: DisclosureListDto, ...disclosureErrors } },
      },
      async (request) => ({ disclosures: await disclosures.listDisclosures(deps, actorCtx(request), request.params.patientId) }),
    );

    app.get(
      '/patients/:patientId/disclosures.csv',
      { config: { access: { roles: LOG_READERS } }, schema: { tags, params: PatientParams, produces: ['text/csv'] } },
      async (request, reply) => {
        const { csv, filename } = await disclosures.disclosuresCsv(deps, actorCtx(request), request.params.patientId);
        return reply
          .header('Content-Type', 'text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${filename}"`)
          .header('cache-control', 'no-store')
          .send(csv);
      },
    );
  };
}
