import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../app.js';
import {
  call,
  createTestOrg,
  sessionFor,
  testApp,
  type Method,
  type RegisteredRoute,
  type TestApp,
  type TestOrg,
} from '../../../test/support.js';

const routes: RegisteredRoute[] = [];
const t = await testApp({ routes });
let org: TestOrg;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
});
afterAll(() => t.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function fillPath(url: string): string {
  return url
    .replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) =>
      name === 'userId' ? org.users.admin.id : name === 'token' ? randomBytes(32).toString('base64url') : randomUUID(),
    )
    .replace(/\*$/, 'swagger-ui.css');
}

/** One anonymous and one signed-in (admin) request to every registered route, plus an unknown URL. */
async function responsesFromEveryRoute(): Promise<[string, LightMyRequestResponse][]> {
  const results: [string, LightMyRequestResponse][] = [];
  for (const route of routes) {
    const url = fillPath(route.url);
    results.push([`anonymous ${route.method} ${url}`, await call(t, null, route.method as Method, url)]);
    const admin = await sessionFor(t, org.users.admin, org.organizationId);
    results.push([`admin ${route.method} ${url}`, await call(t, admin, route.method as Method, url)]);
  }
  results.push(['anonymous GET /api/v1/no-such-route', await call(t, null, 'GET', '/api/v1/no-such-route')]);
  return results;
}

function cspDirectives(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

function securityHeaderProblems(response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const csp = response.headers['content-security-policy'];
  if (typeof csp !== 'string') return ['no Content-Security-Policy'];
  const directives = cspDirectives(csp);
  const scriptSrc = directives.get('script-src') ?? directives.get('default-src') ?? [];
  if (!scriptSrc.includes("'self'")) problems.push(`script-src is ${scriptSrc.join(' ')}`);
  if (scriptSrc.includes("'unsafe-inline'")) problems.push("script-src allows 'unsafe-inline'");
  if (directives.get('frame-ancestors')?.join(' ') !== "'none'")
    problems.push(`frame-ancestors is ${directives.get('frame-ancestors')?.join(' ') ?? 'missing'}`);
  // A clinic LAN may serve plain http: upgrading subresources to https would break the page there.
  if (directives.has('upgrade-insecure-requests')) problems.push('upgrade-insecure-requests is set');
  if (response.headers['x-content-type-options'] !== 'nosniff') problems.push('X-Content-Type-Options is not nosniff');
  if (response.headers['referrer-policy'] !== 'no-referrer')
    problems.push(`Referrer-Policy is ${String(response.headers['referrer-policy'])}`);
  if (response.headers['strict-transport-security'] !== undefined) problems.push('HSTS sent over plain http');
  return problems;
}

describe('security headers', () => {
  it('are on every response: every route, signed in or not, successes and errors', async () => {
    const problems: string[] = [];
    const responses = await responsesFromEveryRoute();
    for (const [label, response] of responses) {
      for (const problem of securityHeaderProblems(response)) problems.push(`${label} (${response.statusCode}): ${problem}`);
    }
    expect(responses.length).toBeGreaterThan(60);
    expect(problems).toEqual([]);
  });

  it('mark every API response no-store, errors included (the docs UI may be cached)', async () => {
    const problems: string[] = [];
    for (const [label, response] of await responsesFromEveryRoute()) {
      const isApi = label.includes(' /api/') && !label.includes(' /api/docs');
      if (isApi && response.headers['cache-control'] !== 'no-store')
        problems.push(`${label} (${response.statusCode}): Cache-Control ${String(response.headers['cache-control'])}`);
    }
    expect(problems).toEqual([]);
  });

  it.each([
    [
      'behind a trusted proxy that says https',
      { OPENIOP_TRUST_PROXY: '1' },
      { 'x-forwarded-proto': 'https' },
      'max-age=31536000; includeSubDomains',
    ],
    ['behind a trusted proxy over plain http', { OPENIOP_TRUST_PROXY: '1' }, { 'x-forwarded-proto': 'http' }, undefined],
    ['with no trusted proxy, whatever the header claims', {}, { 'x-forwarded-proto': 'https' }, undefined],
    ['over plain http', {}, {}, undefined],
  ])('send HSTS only over TLS: %s', async (_label, env: Record<string, string>, headers: Record<string, string>, expected) => {
    const own = await testApp({ env });
    try {
      const response = await own.app.inject({ method: 'GET', url: '/api/v1/auth/config', headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers['strict-transport-security']).toBe(expected);
    } finally {
      await own.close();
    }
  });
});

describe('error envelope', () => {
  it.each<[string, number, string, () => Promise<LightMyRequestResponse>]>([
    [
      'a body that breaks the schema',
      400,
      'VALIDATION_FAILED',
      () => call(t, null, 'POST', '/api/v1/auth/login', { email: 'not an email', password: 'x' }),
    ],
    ['no session', 401, 'UNAUTHENTICATED', () => call(t, null, 'GET', '/api/v1/sites')],
    [
      'a role that may not',
      403,
      'FORBIDDEN',
      async () => call(t, await sessionFor(t, org.users.clinician, org.organizationId), 'GET', '/api/v1/admin/users'),
    ],
    [
      'a write without the CSRF token',
      403,
      'CSRF_TOKEN_INVALID',
      async () =>
        call(
          t,
          { ...(await sessionFor(t, org.users.clinician, org.organizationId)), csrfToken: 'wrong' },
          'POST',
          '/api/v1/auth/keepalive',
        ),
    ],
    [
      'an unknown record',
      404,
      'NOT_FOUND',
      async () => call(t, await sessionFor(t, org.users.admin, org.organizationId), 'GET', `/api/v1/admin/users/${randomUUID()}`),
    ],
    ['an unknown API route', 404, 'NOT_FOUND', () => call(t, null, 'GET', '/api/v1/no-such-route')],
    [
      'an unknown API route, signed in',
      404,
      'NOT_FOUND',
      async () => call(t, await sessionFor(t, org.users.admin, org.organizationId), 'POST', '/api/v1/no-such-route', {}),
    ],
  ])('%s → %i %s as { error: { code, message, details? }, requestId }', async (_label, status, code, request) => {
    const response = await request();
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/json');
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['error', 'requestId']);
    expect(body.requestId).toMatch(UUID);
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    expect(body.error.message.length).toBeGreaterThan(0);
    for (const key of Object.keys(body.error)) expect(['code', 'message', 'details']).toContain(key);
    expect(response.body).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
  });

  it('gives every request its own id', async () => {
    const [one, two] = [await call(t, null, 'GET', '/api/v1/sites'), await call(t, null, 'GET', '/api/v1/sites')];
    expect(one.json().requestId).not.toBe(two.json().requestId);
  });

  it('names an unknown field in the message and the details', async () => {
    const response = await call(t, null, 'POST', '/api/v1/auth/login', {
      email: org.users.billing.email,
      password: 'whatever it is',
      rememberMe: true,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.message).toContain('rememberMe');
    expect(response.json().error.details).toEqual([expect.objectContaining({ path: 'rememberMe' })]);
  });

  it('names the field that failed and says why', async () => {
    const response = await call(t, null, 'POST', '/api/v1/auth/login', { email: 'nobody', password: 'whatever it is' });
    expect(response.json().error.details).toEqual([{ path: 'email', message: 'must be an email address' }]);
    expect(response.json().error.message).toBe('body.email: must be an email address');
  });

  it('answers invalid JSON with a 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.example", ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'body: the request body is not valid JSON',
      details: [{ path: 'body', message: 'not valid JSON' }],
    });
  });

  it.each([
    ['accepts a body of 256 KB exactly for processing', 256 * 1024, 'processed'],
    ['refuses a body one byte over 256 KB with 413', 256 * 1024 + 1, 413],
    ['refuses a body of a megabyte with 413', 1024 * 1024, 413],
  ])('%s', async (_label, size, status) => {
    const prefix = `{"email":"${org.users.billing.email}","password":"`;
    const payload = `${prefix}${'x'.repeat(size - prefix.length - 2)}"}`;
    expect(Buffer.byteLength(payload)).toBe(size);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload,
      remoteAddress: `10.50.0.${size % 250}`,
    });
    // Under the limit the password is simply too long for the schema (400) or wrong (401); never 413.
    if (status === 413) {
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    } else {
      expect(response.statusCode).not.toBe(413);
    }
  });
});

describe('API description', () => {
  it('lists every /api/v1 route with its method in /api/openapi.json', async () => {
    const response = await call(t, null, 'GET', '/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.version).toBe(VERSION);
    const v1 = routes.filter((route) => route.url.startsWith('/api/v1/') && route.method !== 'HEAD');
    expect(v1.length).toBeGreaterThanOrEqual(20);
    const missing = v1
      .filter((route) => !document.paths?.[route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[route.method.toLowerCase()])
      .map((route) => `${route.method} ${route.url}`);
    expect(missing).toEqual([]);
  });

  it('serves the docs UI at /api/docs', async () => {
    const response = await call(t, null, 'GET', '/api/docs');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });
});

describe('health', () => {
  it('answers 200 with the database and the audit chain ok', async () => {
    const response = await call(t, null, 'GET', '/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok', auditChain: 'ok', version: VERSION });
  });

  describe('when the database is unreachable', () => {
    let down: TestApp;
    beforeAll(async () => {
      down = await testApp({ databaseUrl: 'postgres://x:y@127.0.0.1:1/db' });
    });
    afterAll(() => down.close());

    it('answers 503 with database down', async () => {
      const response = await down.app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'down', database: 'down', auditChain: 'unknown', version: VERSION });
    });

    it('answers other requests 503 UNAVAILABLE in the usual envelope', async () => {
      for (const response of [
        await down.app.inject({ method: 'GET', url: '/api/v1/sites', headers: { cookie: 'openiop_session=abc' } }),
        await down.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'someone@test.openiop.org', password: 'whatever it is' },
        }),
      ]) {
        expect(response.statusCode).toBe(503);
        expect(response.json().error.code).toBe('UNAVAILABLE');
        expect(response.json().requestId).toMatch(UUID);
        expect(response.body).not.toContain('127.0.0.1');
      }
    });
  });
});

describe('the web app', () => {
  let web: TestApp;
  let root: string;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'openiop-web-'));
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>OpenIOP</title>');
    fs.writeFileSync(path.join(root, 'assets', 'app-3f2a1c.js'), 'console.log("app")');
    web = await testApp({ webDir: root });
  });
  afterAll(async () => {
    await web.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it.each([['/app'], ['/app/'], ['/app/login'], ['/app/invite/abc123'], ['/app/setup/abc123'], ['/app/admin/users']])(
    'serves index.html for the client-side route %s',
    async (url) => {
      const response = await web.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<title>OpenIOP</title>');
      // Revalidated on every load, so a new release reaches browsers at once.
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['cache-control']).not.toContain('immutable');
      expect(securityHeaderProblems(response)).toEqual([]);
    },
  );

  it('answers 404 outside the staff app for paths that are no file', async () => {
    for (const url of ['/login', '/applications', '/no-such-page']) {
      const response = await web.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('<title>OpenIOP</title>');
    }
  });

  it('serves built assets with a long, immutable cache', async () => {
    const response = await web.app.inject({ method: 'GET', url: '/assets/app-3f2a1c.js' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('console.log("app")');
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('never serves a file outside its folder', async () => {
    const response = await web.app.inject({ method: 'GET', url: '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd' });
    expect(response.body).not.toContain('root:');
  });

  it('still answers unknown API routes with a JSON 404', async () => {
    const response = await web.app.inject({ method: 'GET', url: '/api/v1/no-such-route' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});
