import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../domain/access/roles.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, ActorCtx, AppDeps, RequestCtx } from '../context.js';
import { checkCsrf, resolveSession, touch } from '../modules/auth/auth.service.js';

export const SESSION_COOKIE = 'openiop_session';

/**
 * Every route declares who may call it (deny by default):
 * - 'public': anyone, signed in or not;
 * - { roles }: a signed-in user in the active stage holding one of the roles ('any' = every staff role);
 * - { roles, stages }: also users part-way through sign-in (second factor pending or to be enrolled).
 */
export type Access = 'public' | { roles: readonly Role[] | 'any'; stages?: 'any' };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** false: the request does not count as activity (session polling). */
    touchSession?: boolean;
    /**
     * Public pages and public form posts: the session cookie is ignored (no actor, so no CSRF token
     * is asked of a signed-in staff member using the public form); the Origin check still applies.
     */
    sessionless?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionState: 'none' | 'expired' | 'valid';
    /** The request's clock reading (ms since epoch), taken once so a request sees one time. */
    nowMs: number;
  }
}

// Routes registered by plugins (docs UI, static files) cannot carry our config; they are public by name.
const PLUGIN_PUBLIC_PREFIXES = ['/api/docs', '/assets/', '/*'];

export function routeAccess(url: string, access: Access | undefined): Access | undefined {
  if (access) return access;
  // Match whole path segments: '/api/docsearch' is not under '/api/docs'.
  if (PLUGIN_PUBLIC_PREFIXES.some((prefix) => url === prefix || url.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)))
    return 'public';
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAccessControl(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionState', 'none');
  app.decorateRequest('nowMs', 0);

  app.addHook('onRoute', (route) => {
    if (!routeAccess(route.url, route.config?.access)) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access policy`);
    }
    if (route.config?.sessionless === true && route.config.access !== 'public') {
      throw new Error(`Route ${String(route.method)} ${route.url} ignores the session but is not public`);
    }
  });

  app.addHook('onRequest', async (request) => {
    request.nowMs = deps.clock().getTime();
  });

  // preValidation: after the body is parsed, before it is validated, so an unauthorised caller
  // learns nothing about the shape of the input.
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    // No route matched: the not-found handler serves the web app's public files or a 404.
    if (request.is404) return;
    const access = routeAccess(request.routeOptions.url ?? '', request.routeOptions.config.access);
    if (!access) throw new DomainError('FORBIDDEN', 'This route has no access policy');
    checkOrigin(request);
    if (request.routeOptions.config.sessionless === true) {
      if (access !== 'public') throw new DomainError('FORBIDDEN', 'Only public routes can ignore the session');
      return;
    }

    const resolved = await resolveSession(deps, requestCtx(request), request.cookies[SESSION_COOKIE]);
    if (resolved.kind === 'actor') {
      request.actor = resolved.actor;
      request.sessionState = 'valid';
    } else {
      request.sessionState = resolved.kind;
      if (resolved.kind === 'expired') clearSessionCookie(reply, deps);
    }
    if (request.actor && !SAFE_METHODS.has(request.method)) {
      checkCsrf(request.actor, headerValue(request.headers['x-csrf-token']));
    }
    if (access === 'public') return;

    const actor = request.actor;
    if (!actor) {
      throw resolved.kind === 'expired'
        ? new DomainError('SESSION_EXPIRED', 'Your session has ended; sign in again')
        : new DomainError('UNAUTHENTICATED', 'Sign in to continue');
    }
    if (actor.stage !== 'active' && access.stages !== 'any') {
      throw new DomainError('FORBIDDEN', 'Finish signing in (second factor) first');
    }
    if (access.roles !== 'any' && !actor.roles.some((role) => access.roles.includes(role))) {
      throw new DomainError('FORBIDDEN', 'Your roles do not allow this');
    }
    if (request.routeOptions.config.touchSession !== false) {
      request.actor = await touch(deps, actor, new Date(request.nowMs));
    }
  });
}

/** A browser always sends Origin on cross-site writes; refuse any that is not ours (CSRF defence in depth). */
function checkOrigin(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = headerValue(request.headers.origin);
  if (!origin || origin === 'null') return;
  const host = headerValue(request.headers['x-forwarded-host']) ?? request.headers.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new DomainError('CSRF_TOKEN_INVALID', 'Cross-site request refused');
  }
  if (originHost !== host) throw new DomainError('CSRF_TOKEN_INVALID', 'Cross-site request refused');
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function requestCtx(request: FastifyRequest): RequestCtx {
  return { requestId: request.id, ip: request.ip, now: new Date(request.nowMs) };
}

/** For routes whose policy requires a session: the actor is there, or the hook refused the call. */
export function actorCtx(request: FastifyRequest): ActorCtx {
  const actor = request.actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
  return { ...requestCtx(request), actor };
}

export function setSessionCookie(reply: FastifyReply, deps: AppDeps, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: deps.config.cookieSecure,
    sameSite: 'lax',
    maxAge: deps.config.sessionAbsoluteSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: AppDeps): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, secure: deps.config.cookieSecure, sameSite: 'lax' });
}
