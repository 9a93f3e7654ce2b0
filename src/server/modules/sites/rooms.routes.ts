import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { configRead, configWrite } from '../../http/config-access.js';
import * as rooms from './rooms.service.js';
import { CreateRoomBody, RoomDto, RoomParams, RoomsQuery, SiteParams, UpdateRoomBody, siteErrors } from './sites.schemas.js';

export function roomsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/sites/:siteId/rooms',
      {
        config: configRead,
        schema: {
          tags: ['sites'],
          params: SiteParams,
          querystring: RoomsQuery,
          response: { 200: z.object({ rooms: z.array(RoomDto) }), ...siteErrors },
        },
      },
      async (request) => ({
        rooms: await rooms.listRooms(deps, actorCtx(request), request.params.siteId, request.query),
      }),
    );

    app.post(
      '/sites/:siteId/rooms',
      {
        config: configWrite,
        schema: { tags: ['sites'], params: SiteParams, body: CreateRoomBody, response: { 201: RoomDto, ...siteErrors } },
      },
      async (request, reply) =>
        reply.status(201).send(await rooms.createRoom(deps, actorCtx(request), request.params.siteId, request.body)),
    );

    app.patch(
      '/rooms/:roomId',
      {
        config: configWrite,
        schema: { tags: ['sites'], params: RoomParams, body: UpdateRoomBody, response: { 200: RoomDto, ...siteErrors } },
      },
      (request) => rooms.updateRoom(deps, actorCtx(request), request.params.roomId, request.body),
    );

    app.post(
      '/rooms/:roomId/deactivate',
      { config: configWrite, schema: { tags: ['sites'], params: RoomParams, response: { 200: RoomDto, ...siteErrors } } },
      (request) => rooms.setRoomActive(deps, actorCtx(request), request.params.roomId, false),
    );

    app.post(
      '/rooms/:roomId/reactivate',
      { config: configWrite, schema: { tags: ['sites'], params: RoomParams, response: { 200: RoomDto, ...siteErrors } } },
      (request) => rooms.setRoomActive(deps, actorCtx(request), request.params.roomId, true),
    );
  };
}
