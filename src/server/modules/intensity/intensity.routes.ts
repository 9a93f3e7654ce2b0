import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Role } from '../../../domain/access/roles.js';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import {
  PatientIntensityDto,
  PatientParams,
  PatientWeekQuery,
  WeeklyQuery,
  WeeklyReportDto,
  intensityErrors,
} from './intensity.schemas.js';
import { patientIntensity, weeklyReport } from './intensity.service.js';

/** Intensity reports and the director dashboard (issue #3 brief, roles). */
export const INTENSITY_READERS: readonly Role[] = ['director', 'admin', 'clinician', 'psychiatrist', 'billing'];

export function intensityRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/intensity/weekly',
      {
        config: { access: { roles: INTENSITY_READERS } },
        schema: { tags: ['intensity'], querystring: WeeklyQuery, response: { 200: WeeklyReportDto, ...intensityErrors } },
      },
      (request) => weeklyReport(deps, actorCtx(request), request.query),
    );

    app.get(
      '/patients/:patientId/intensity',
      {
        config: { access: { roles: INTENSITY_READERS } },
        schema: {
          tags: ['intensity'],
          params: PatientParams,
          querystring: PatientWeekQuery,
          response: { 200: PatientIntensityDto, ...intensityErrors },
        },
      },
      (request) => patientIntensity(deps, actorCtx(request), request.params.patientId, request.query.week),
    );
  };
}
