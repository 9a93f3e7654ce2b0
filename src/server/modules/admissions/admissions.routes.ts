import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { standardErrors } from '../../http/common-schemas.js';
import * as reports from './admissions-report.service.js';
import {
  AdmitInquiryBody,
  AdmitResultDto,
  InquiryParams,
  ReportDto,
  ReportQuery,
  TaskBody,
  TaskDto,
  TaskListDto,
  TaskListQuery,
  TaskParams,
  inquiryErrors,
} from './admissions.schemas.js';
import { INQUIRY_READERS, INQUIRY_WORKERS } from './inquiries.routes.js';
import { admitInquiry } from './inquiry-admit.service.js';
import * as tasks from './inquiry-tasks.service.js';

// Roles: docs/roles.md (admissions pipeline). Admission from an inquiry: admissions, director, and the
// clinician who assessed (issue #4's flow); it still needs a qualifying level-of-care assessment.
const read = { access: { roles: INQUIRY_READERS } } as const;
const work = { access: { roles: INQUIRY_WORKERS } } as const;
const admit = { access: { roles: ['admissions', 'director', 'clinician'] } } as const;
const report = { access: { roles: ['admissions', 'director'] } } as const;
const tags = ['admissions'];

export function admissionsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/inquiries/:inquiryId/tasks',
      { config: work, schema: { tags, params: InquiryParams, body: TaskBody, response: { 201: TaskDto, ...inquiryErrors } } },
      async (request, reply) =>
        reply.status(201).send(await tasks.addTask(deps, actorCtx(request), request.params.inquiryId, request.body)),
    );

    app.post(
      '/inquiries/:inquiryId/tasks/:taskId/done',
      { config: work, schema: { tags, params: TaskParams, response: { 200: TaskDto, ...inquiryErrors } } },
      (request) => tasks.completeTask(deps, actorCtx(request), request.params.inquiryId, request.params.taskId),
    );

    app.get(
      '/inquiry-tasks',
      { config: read, schema: { tags, querystring: TaskListQuery, response: { 200: TaskListDto, ...standardErrors } } },
      (request) => tasks.listTasks(deps, actorCtx(request), request.query),
    );

    app.post(
      '/inquiries/:inquiryId/admit',
      {
        config: admit,
        schema: { tags, params: InquiryParams, body: AdmitInquiryBody, response: { 201: AdmitResultDto, ...inquiryErrors } },
      },
      async (request, reply) => reply.status(201).send(await admitInquiry(deps, actorCtx(request), request.params.inquiryId, request.body)),
    );

    app.get(
      '/admissions/report',
      { config: report, schema: { tags, querystring: ReportQuery, response: { 200: ReportDto, ...standardErrors } } },
      (request) => reports.admissionsReport(deps, actorCtx(request), request.query),
    );

    app.get(
      '/admissions/report.csv',
      { config: report, schema: { tags, querystring: ReportQuery, produces: ['text/csv'] } },
      async (request, reply) => {
        const { csv, from, to } = await reports.admissionsReportCsv(deps, actorCtx(request), request.query);
        return reply
          .header('Content-Type', 'text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="admissions-${from}-to-${to}.csv"`)
          .send(csv);
      },
    );
  };
}
