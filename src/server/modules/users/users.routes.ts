import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { actorCtx } from '../../http/access.js';
import { CreateUserBody, UpdateUserBody, UserDto, UserParams, UserWithInvite, userErrors } from './users.schemas.js';
import * as users from './users.service.js';

const admin = { access: { roles: ['admin'] } } as const;

export function usersRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/admin/users',
      { config: admin, schema: { tags: ['admin'], response: { 200: z.object({ users: z.array(UserDto) }), ...userErrors } } },
      async (request) => ({
        users: await users.listUsers(deps, actorCtx(request)),
      }),
    );

    app.post(
      '/admin/users',
      { config: admin, schema: { tags: ['admin'], body: CreateUserBody, response: { 201: UserWithInvite, ...userErrors } } },
      async (request, reply) => reply.status(201).send(await users.createUser(deps, actorCtx(request), request.body)),
    );

    app.get(
      '/admin/users/:userId',
      { config: admin, schema: { tags: ['admin'], params: UserParams, response: { 200: UserDto, ...userErrors } } },
      (request) => users.getUser(deps, actorCtx(request), request.params.userId),
    );

    app.patch(
      '/admin/users/:userId',
      { config: admin, schema: { tags: ['admin'], params: UserParams, body: UpdateUserBody, response: { 200: UserDto, ...userErrors } } },
      (request) => users.updateUser(deps, actorCtx(request), request.params.userId, request.body),
    );

    app.post(
      '/admin/users/:userId/deactivate',
      { config: admin, schema: { tags: ['admin'], params: UserParams, response: { 200: UserDto, ...userErrors } } },
      (request) => users.deactivateUser(deps, actorCtx(request), request.params.userId),
    );

    app.post(
      '/admin/users/:userId/reactivate',
      { config: admin, schema: { tags: ['admin'], params: UserParams, response: { 200: UserDto, ...userErrors } } },
      (request) => users.reactivateUser(deps, actorCtx(request), request.params.userId),
    );

    app.post(
      '/admin/users/:userId/invite',
      { config: admin, schema: { tags: ['admin'], params: UserParams, response: { 200: UserWithInvite, ...userErrors } } },
      (request) => users.reissueInvite(deps, actorCtx(request), request.params.userId),
    );
  };
}
