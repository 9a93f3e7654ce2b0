import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Role } from '../../../domain/access/roles.js';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { standardErrors } from '../../http/common-schemas.js';
import { OutcomesDto, OutcomesQuery, PatientParams, PatientTrendsDto } from './outcomes.schemas.js';
import * as outcomes from './outcomes.service.js';
import * as trends from './trends.service.js';

// Roles: docs/roles.md (measurement-based care). A patient's trends are clinical data, as their
// responses are. Population outcomes are counts without names, for the program's clinical leads;
// admin (IT) and auditor see neither (decision 0023).
export const TREND_ROLES: readonly Role[] = ['clinician', 'psychiatrist', 'director'];
export const OUTCOME_ROLES: readonly Role[] = ['director', 'clinician', 'psychiatrist'];
const tags = ['outcomes'];

export function outcomesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/patients/:patientId/trends',
      {
        config: { access: { roles: TREND_ROLES } },
        schema: { tags, params: PatientParams, response: { 200: PatientTrendsDto, ...standardErrors } },
      },
      (request) => trends.patientTrends(deps, actorCtx(request), request.params.patientId),
    );

    app.get(
      '/outcomes',
      {
        config: { access: { roles: OUTCOME_ROLES } },
        schema: { tags, querystring: OutcomesQuery, response: { 200: OutcomesDto, ...standardErrors } },
      },
      (request) => outcomes.outcomesReport(deps, actorCtx(request), request.query),
    );

    app.get(
      '/outcomes.csv',
      { config: { access: { roles: OUTCOME_ROLES } }, schema: { tags, querystring: OutcomesQuery, produces: ['text/csv'] } },
      async (request, reply) => {
        const { csv, filename } = await outcomes.outcomesReportCsv(deps, actorCtx(request), request.query);
        return reply
          .header('Content-Type', 'text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${filename}"`)
          .send(csv);
      },
    );
  };
}
