import { randomUUID } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { pino } from 'pino';
import { inject } from 'vitest';
import { ROLES, type Role } from '../src/domain/access/roles.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig, type Config } from '../src/server/config.js';
import type { AppDeps, SessionStage } from '../src/server/context.js';
import { createDb, type Db } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import type { Access } from '../src/server/http/access.js';
import { findOrganization } from '../src/server/modules/auth/auth.repository.js';
import { startSession } from '../src/server/modules/auth/auth.service.js';
import { hashPassword } from '../src/server/modules/auth/password-hash.js';
import { insertOrganization, insertSite } from '../src/server/modules/sites/sites.repository.js';
import { findUser, insertUser, replaceRoles, replaceSites } from '../src/server/modules/users/users.repository.js';

export const TEST_AUDIT_KEY = Buffer.alloc(32, 7);
export const TEST_SEAL_KEY = Buffer.alloc(32, 9);
export const TEST_PASSWORD = 'a synthetic passphrase for tests';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public current: Date = new Date()) {}
  now = (): Date => new Date(this.current.getTime());
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export type TestApp = { app: FastifyInstance; deps: AppDeps; db: Db; clock: TestClock; close: () => Promise<void> };

/** A route as Fastify registered it: one entry per method (HEAD twins of GET routes included). */
export type RegisteredRoute = { method: string; url: string; access: Access | undefined };

export async function testApp(
  options: { env?: Record<string, string>; databaseUrl?: string; routes?: RegisteredRoute[]; webDir?: string; logLines?: string[] } = {},
): Promise<TestApp> {
  const config: Config = loadConfig({
    OPENIOP_DEMO: '0',
    OPENIOP_PASSWORD_COST: '10',
    LOG_LEVEL: 'silent',
    OPENIOP_DATA_DIR: '.test-data/unused',
    ...options.env,
  });
  const db = createDb(options.databaseUrl ?? inject('databaseUrl'), 4);
  const clock = new TestClock();
  const built = withRouteCollector(options.routes, () =>
    buildApp({
      config,
      db,
      // With `logLines`, every JSON log line the app writes is collected there (to check what logs hold).
      logger: options.logLines
        ? pino({ level: 'debug' }, { write: (line: string) => void options.logLines?.push(line) })
        : pino({ level: 'silent' }),
      auditKey: TEST_AUDIT_KEY,
      sealKey: TEST_SEAL_KEY,
      clock: clock.now,
      webDir: options.webDir ?? '/nonexistent',
    }),
  );
  const { app, deps } = await built;
  await app.ready();
  return {
    app,
    deps,
    db,
    clock,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

/**
 * Collects every route the app registers, plugin routes included, without changing buildApp:
 * Fastify publishes each new instance on the 'fastify.initialization' diagnostics channel before
 * anything is registered on it, so an onRoute hook added there sees every route. buildApp creates
 * its instance synchronously (before its first await), so unsubscribing right after the call
 * returns captures exactly that one instance.
 */
function withRouteCollector<T>(sink: RegisteredRoute[] | undefined, build: () => T): T {
  if (!sink) return build();
  const channel = diagnostics.channel('fastify.initialization');
  const onInstance = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) sink.push({ method: String(method), url: route.url, access: route.config?.access });
    });
  };
  channel.subscribe(onInstance);
  try {
    return build();
  } finally {
    channel.unsubscribe(onInstance);
  }
}

/**
 * A test app on a freshly migrated database of its own, its clock at `now`; closing it drops the
 * database. For tests that seed the demo (one demo organization per database) or damage shared state.
 */
export async function testAppOnFreshDatabase(now: Date): Promise<TestApp> {
  const fresh = await freshDatabase();
  const t = await testApp({ databaseUrl: fresh.url });
  t.clock.current = now;
  return {
    ...t,
    close: async () => {
      await t.close();
      await fresh.drop();
    },
  };
}

/** A separate, freshly migrated database for tests that must damage shared state (audit tampering). */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = inject('databaseUrl');
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const admin = createDb(base, 1);
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), 1);
  await migrateToLatest(db);
  await db.destroy();
  return {
    url: url.toString(),
    drop: async () => {
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      await admin.destroy();
    },
  };
}

export type TestUser = { id: string; email: string; role: Role };
export type TestOrg = { organizationId: string; siteIds: string[]; users: Record<Role, TestUser> };

/** An organization of its own with two sites and one active user per role (password TEST_PASSWORD). */
export async function createTestOrg(deps: AppDeps, options: { demo?: boolean } = {}): Promise<TestOrg> {
  const tag = randomUUID().slice(0, 8);
  const passwordHash = await hashPassword(TEST_PASSWORD, deps.config.passwordCost);
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = await insertOrganization(trx, { name: `Test Org ${tag}`, isDemo: options.demo ?? false });
    const siteIds = [
      await insertSite(trx, { organizationId, name: `North ${tag}`, timeZone: 'America/Chicago' }),
      await insertSite(trx, { organizationId, name: `South ${tag}`, timeZone: 'America/Denver' }),
    ];
    const users = {} as Record<Role, TestUser>;
    for (const role of ROLES) {
      const email = `${role}-${tag}@test.openiop.org`;
      const id = await insertUser(trx, {
        organizationId,
        email,
        displayName: `Test ${role}`,
        status: 'active',
        passwordHash,
        now: new Date(),
      });
      await replaceRoles(trx, organizationId, id, [role]);
      await replaceSites(trx, organizationId, id, siteIds);
      users[role] = { id, email, role };
    }
    return { organizationId, siteIds, users };
  });
}

export type TestSession = { cookie: string; csrfToken: string };

/** A signed-in session without going through the login form; fully authenticated unless a stage is given. */
export async function sessionFor(
  t: TestApp,
  user: { id: string },
  organizationId: string,
  stage: SessionStage = 'active',
): Promise<TestSession> {
  const record = await findUser(t.db, organizationId, user.id);
  if (!record) throw new Error('test user not found');
  const org = await findOrganization(t.db, organizationId);
  const ctx = { requestId: 'test', ip: '127.0.0.1', now: t.clock.now() };
  const signedIn = await startSession(t.db, t.deps, ctx, record, org, stage);
  return { cookie: `openiop_session=${signedIn.token}`, csrfToken: signedIn.session.csrfToken };
}

export type Method = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'OPTIONS';

export function call(
  t: TestApp,
  session: TestSession | null,
  method: Method,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    headers: {
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** The session cookie a response set, as a Cookie header value. */
export function cookieFrom(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'openiop_session');
  if (!cookie) throw new Error(`no session cookie in response ${response.statusCode}`);
  return `openiop_session=${cookie.value}`;
}

export async function auditActions(db: Db, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select('action')
    .where('organization_id', '=', organizationId)
    .orderBy('chain_seq')
    .execute();
  return rows.map((r) => r.action);
}
