import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Role } from '../../../domain/access/roles.js';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import {
  EntryResultDto,
  KioskBody,
  LinkBody,
  LinkDto,
  PaperEntryBody,
  PatientMeasuresDto,
  PatientParams,
  ProgramParams,
  ScheduleBody,
  ScheduleDto,
  measureErrors,
} from './measures.schemas.js';
import * as measures from './measures.service.js';

// Roles: docs/roles.md (measurement-based care). Responses are clinical data for the clinical staff;
// a program's schedule is set by its director (or an admin).
export const MEASURE_ROLES: readonly Role[] = ['clinician', 'psychiatrist', 'director'];
const SCHEDULE_READ_ROLES: readonly Role[] = ['clinician', 'psychiatrist', 'director', 'admin'];
const SCHEDULE_WRITE_ROLES: readonly Role[] = ['director', 'admin'];

const clinical = { access: { roles: MEASURE_ROLES } } as const;
const tags = ['measures'];

export function measuresRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/programs/:programId/measure-schedule',
      {
        config: { access: { roles: SCHEDULE_READ_ROLES } },
        schema: { tags, params: ProgramParams, response: { 200: ScheduleDto, ...measureErrors } },
      },
      async (request) => ({
        programId: request.params.programId,
        rules: await measures.getSchedule(deps, actorCtx(request), request.params.programId),
      }),
    );

    app.put(
      '/programs/:programId/measure-schedule',
      {
        config: { access: { roles: SCHEDULE_WRITE_ROLES } },
        schema: { tags, params: ProgramParams, body: ScheduleBody, response: { 200: ScheduleDto, ...measureErrors } },
      },
      async (request) => ({
        programId: request.params.programId,
        rules: await measures.putSchedule(deps, actorCtx(request), request.params.programId, request.body.rules),
      }),
    );

    app.get(
      '/patients/:patientId/measures',
      { config: clinical, schema: { tags, params: PatientParams, response: { 200: PatientMeasuresDto, ...measureErrors } } },
      (request) => measures.patientMeasures(deps, actorCtx(request), request.params.patientId),
    );

    app.post(
      '/patients/:patientId/measures',
      {
        config: clinical,
        schema: { tags, params: PatientParams, body: PaperEntryBody, response: { 201: EntryResultDto, ...measureErrors } },
      },
      async (request, reply) =>
        reply.status(201).send(await measures.enterPaperForm(deps, actorCtx(request), request.params.patientId, request.body)),
    );

    app.post(
      '/patients/:patientId/measure-links',
      { config: clinical, schema: { tags, params: PatientParams, body: LinkBody, response: { 201: LinkDto, ...measureErrors } } },
      async (request, reply) =>
        reply.status(201).send(await measures.createLink(deps, actorCtx(request), request.params.patientId, request.body)),
    );

    app.post(
      '/kiosk/sessions',
      { config: clinical, schema: { tags, body: KioskBody, response: { 201: LinkDto, ...measureErrors } } },
      async (request, reply) =>
        reply.status(201).send(await measures.createLink(deps, actorCtx(request), request.body.patientId, request.body, 'kiosk')),
    );
  };
}
