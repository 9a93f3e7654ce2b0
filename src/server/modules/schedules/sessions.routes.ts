import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import * as appointments from './appointments.service.js';
import {
  AppointmentDto,
  AppointmentParams,
  BookAppointmentBody,
  CancelAppointmentBody,
  ChangeSessionBody,
  SESSION_WRITERS,
  STAFF_READERS,
  SessionDto,
  SessionParams,
  expectedVersion,
  schedulesErrors,
} from './schedules.schemas.js';
import * as sessions from './sessions.service.js';

const read = { access: { roles: STAFF_READERS } } as const;
const write = { access: { roles: SESSION_WRITERS } } as const;
const tags = ['schedules'];

export function sessionsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/sessions/:sessionId',
      { config: read, schema: { tags, params: SessionParams, response: { 200: SessionDto, ...schedulesErrors } } },
      (request) => sessions.getSession(deps, actorCtx(request), request.params.sessionId),
    );

    app.patch(
      '/sessions/:sessionId',
      {
        config: write,
        schema: { tags, params: SessionParams, body: ChangeSessionBody, response: { 200: SessionDto, ...schedulesErrors } },
      },
      (request) => {
        const { version, ...change } = request.body;
        return sessions.changeSession(
          deps,
          actorCtx(request),
          request.params.sessionId,
          change,
          expectedVersion(version, request.headers['if-match']),
        );
      },
    );

    app.post(
      '/appointments',
      { config: write, schema: { tags, body: BookAppointmentBody, response: { 201: AppointmentDto, ...schedulesErrors } } },
      async (request, reply) => reply.status(201).send(await appointments.bookAppointment(deps, actorCtx(request), request.body)),
    );

    app.get(
      '/appointments/:appointmentId',
      { config: read, schema: { tags, params: AppointmentParams, response: { 200: AppointmentDto, ...schedulesErrors } } },
      (request) => appointments.getAppointment(deps, actorCtx(request), request.params.appointmentId),
    );

    app.post(
      '/appointments/:appointmentId/cancel',
      {
        config: write,
        schema: { tags, params: AppointmentParams, body: CancelAppointmentBody, response: { 200: AppointmentDto, ...schedulesErrors } },
      },
      (request) =>
        appointments.cancelAppointment(
          deps,
          actorCtx(request),
          request.params.appointmentId,
          request.body.reason,
          expectedVersion(request.body.version, request.headers['if-match']),
        ),
    );
  };
}
