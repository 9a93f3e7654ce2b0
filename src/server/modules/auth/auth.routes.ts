import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { actorCtx, clearSessionCookie, requestCtx, setSessionCookie } from '../../http/access.js';
import { demoLoginInfo } from '../demo/demo.service.js';
import { AuthConfig, CodeBody, LoginBody, SessionDto, TotpEnabled, TotpSetup, authErrors } from './auth.schemas.js';
import * as auth from './auth.service.js';

export function authRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/auth/config', { config: { access: 'public' }, schema: { tags: ['auth'], response: { 200: AuthConfig } } }, () =>
      demoLoginInfo(deps),
    );

    app.post(
      '/auth/login',
      { config: { access: 'public' }, schema: { tags: ['auth'], body: LoginBody, response: { 200: SessionDto, ...authErrors } } },
      async (request, reply) => {
        const signedIn = await auth.login(deps, requestCtx(request), request.body);
        setSessionCookie(reply, deps, signedIn.token);
        return signedIn.session;
      },
    );

    app.post(
      '/auth/mfa',
      {
        config: { access: { roles: 'any', stages: 'any' } },
        schema: { tags: ['auth'], body: CodeBody, response: { 200: SessionDto, ...authErrors } },
      },
      async (request, reply) => {
        const signedIn = await auth.verifySecondFactor(deps, actorCtx(request), request.body.code);
        setSessionCookie(reply, deps, signedIn.token);
        return signedIn.session;
      },
    );

    app.get(
      '/auth/session',
      {
        config: { access: { roles: 'any', stages: 'any' }, touchSession: false },
        schema: { tags: ['auth'], response: { 200: SessionDto, ...authErrors } },
      },
      (request) => auth.toSessionDto(actorCtx(request).actor, deps),
    );

    app.post(
      '/auth/keepalive',
      { config: { access: { roles: 'any' } }, schema: { tags: ['auth'], response: { 200: SessionDto, ...authErrors } } },
      (request) => auth.toSessionDto(actorCtx(request).actor, deps),
    );

    app.post(
      '/auth/logout',
      { config: { access: { roles: 'any', stages: 'any' } }, schema: { tags: ['auth'], response: { 204: z.null(), ...authErrors } } },
      async (request, reply) => {
        await auth.logout(deps, actorCtx(request));
        clearSessionCookie(reply, deps);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/auth/totp/setup',
      { config: { access: { roles: 'any', stages: 'any' } }, schema: { tags: ['auth'], response: { 200: TotpSetup, ...authErrors } } },
      (request) => auth.beginTotpEnrolment(deps, actorCtx(request)),
    );

    app.post(
      '/auth/totp/enable',
      {
        config: { access: { roles: 'any', stages: 'any' } },
        schema: { tags: ['auth'], body: CodeBody, response: { 200: TotpEnabled, ...authErrors } },
      },
      async (request, reply) => {
        const { recoveryCodes, signedIn } = await auth.completeTotpEnrolment(deps, actorCtx(request), request.body.code);
        setSessionCookie(reply, deps, signedIn.token);
        return { recoveryCodes, session: signedIn.session };
      },
    );
  };
}
