import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../context.js';
import { requestCtx, setSessionCookie } from '../../http/access.js';
import { Email, ErrorBody } from '../../http/common-schemas.js';
import { SessionDto } from '../auth/auth.schemas.js';
import * as onboarding from './onboarding.service.js';

const TokenParams = z.strictObject({ token: z.string().min(20).max(100) });
const Password = z.string().min(1, 'is required').max(1024);
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody } as const;

export function onboardingRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const config = { access: 'public' } as const;

    app.get(
      '/setup/:token',
      { config, schema: { tags: ['onboarding'], params: TokenParams, response: { 200: z.object({ expiresAt: z.string() }), ...errors } } },
      (request) => onboarding.describeSetupToken(deps, requestCtx(request), request.params.token),
    );

    app.post(
      '/setup/:token',
      {
        config,
        schema: {
          tags: ['onboarding'],
          params: TokenParams,
          body: z.strictObject({
            organizationName: z.string().trim().min(1).max(200),
            email: Email,
            displayName: z.string().trim().min(1).max(200),
            password: Password,
          }),
          response: { 200: SessionDto, ...errors },
        },
      },
      async (request, reply) => {
        const signedIn = await onboarding.completeSetup(deps, requestCtx(request), request.params.token, request.body);
        setSessionCookie(reply, deps, signedIn.token);
        return signedIn.session;
      },
    );

    app.get(
      '/invites/:token',
      {
        config,
        schema: {
          tags: ['onboarding'],
          params: TokenParams,
          response: { 200: z.object({ email: z.string(), displayName: z.string(), expiresAt: z.string() }), ...errors },
        },
      },
      (request) => onboarding.describeInvite(deps, requestCtx(request), request.params.token),
    );

    app.post(
      '/invites/:token/accept',
      {
        config,
        schema: {
          tags: ['onboarding'],
          params: TokenParams,
          body: z.strictObject({ password: Password }),
          response: { 200: SessionDto, ...errors },
        },
      },
      async (request, reply) => {
        const signedIn = await onboarding.acceptInvite(deps, requestCtx(request), request.params.token, request.body.password);
        setSessionCookie(reply, deps, signedIn.token);
        return signedIn.session;
      },
    );
  };
}
