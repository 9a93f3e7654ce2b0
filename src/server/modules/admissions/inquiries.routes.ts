import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import {
  ActivityBody,
  BookingBody,
  CreateInquiryBody,
  InquiryDetailDto,
  InquiryListDto,
  InquiryListQuery,
  InquiryParams,
  MergeBody,
  OwnerBody,
  StageBody,
  inquiryErrors,
} from './admissions.schemas.js';
import * as inquiries from './inquiries.service.js';
import * as stages from './inquiry-stage.service.js';

// Roles: docs/roles.md (admissions pipeline). Clinicians read (they are booked to assess).
export const INQUIRY_READERS = ['admissions', 'director', 'front_desk', 'clinician'] as const;
export const INQUIRY_WORKERS = ['admissions', 'director', 'front_desk'] as const;
const read = { access: { roles: INQUIRY_READERS } } as const;
const work = { access: { roles: INQUIRY_WORKERS } } as const;
const tags = ['admissions'];

export function inquiriesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/inquiries',
      { config: read, schema: { tags, querystring: InquiryListQuery, response: { 200: InquiryListDto, ...inquiryErrors } } },
      (request) => inquiries.listInquiries(deps, actorCtx(request), request.query),
    );

    app.get(
      '/inquiries/:inquiryId',
      { config: read, schema: { tags, params: InquiryParams, response: { 200: InquiryDetailDto, ...inquiryErrors } } },
      (request) => inquiries.getInquiry(deps, actorCtx(request), request.params.inquiryId),
    );

    app.post(
      '/inquiries',
      { config: work, schema: { tags, body: CreateInquiryBody, response: { 201: InquiryDetailDto, ...inquiryErrors } } },
      async (request, reply) => reply.status(201).send(await inquiries.createInquiry(deps, actorCtx(request), request.body)),
    );

    app.post(
      '/inquiries/:inquiryId/activities',
      { config: work, schema: { tags, params: InquiryParams, body: ActivityBody, response: { 201: InquiryDetailDto, ...inquiryErrors } } },
      async (request, reply) =>
        reply.status(201).send(await inquiries.logActivity(deps, actorCtx(request), request.params.inquiryId, request.body)),
    );

    app.post(
      '/inquiries/:inquiryId/stage',
      { config: work, schema: { tags, params: InquiryParams, body: StageBody, response: { 200: InquiryDetailDto, ...inquiryErrors } } },
      (request) => stages.changeStage(deps, actorCtx(request), request.params.inquiryId, request.body),
    );

    app.post(
      '/inquiries/:inquiryId/assessment-booking',
      { config: work, schema: { tags, params: InquiryParams, body: BookingBody, response: { 200: InquiryDetailDto, ...inquiryErrors } } },
      (request) => stages.bookAssessment(deps, actorCtx(request), request.params.inquiryId, request.body),
    );

    app.post(
      '/inquiries/:inquiryId/owner',
      { config: work, schema: { tags, params: InquiryParams, body: OwnerBody, response: { 200: InquiryDetailDto, ...inquiryErrors } } },
      (request) => inquiries.assignOwner(deps, actorCtx(request), request.params.inquiryId, request.body),
    );

    app.post(
      '/inquiries/:inquiryId/merge',
      { config: work, schema: { tags, params: InquiryParams, body: MergeBody, response: { 200: InquiryDetailDto, ...inquiryErrors } } },
      (request) => stages.mergeInquiries(deps, actorCtx(request), request.params.inquiryId, request.body),
    );
  };
}
