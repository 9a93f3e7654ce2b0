import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';
import { STAFF_READERS, SessionDto } from '../schedules/schedules.schemas.js';
import { CALENDAR_VIEWS, calendarView } from './calendar.service.js';
import { createFeed, feedStatus, renderFeed, revokeFeed } from './feed.service.js';

const read = { access: { roles: STAFF_READERS } } as const;
const tags = ['calendar'];

const CalendarQuery = z.strictObject({
  view: z.enum(CALENDAR_VIEWS),
  id: Uuid,
  week: z.string().max(10).optional(),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
});

const CalendarDto = z.object({
  view: z.enum(CALENDAR_VIEWS),
  id: z.string(),
  label: z.string(),
  timeZone: z.string().nullable(),
  week: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  sessions: z.array(SessionDto),
  patient: z.object({ id: z.string(), displayName: z.string() }).nullable(),
});

const FeedStatusDto = z.object({ active: z.boolean(), createdAt: z.string().nullable() });
const NewFeedDto = z.object({ url: z.string().describe('Path of the secret feed; shown once'), createdAt: z.string() });
const FeedParams = z.strictObject({ token: z.string().max(100) });

export function calendarRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/calendar',
      { config: read, schema: { tags, querystring: CalendarQuery, response: { 200: CalendarDto, ...standardErrors } } },
      (request) => calendarView(deps, actorCtx(request), request.query),
    );

    app.get('/calendar/feed', { config: read, schema: { tags, response: { 200: FeedStatusDto, ...standardErrors } } }, (request) =>
      feedStatus(deps, actorCtx(request)),
    );

    app.post(
      '/calendar/feed',
      { config: read, schema: { tags, response: { 201: NewFeedDto, ...standardErrors } } },
      async (request, reply) => reply.status(201).send(await createFeed(deps, actorCtx(request))),
    );

    app.delete(
      '/calendar/feed',
      { config: read, schema: { tags, response: { 204: z.null().describe('Revoked'), ...standardErrors } } },
      async (request, reply) => {
        await revokeFeed(deps, actorCtx(request));
        return reply.status(204).send(null);
      },
    );

    // Public: the secret token in the path is the credential (calendar apps cannot sign in).
    app.get(
      '/calendar/feed/:token.ics',
      {
        config: { access: 'public', touchSession: false },
        schema: { tags, params: FeedParams, response: { 200: z.string().describe('text/calendar'), 404: ErrorBody } },
      },
      async (request, reply) => {
        const body = await renderFeed(deps, request.params.token, new Date(request.nowMs));
        return reply
          .type('text/calendar; charset=utf-8')
          .header('Content-Disposition', 'inline; filename="openiop-schedule.ics"')
          .serializer((payload) => String(payload))
          .send(body);
      },
    );
  };
}
