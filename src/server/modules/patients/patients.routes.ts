import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import {
  CreatePatientBody,
  PatientDto,
  PatientListDto,
  PatientListQuery,
  PatientParams,
  UpdatePatientBody,
  patientErrors,
} from './patients.schemas.js';
import * as patients from './patients.service.js';

// Roles: docs/roles.md.
export const PATIENT_READERS = ['clinician', 'psychiatrist', 'admissions', 'director', 'front_desk', 'billing'] as const;
export const PATIENT_EDITORS = ['admissions', 'director', 'front_desk'] as const;

const read = { access: { roles: PATIENT_READERS } } as const;
const edit = { access: { roles: PATIENT_EDITORS } } as const;

export function patientsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/patients',
      { config: read, schema: { tags: ['patients'], querystring: PatientListQuery, response: { 200: PatientListDto, ...patientErrors } } },
      (request) => patients.searchPatients(deps, actorCtx(request), request.query),
    );

    app.post(
      '/patients',
      { config: edit, schema: { tags: ['patients'], body: CreatePatientBody, response: { 201: PatientDto, ...patientErrors } } },
      async (request, reply) => reply.status(201).send(await patients.createPatient(deps, actorCtx(request), request.body)),
    );

    app.get(
      '/patients/:patientId',
      { config: read, schema: { tags: ['patients'], params: PatientParams, response: { 200: PatientDto, ...patientErrors } } },
      (request) => patients.getPatient(deps, actorCtx(request), request.params.patientId),
    );

    app.patch(
      '/patients/:patientId',
      {
        config: edit,
        schema: { tags: ['patients'], params: PatientParams, body: UpdatePatientBody, response: { 200: PatientDto, ...patientErrors } },
      },
      (request) => patients.updatePatient(deps, actorCtx(request), request.params.patientId, request.body),
    );
  };
}
