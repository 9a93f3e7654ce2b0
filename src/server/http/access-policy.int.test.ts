import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../domain/access/roles.js';
import {
  call,
  createTestOrg,
  sessionFor,
  testApp,
  type Method,
  type RegisteredRoute,
  type TestOrg,
  type TestSession,
} from '../../../test/support.js';
import { routeAccess, type Access } from './access.js';

// Every registered route × every caller, checked against the route's own declared policy. The
// route list comes from the app itself (see withRouteCollector in test/support.ts), so a route
// added later is covered without touching this file.

const routes: RegisteredRoute[] = [];
const t = await testApp({ routes });
let org: TestOrg;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
});
afterAll(() => t.close());

type Caller = 'anonymous' | Role | 'admin, second factor pending';
type Outcome = 'allowed' | '401 UNAUTHENTICATED' | '403 FORBIDDEN';

const CALLERS: Caller[] = ['anonymous', ...ROLES, 'admin, second factor pending'];

function expectedOutcome(access: Access, caller: Caller): Outcome {
  if (access === 'public') return 'allowed';
  if (caller === 'anonymous') return '401 UNAUTHENTICATED';
  const pending = caller === 'admin, second factor pending';
  const role: Role = pending ? 'admin' : caller;
  if (pending && access.stages !== 'any') return '403 FORBIDDEN';
  return access.roles === 'any' || access.roles.includes(role) ? 'allowed' : '403 FORBIDDEN';
}

/** A 43-character base64url string, the shape of a real one-time token. */
function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Path params: the caller's own user id where a user id is asked for, a token shape for tokens, a random uuid otherwise. */
function fillPath(url: string, caller: Caller): string {
  const ownRole: Role = caller === 'anonymous' || caller === 'admin, second factor pending' ? 'admin' : caller;
  return url
    .replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
      if (name === 'userId') return org.users[ownRole].id;
      if (name === 'token') return randomToken();
      return randomUUID();
    })
    .replace(/\*$/, randomUUID());
}

async function sessionOf(caller: Caller): Promise<TestSession | null> {
  if (caller === 'anonymous') return null;
  if (caller === 'admin, second factor pending') return sessionFor(t, org.users.admin, org.organizationId, 'mfa_required');
  // A fresh session per request: a route such as logout ends the session it is called with.
  return sessionFor(t, org.users[caller], org.organizationId);
}

async function observedOutcome(route: RegisteredRoute, caller: Caller): Promise<string> {
  const response = await call(t, await sessionOf(caller), route.method as Method, fillPath(route.url, caller));
  if (response.statusCode !== 401 && response.statusCode !== 403) return 'allowed';
  if (route.method === 'HEAD') return String(response.statusCode);
  return `${response.statusCode} ${String(response.json().error?.code)}`;
}

/** A HEAD answer has no body to name the error code; its status alone is compared. */
function withoutBodyFor(route: RegisteredRoute, outcome: string): string {
  return route.method === 'HEAD' ? (outcome.split(' ')[0] ?? outcome) : outcome;
}

function label(route: RegisteredRoute): string {
  return `${route.method} ${route.url}`;
}

describe('route inventory', () => {
  it('sees every route of the API contract, plugin routes included', () => {
    const seen = routes.map(label);
    expect(seen).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'GET /api/openapi.json',
        'GET /api/docs',
        'GET /api/v1/auth/config',
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/mfa',
        'GET /api/v1/auth/session',
        'POST /api/v1/auth/logout',
        'POST /api/v1/auth/keepalive',
        'POST /api/v1/auth/totp/setup',
        'POST /api/v1/auth/totp/enable',
        'GET /api/v1/setup/:token',
        'POST /api/v1/setup/:token',
        'GET /api/v1/invites/:token',
        'POST /api/v1/invites/:token/accept',
        'GET /api/v1/sites',
        'GET /api/v1/admin/users',
        'POST /api/v1/admin/users',
        'GET /api/v1/admin/users/:userId',
        'PATCH /api/v1/admin/users/:userId',
        'POST /api/v1/admin/users/:userId/deactivate',
        'POST /api/v1/admin/users/:userId/reactivate',
        'POST /api/v1/admin/users/:userId/invite',
        'GET /api/v1/audit/events',
        'GET /api/v1/audit/events.csv',
      ]),
    );
  });

  it('finds a declared access policy for every route (plugin routes under /api/docs are public by name)', () => {
    const undeclared = routes.filter((route) => routeAccess(route.url, route.access) === undefined).map(label);
    expect(undeclared).toEqual([]);
  });

  it('only names as public by prefix routes that come from the docs plugin', () => {
    const publicByName = routes.filter((route) => route.access === undefined).map((route) => route.url);
    for (const url of publicByName) expect(url === '/api/docs' || url.startsWith('/api/docs/')).toBe(true);
  });
});

describe.each(routes.map((route) => [label(route), route] as const))('%s', (_name, route) => {
  it('answers each caller as its declared policy says', async () => {
    const access = routeAccess(route.url, route.access);
    if (access === undefined) throw new Error(`${label(route)} declares no access policy`);
    const expected: Record<string, string> = {};
    const observed: Record<string, string> = {};
    for (const caller of CALLERS) {
      expected[caller] = withoutBodyFor(route, expectedOutcome(access, caller));
      observed[caller] = await observedOutcome(route, caller);
    }
    expect(observed).toEqual(expected);
  });
});
