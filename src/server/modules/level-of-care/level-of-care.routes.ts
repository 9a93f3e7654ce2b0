import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Role } from '../../../domain/access/roles.js';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import {
  AssessBody,
  AssessmentDto,
  AssessmentListDto,
  AssessmentParams,
  InquiryParams,
  PackDto,
  PatientParams,
  RecommendBody,
  RecommendationDto,
  locErrors,
} from './level-of-care.schemas.js';
import * as loc from './level-of-care.service.js';

// Roles: docs/roles.md (level-of-care assessments).
export const LOC_READERS: readonly Role[] = ['clinician', 'psychiatrist', 'director', 'admissions'];
export const LOC_ASSESSORS: readonly Role[] = ['clinician', 'psychiatrist', 'director'];

const read = { access: { roles: LOC_READERS } } as const;
const assess = { access: { roles: LOC_ASSESSORS } } as const;
const tags = ['level-of-care'];

export function levelOfCareRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/level-of-care/packs/current', { config: read, schema: { tags, response: { 200: PackDto, ...locErrors } } }, () =>
      loc.getCurrentPack(),
    );

    app.post(
      '/level-of-care/recommendation',
      { config: read, schema: { tags, body: RecommendBody, response: { 200: RecommendationDto, ...locErrors } } },
      (request) => loc.recommend(request.body),
    );

    app.post(
      '/inquiries/:inquiryId/loc-assessments',
      { config: assess, schema: { tags, params: InquiryParams, body: AssessBody, response: { 201: AssessmentDto, ...locErrors } } },
      async (request, reply) =>
        reply.status(201).send(await loc.assessInquiry(deps, actorCtx(request), request.params.inquiryId, request.body)),
    );

    app.post(
      '/patients/:patientId/loc-assessments',
      { config: assess, schema: { tags, params: PatientParams, body: AssessBody, response: { 201: AssessmentDto, ...locErrors } } },
      async (request, reply) =>
        reply.status(201).send(await loc.assessPatient(deps, actorCtx(request), request.params.patientId, request.body)),
    );

    app.get(
      '/inquiries/:inquiryId/loc-assessments',
      { config: read, schema: { tags, params: InquiryParams, response: { 200: AssessmentListDto, ...locErrors } } },
      async (request) => ({ assessments: await loc.listForInquiry(deps, actorCtx(request), request.params.inquiryId) }),
    );

    app.get(
      '/patients/:patientId/loc-assessments',
      { config: read, schema: { tags, params: PatientParams, response: { 200: AssessmentListDto, ...locErrors } } },
      async (request) => ({ assessments: await loc.listForPatient(deps, actorCtx(request), request.params.patientId) }),
    );

    app.get(
      '/loc-assessments/:assessmentId',
      { config: read, schema: { tags, params: AssessmentParams, response: { 200: AssessmentDto, ...locErrors } } },
      (request) => loc.getAssessment(deps, actorCtx(request), request.params.assessmentId),
    );
  };
}
