import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Role } from '../../../domain/access/roles.js';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import type { IdempotentResult } from '../../lib/idempotency.js';
import {
  CheckInBody,
  CheckInResultDto,
  CloseDayDto,
  IdempotencyHeaders,
  RosterDto,
  SessionParams,
  SessionPatientParams,
  SingleCheckInBody,
  SingleCheckInResultDto,
  attendanceErrors,
} from './attendance.schemas.js';
import { closeDay, getRoster } from './attendance.service.js';
import { checkInGroup, checkInOne } from './check-in.service.js';

// Who may do what: issue #3 brief, "Attendance". Corrections after a closed day are narrowed
// further (clinician, psychiatrist, director) in the service, where the day's state is known.
const ROSTER_READERS: readonly Role[] = ['clinician', 'psychiatrist', 'director', 'front_desk', 'billing'];
const CHECK_IN: readonly Role[] = ['clinician', 'psychiatrist', 'director', 'front_desk'];

function sendIdempotent<T>(reply: FastifyReply, result: IdempotentResult<T>) {
  if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
  return reply.status(result.statusCode).send(result.body);
}

export function attendanceRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/sessions/:sessionId/roster',
      {
        config: { access: { roles: ROSTER_READERS } },
        schema: { tags: ['attendance'], params: SessionParams, response: { 200: RosterDto, ...attendanceErrors } },
      },
      (request) => getRoster(deps, actorCtx(request), request.params.sessionId),
    );

    app.put(
      '/sessions/:sessionId/attendance',
      {
        config: { access: { roles: CHECK_IN } },
        schema: {
          tags: ['attendance'],
          params: SessionParams,
          headers: IdempotencyHeaders,
          body: CheckInBody,
          response: { 200: CheckInResultDto, ...attendanceErrors },
        },
      },
      async (request, reply) =>
        sendIdempotent(
          reply,
          await checkInGroup(deps, actorCtx(request), request.params.sessionId, request.body, request.headers['idempotency-key']),
        ),
    );

    app.put(
      '/sessions/:sessionId/attendance/:patientId',
      {
        config: { access: { roles: CHECK_IN } },
        schema: {
          tags: ['attendance'],
          params: SessionPatientParams,
          headers: IdempotencyHeaders,
          body: SingleCheckInBody,
          response: { 200: SingleCheckInResultDto, ...attendanceErrors },
        },
      },
      async (request, reply) =>
        sendIdempotent(
          reply,
          await checkInOne(
            deps,
            actorCtx(request),
            request.params.sessionId,
            request.params.patientId,
            request.body,
            request.headers['idempotency-key'],
          ),
        ),
    );

    app.post(
      '/sessions/:sessionId/close-day',
      {
        config: { access: { roles: CHECK_IN } },
        schema: { tags: ['attendance'], params: SessionParams, response: { 200: CloseDayDto, ...attendanceErrors } },
      },
      (request) => closeDay(deps, actorCtx(request), request.params.sessionId),
    );
  };
}
