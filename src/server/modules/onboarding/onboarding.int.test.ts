import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_CHAIN_ID } from '../../audit/chain.js';
import { call, cookieFrom, createTestOrg, freshDatabase, testApp, type TestApp } from '../../../../test/support.js';
import { createSetupLinkIfNeeded } from './onboarding.service.js';

// First-admin setup only happens on an empty installation, so every test gets an empty database.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emptyInstallation(): Promise<TestApp> {
  const fresh = await freshDatabase();
  cleanups.push(fresh.drop);
  const t = await testApp({ databaseUrl: fresh.url });
  cleanups.push(t.close);
  return t;
}

const FIRST_ADMIN = {
  organizationName: 'Riverside Recovery IOP',
  email: 'Founder@Riverside.example',
  displayName: 'Morgan Lee',
  password: 'a long enough setup passphrase',
};

async function setupToken(t: TestApp): Promise<string> {
  const link = await createSetupLinkIfNeeded(t.deps);
  if (!link) throw new Error('expected a setup link on an empty installation');
  expect(link).toMatch(/^\/app\/setup\/[A-Za-z0-9_-]{43}$/);
  return link.replace('/app/setup/', '');
}

function describeSetup(t: TestApp, token: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1/setup/${token}` });
}

function completeSetup(t: TestApp, token: string, body: Record<string, unknown> = FIRST_ADMIN) {
  return t.app.inject({ method: 'POST', url: `/api/v1/setup/${token}`, payload: body });
}

async function counts(t: TestApp) {
  const organizations = await t.db.selectFrom('organizations').select('id').execute();
  const users = await t.db.selectFrom('users').select('id').execute();
  return { organizations: organizations.length, users: users.length };
}

describe('first-admin setup', () => {
  it('creates the organization and its admin from the setup link, who must then enrol a second factor', async () => {
    const t = await emptyInstallation();
    const token = await setupToken(t);

    const described = await describeSetup(t, token);
    expect(described.statusCode).toBe(200);
    expect(described.json()).toEqual({ expiresAt: new Date(t.clock.now().getTime() + 3600 * 1000).toISOString() });

    const done = await completeSetup(t, token);
    expect(done.statusCode).toBe(200);
    const session = done.json();
    expect(session).toMatchObject({
      stage: 'mfa_enrolment_required',
      user: { email: 'founder@riverside.example', displayName: 'Morgan Lee', roles: ['admin'], mfaEnrolled: false },
      organization: { name: 'Riverside Recovery IOP', isDemo: false },
    });
    const pending = { cookie: cookieFrom(done), csrfToken: session.csrfToken };
    expect((await call(t, pending, 'GET', '/api/v1/admin/users')).statusCode).toBe(403);
    expect((await call(t, pending, 'POST', '/api/v1/auth/totp/setup')).statusCode).toBe(200);

    expect(await counts(t)).toEqual({ organizations: 1, users: 1 });
    const user = await t.db.selectFrom('users').select(['status', 'password_hash']).executeTakeFirstOrThrow();
    expect(user.status).toBe('active');
    expect(user.password_hash).not.toContain(FIRST_ADMIN.password);

    const events = await t.db.selectFrom('audit_events').select(['chain_id', 'action', 'organization_id']).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['setup.link_issued', 'setup.first_admin_created', 'auth.totp_enrolment_started']);
    expect(events[0]?.chain_id).toBe(SYSTEM_CHAIN_ID);
    expect(events[1]?.organization_id).toBe(session.organization.id);
  });

  it('cannot be used twice', async () => {
    const t = await emptyInstallation();
    const token = await setupToken(t);
    expect((await completeSetup(t, token)).statusCode).toBe(200);

    const again = await completeSetup(t, token, { ...FIRST_ADMIN, email: 'second@riverside.example' });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('TOKEN_INVALID');
    expect((await describeSetup(t, token)).statusCode).toBe(404);
    expect(await counts(t)).toEqual({ organizations: 1, users: 1 });
  });

  it('expires one hour after it was issued', async () => {
    const t = await emptyInstallation();
    const token = await setupToken(t);
    t.clock.advance(3600 * 1000 - 1000);
    expect((await describeSetup(t, token)).statusCode).toBe(200);
    t.clock.advance(1001);
    const expired = await describeSetup(t, token);
    expect(expired.statusCode).toBe(404);
    expect(expired.json().error.code).toBe('TOKEN_INVALID');
    expect((await completeSetup(t, token)).statusCode).toBe(404);
    expect(await counts(t)).toEqual({ organizations: 0, users: 0 });
  });

  it('answers 404 for a token that was never issued', async () => {
    const t = await emptyInstallation();
    await setupToken(t);
    expect((await describeSetup(t, 'A'.repeat(43))).statusCode).toBe(404);
  });

  it('refuses a common password with a 400 on password and leaves the link usable', async () => {
    const t = await emptyInstallation();
    const token = await setupToken(t);
    const refused = await completeSetup(t, token, { ...FIRST_ADMIN, password: 'Sunshine1' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].path).toBe('password');
    expect(await counts(t)).toEqual({ organizations: 0, users: 0 });
    expect((await completeSetup(t, token)).statusCode).toBe(200);
  });

  it('makes no link once accounts exist', async () => {
    const t = await emptyInstallation();
    await createTestOrg(t.deps);
    expect(await createSetupLinkIfNeeded(t.deps)).toBeNull();
    expect(await t.db.selectFrom('one_time_tokens').select('token_hash').execute()).toEqual([]);
  });

  it('lets a link left over from an earlier start create no second organization', async () => {
    const t = await emptyInstallation();
    const first = await setupToken(t);
    const second = await setupToken(t); // the server restarted before anyone used the first link
    expect((await completeSetup(t, first)).statusCode).toBe(200);
    const late = await completeSetup(t, second, { ...FIRST_ADMIN, email: 'intruder@elsewhere.example' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('ALREADY_SET_UP');
    expect(await counts(t)).toEqual({ organizations: 1, users: 1 });
  });

  it('creates one organization when two links are used at the same moment', async () => {
    // A race: a few rounds make an unguarded check fail reliably.
    for (let round = 0; round < 4; round += 1) {
      const t = await emptyInstallation();
      const tokens = [await setupToken(t), await setupToken(t)];
      const results = await Promise.all(
        tokens.map((token, i) => completeSetup(t, token, { ...FIRST_ADMIN, email: `founder${i}@riverside.example` })),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(await counts(t)).toEqual({ organizations: 1, users: 1 });
    }
  });
});
