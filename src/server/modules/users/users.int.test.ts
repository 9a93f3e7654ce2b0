import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_PASSWORD,
  auditActions,
  call,
  cookieFrom,
  createTestOrg,
  freshDatabase,
  sessionFor,
  testApp,
  type TestApp,
  type TestOrg,
  type TestSession,
} from '../../../../test/support.js';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const NEW_PASSWORD = 'a long enough new passphrase';

function uniqueEmail(label = 'new'): string {
  return `${label}-${randomUUID().slice(0, 8)}@test.openiop.org`;
}

/** A new organization and its admin signed in: each test works on data of its own. */
async function orgWithAdmin(): Promise<{ org: TestOrg; admin: TestSession }> {
  const org = await createTestOrg(t.deps);
  return { org, admin: await sessionFor(t, org.users.admin, org.organizationId) };
}

async function invite(admin: TestSession, org: TestOrg, body: Record<string, unknown> = {}) {
  const email = uniqueEmail();
  const response = await call(t, admin, 'POST', '/api/v1/admin/users', {
    email,
    displayName: 'New Colleague',
    roles: ['clinician'],
    siteIds: [org.siteIds[0]],
    ...body,
  });
  expect(response.statusCode).toBe(201);
  const { user, inviteUrl } = response.json();
  return { userId: user.id as string, email, inviteUrl: inviteUrl as string, token: String(inviteUrl).replace('/app/invite/', '') };
}

function describeInvite(token: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1/invites/${token}` });
}

function accept(token: string, password: string) {
  return t.app.inject({ method: 'POST', url: `/api/v1/invites/${token}/accept`, payload: { password } });
}

async function statusOf(userId: string): Promise<string> {
  const row = await t.db.selectFrom('users').select('status').where('id', '=', userId).executeTakeFirstOrThrow();
  return row.status;
}

async function auditRow(organizationId: string, action: string) {
  return t.db
    .selectFrom('audit_events')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('action', '=', action)
    .orderBy('chain_seq', 'desc')
    .executeTakeFirstOrThrow();
}

describe('inviting a user', () => {
  it('creates an invited user whose link leads to a password and a signed-in session', async () => {
    const { org, admin } = await orgWithAdmin();
    const email = `Dana.Reyes.${randomUUID().slice(0, 6)}@Test.OpenIOP.org`;
    const created = await call(t, admin, 'POST', '/api/v1/admin/users', {
      email,
      displayName: 'Dana Reyes',
      roles: ['clinician'],
      siteIds: [org.siteIds[1]],
    });
    expect(created.statusCode).toBe(201);
    const { user, inviteUrl } = created.json();
    expect(user).toMatchObject({
      displayName: 'Dana Reyes',
      roles: ['clinician'],
      siteIds: [org.siteIds[1]],
      status: 'invited',
      mfaEnrolled: false,
      lastLoginAt: null,
    });
    expect(user.email).toBe(email.toLowerCase());
    expect(inviteUrl).toMatch(/^\/app\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = inviteUrl.replace('/app/invite/', '');

    const described = await describeInvite(token);
    expect(described.statusCode).toBe(200);
    expect(described.json()).toEqual({
      email: user.email,
      displayName: 'Dana Reyes',
      expiresAt: new Date(t.clock.now().getTime() + 72 * 3600 * 1000).toISOString(),
    });

    const accepted = await accept(token, NEW_PASSWORD);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      stage: 'active',
      user: { id: user.id, roles: ['clinician'] },
      organization: { id: org.organizationId },
    });
    const me = await call(t, { cookie: cookieFrom(accepted), csrfToken: accepted.json().csrfToken }, 'GET', '/api/v1/auth/session');
    expect(me.json().user.id).toBe(user.id);

    expect(await statusOf(user.id)).toBe('active');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: NEW_PASSWORD },
      remoteAddress: '10.30.0.1',
    });
    expect(login.statusCode).toBe(200);
    expect(await auditActions(t.db, org.organizationId)).toEqual(['user.created', 'user.invite_accepted', 'auth.login']);
  });

  it('uses a link only once', async () => {
    const { org, admin } = await orgWithAdmin();
    const { token } = await invite(admin, org);
    expect((await accept(token, NEW_PASSWORD)).statusCode).toBe(200);
    const again = await accept(token, 'another passphrase entirely');
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('TOKEN_INVALID');
    expect((await describeInvite(token)).statusCode).toBe(404);
  });

  it('lets a link expire after 72 hours', async () => {
    const { org, admin } = await orgWithAdmin();
    const { token } = await invite(admin, org);
    t.clock.advance(72 * 3600 * 1000 - 1000);
    expect((await describeInvite(token)).statusCode).toBe(200);
    t.clock.advance(1000);
    expect((await describeInvite(token)).statusCode).toBe(404);
    expect((await accept(token, NEW_PASSWORD)).statusCode).toBe(404);
  });

  it('sends an invited admin to second-factor enrolment before anything else', async () => {
    const { org, admin } = await orgWithAdmin();
    const { token } = await invite(admin, org, { roles: ['admin'] });
    const accepted = await accept(token, NEW_PASSWORD);
    expect(accepted.json().stage).toBe('mfa_enrolment_required');
  });

  it.each([
    ['on the common-password list, in any case', 'PassWord1', 'This password is on a list of commonly used passwords; choose another'],
    ['shorter than 8 characters', 'seven77', 'Use at least 8 characters'],
    ['longer than 128 characters', 'x'.repeat(129), 'Use at most 128 characters'],
  ])('refuses a password %s and changes nothing', async (_label, password, message) => {
    const { org, admin } = await orgWithAdmin();
    const { userId, token } = await invite(admin, org);
    const refused = await accept(token, password);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('VALIDATION_FAILED');
    expect(refused.json().error.details[0]).toEqual({ path: 'password', message });

    expect(await statusOf(userId)).toBe('invited');
    expect((await describeInvite(token)).statusCode).toBe(200);
    expect((await accept(token, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('names an unknown field in a 400 and writes nothing', async () => {
    const { org, admin } = await orgWithAdmin();
    const email = uniqueEmail();
    const response = await call(t, admin, 'POST', '/api/v1/admin/users', {
      email,
      displayName: 'X',
      roles: ['clinician'],
      siteIds: [],
      isSuperuser: true,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('isSuperuser');
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain('isSuperuser');
    expect(await t.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
    expect(await auditActions(t.db, org.organizationId)).toEqual([]);
  });

  it.each([
    ['the same email', (email: string) => email],
    ['the same email in other letter case', (email: string) => email.toUpperCase()],
  ])('answers 409 for %s and keeps one account', async (_label, variant) => {
    const { org, admin } = await orgWithAdmin();
    const { email } = await invite(admin, org);
    const again = await call(t, admin, 'POST', '/api/v1/admin/users', {
      email: variant(email),
      displayName: 'Twin',
      roles: ['billing'],
      siteIds: [],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EMAIL_TAKEN');
    const rows = await t.db.selectFrom('users').select(['id', 'display_name']).where('email', '=', email).execute();
    expect(rows).toEqual([expect.objectContaining({ display_name: 'New Colleague' })]);
    expect(await t.db.selectFrom('outbox').select('id').where('organization_id', '=', org.organizationId).execute()).toHaveLength(1);
  });

  it('answers 409 for an email already used in another organization', async () => {
    const { org, admin } = await orgWithAdmin();
    const other = await createTestOrg(t.deps);
    const response = await call(t, admin, 'POST', '/api/v1/admin/users', {
      email: other.users.billing.email,
      displayName: 'Moonlighter',
      roles: ['billing'],
      siteIds: [org.siteIds[0]],
    });
    expect(response.statusCode).toBe(409);
  });

  it('refuses an unknown site with a 400 naming siteIds and writes no user, invite or message', async () => {
    const { org, admin } = await orgWithAdmin();
    const email = uniqueEmail();
    const response = await call(t, admin, 'POST', '/api/v1/admin/users', {
      email,
      displayName: 'Lost',
      roles: ['clinician'],
      siteIds: [org.siteIds[0], randomUUID()],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.details[0].path).toBe('siteIds');
    expect(await t.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
    expect(
      await t.db
        .selectFrom('outbox')
        .select('id')
        .where(sql<string>`payload->>'to'`, '=', email)
        .execute(),
    ).toEqual([]);
    expect(await auditActions(t.db, org.organizationId)).toEqual([]);
  });

  it('queues the invite email in the outbox with the user', async () => {
    const { org, admin } = await orgWithAdmin();
    const { userId, email, inviteUrl } = await invite(admin, org);
    const messages = await t.db.selectFrom('outbox').selectAll().where('organization_id', '=', org.organizationId).execute();
    expect(messages).toEqual([
      expect.objectContaining({ kind: 'email.invite', payload: { userId, to: email, inviteUrl }, delivered_at: null }),
    ]);
  });
});

describe('reissuing an invite', () => {
  it('gives a new link and makes the old one useless', async () => {
    const { org, admin } = await orgWithAdmin();
    const first = await invite(admin, org);
    const reissued = await call(t, admin, 'POST', `/api/v1/admin/users/${first.userId}/invite`);
    expect(reissued.statusCode).toBe(200);
    const second = String(reissued.json().inviteUrl).replace('/app/invite/', '');
    expect(second).not.toBe(first.token);

    expect((await describeInvite(first.token)).statusCode).toBe(404);
    expect((await accept(first.token, NEW_PASSWORD)).statusCode).toBe(404);
    expect(await statusOf(first.userId)).toBe('invited');
    expect((await describeInvite(second)).statusCode).toBe(200);
    expect((await accept(second, NEW_PASSWORD)).statusCode).toBe(200);

    const messages = await t.db
      .selectFrom('outbox')
      .select('payload')
      .where('organization_id', '=', org.organizationId)
      .orderBy('created_at')
      .execute();
    expect(messages.map((m) => (m.payload as { inviteUrl: string }).inviteUrl)).toEqual([first.inviteUrl, reissued.json().inviteUrl]);
    expect(await auditActions(t.db, org.organizationId)).toEqual(['user.created', 'user.invite_reissued', 'user.invite_accepted']);
  });

  it('is refused for a user who has already signed up', async () => {
    const { org, admin } = await orgWithAdmin();
    const response = await call(t, admin, 'POST', `/api/v1/admin/users/${org.users.clinician.id}/invite`);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('RULE_VIOLATION');
  });
});

describe('deactivating a user', () => {
  it('ends every open session of that user at once and audits it', async () => {
    const { org, admin } = await orgWithAdmin();
    const target = org.users.clinician;
    const laptop = await sessionFor(t, target, org.organizationId);
    const phone = await sessionFor(t, target, org.organizationId);
    expect((await call(t, laptop, 'GET', '/api/v1/sites')).statusCode).toBe(200);

    const response = await call(t, admin, 'POST', `/api/v1/admin/users/${target.id}/deactivate`);
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('deactivated');

    expect((await call(t, laptop, 'GET', '/api/v1/sites')).statusCode).toBe(401);
    expect((await call(t, phone, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    const open = await t.db.selectFrom('sessions').select('id').where('user_id', '=', target.id).where('ended_at', 'is', null).execute();
    expect(open).toEqual([]);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: target.email, password: TEST_PASSWORD },
      remoteAddress: '10.31.0.1',
    });
    expect(login.statusCode).toBe(401);

    const audited = await auditRow(org.organizationId, 'user.deactivated');
    expect(audited).toMatchObject({
      user_id: org.users.admin.id,
      entity_type: 'user',
      entity_id: target.id,
      outcome: 'success',
      details: { sessionsEnded: 2 },
    });
  });

  it('kills an unused invite link', async () => {
    const { org, admin } = await orgWithAdmin();
    const { userId, token } = await invite(admin, org);
    expect((await call(t, admin, 'POST', `/api/v1/admin/users/${userId}/deactivate`)).statusCode).toBe(200);
    expect((await describeInvite(token)).statusCode).toBe(404);
    expect((await accept(token, NEW_PASSWORD)).statusCode).toBe(404);
    expect(await statusOf(userId)).toBe('deactivated');
  });

  it('refuses to let an admin deactivate themself', async () => {
    const { org, admin } = await orgWithAdmin();
    const response = await call(t, admin, 'POST', `/api/v1/admin/users/${org.users.admin.id}/deactivate`);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('RULE_VIOLATION');
    expect(await statusOf(org.users.admin.id)).toBe('active');
    expect((await call(t, admin, 'GET', '/api/v1/admin/users')).statusCode).toBe(200);
  });
});

describe('reactivating a user', () => {
  it('restores a user who had a password to active, able to sign in', async () => {
    const { org, admin } = await orgWithAdmin();
    const target = org.users.billing;
    await call(t, admin, 'POST', `/api/v1/admin/users/${target.id}/deactivate`);
    const response = await call(t, admin, 'POST', `/api/v1/admin/users/${target.id}/reactivate`);
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('active');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: target.email, password: TEST_PASSWORD },
      remoteAddress: '10.32.0.1',
    });
    expect(login.statusCode).toBe(200);
    expect(await auditActions(t.db, org.organizationId)).toEqual(['user.deactivated', 'user.reactivated', 'auth.login']);
  });

  it('returns a user who never set a password to invited, needing a new link', async () => {
    const { org, admin } = await orgWithAdmin();
    const { userId, token } = await invite(admin, org);
    await call(t, admin, 'POST', `/api/v1/admin/users/${userId}/deactivate`);
    const response = await call(t, admin, 'POST', `/api/v1/admin/users/${userId}/reactivate`);
    expect(response.json().status).toBe('invited');
    expect((await describeInvite(token)).statusCode).toBe(404);
    const reissued = await call(t, admin, 'POST', `/api/v1/admin/users/${userId}/invite`);
    expect(reissued.statusCode).toBe(200);
  });

  it('is refused for a user who is not deactivated', async () => {
    const { org, admin } = await orgWithAdmin();
    const response = await call(t, admin, 'POST', `/api/v1/admin/users/${org.users.director.id}/reactivate`);
    expect(response.statusCode).toBe(422);
  });
});

describe('changing roles', () => {
  it("records the roles before and after, and applies them to the user's open session", async () => {
    const { org, admin } = await orgWithAdmin();
    const target = org.users.clinician;
    const theirs = await sessionFor(t, target, org.organizationId);
    expect((await call(t, theirs, 'GET', '/api/v1/audit/events')).statusCode).toBe(403);

    const response = await call(t, admin, 'PATCH', `/api/v1/admin/users/${target.id}`, { roles: ['auditor', 'clinician', 'auditor'] });
    expect(response.statusCode).toBe(200);
    expect(response.json().roles).toEqual(['auditor', 'clinician']);
    const audited = await auditRow(org.organizationId, 'user.roles_changed');
    expect(audited).toMatchObject({
      user_id: org.users.admin.id,
      entity_id: target.id,
      details: { before: ['clinician'], after: ['auditor', 'clinician'] },
    });
    expect((await call(t, theirs, 'GET', '/api/v1/audit/events')).statusCode).toBe(200);

    await call(t, admin, 'PATCH', `/api/v1/admin/users/${target.id}`, { roles: ['clinician'] });
    expect((await call(t, theirs, 'GET', '/api/v1/audit/events')).statusCode).toBe(403);
  });

  it('does not record a role change when only the name changes', async () => {
    const { org, admin } = await orgWithAdmin();
    const response = await call(t, admin, 'PATCH', `/api/v1/admin/users/${org.users.billing.id}`, { displayName: '  Renamed Person  ' });
    expect(response.json().displayName).toBe('Renamed Person');
    expect(await auditActions(t.db, org.organizationId)).toEqual(['user.updated']);
  });

  it('refuses to remove the admin role from the last active admin', async () => {
    const { org, admin } = await orgWithAdmin();
    const response = await call(t, admin, 'PATCH', `/api/v1/admin/users/${org.users.admin.id}`, { roles: ['clinician'] });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('RULE_VIOLATION');
    const roles = await t.db.selectFrom('user_roles').select('role').where('user_id', '=', org.users.admin.id).execute();
    expect(roles.map((r) => r.role)).toEqual(['admin']);
    expect(await auditActions(t.db, org.organizationId)).toEqual([]);
  });

  it('counts only active admins: a deactivated second admin does not keep the organization administrable', async () => {
    const { org, admin } = await orgWithAdmin();
    const second = org.users.director;
    expect((await call(t, admin, 'PATCH', `/api/v1/admin/users/${second.id}`, { roles: ['director', 'admin'] })).statusCode).toBe(200);
    expect((await call(t, admin, 'POST', `/api/v1/admin/users/${second.id}/deactivate`)).statusCode).toBe(200);
    const response = await call(t, admin, 'PATCH', `/api/v1/admin/users/${org.users.admin.id}`, { roles: ['clinician'] });
    expect(response.statusCode).toBe(422);
  });

  it('lets one of two admins step down', async () => {
    const { org, admin } = await orgWithAdmin();
    await call(t, admin, 'PATCH', `/api/v1/admin/users/${org.users.director.id}`, { roles: ['director', 'admin'] });
    const response = await call(t, admin, 'PATCH', `/api/v1/admin/users/${org.users.admin.id}`, { roles: ['clinician'] });
    expect(response.statusCode).toBe(200);
  });
});

describe('two admins removing each other at the same moment', () => {
  // Each check alone sees the other admin; only one of the two changes may go through.
  it.each([
    ['demote', (id: string) => ['PATCH', `/api/v1/admin/users/${id}`, { roles: ['clinician'] }] as const],
    ['deactivate', (id: string) => ['POST', `/api/v1/admin/users/${id}/deactivate`, undefined] as const],
  ])('leave one active admin when they %s each other', async (_verb, request) => {
    for (let round = 0; round < 5; round += 1) {
      const { org, admin: first } = await orgWithAdmin();
      const secondUser = org.users.director;
      expect((await call(t, first, 'PATCH', `/api/v1/admin/users/${secondUser.id}`, { roles: ['admin'] })).statusCode).toBe(200);
      const second = await sessionFor(t, secondUser, org.organizationId);
      const [m1, u1, b1] = request(secondUser.id);
      const [m2, u2, b2] = request(org.users.admin.id);
      const results = await Promise.all([call(t, first, m1, u1, b1), call(t, second, m2, u2, b2)]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 422]);
      const admins = await t.db
        .selectFrom('user_roles as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select('u.id')
        .where('r.organization_id', '=', org.organizationId)
        .where('r.role', '=', 'admin')
        .where('u.status', '=', 'active')
        .execute();
      expect(admins).toHaveLength(1);
    }
  });
});

describe('atomicity', () => {
  it('writes no user, invite or outbox message when the audit write fails', async () => {
    const fresh = await freshDatabase();
    const own = await testApp({ databaseUrl: fresh.url });
    try {
      const org = await createTestOrg(own.deps);
      const admin = await sessionFor(own, org.users.admin, org.organizationId);
      // A real failure inside the same transaction, after the user, token and message were written.
      await sql`
        CREATE FUNCTION fail_user_created() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.action = 'user.created' THEN RAISE EXCEPTION 'audit store unavailable'; END IF;
          RETURN NEW;
        END;
        $$;
        CREATE TRIGGER fail_user_created BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION fail_user_created();
      `.execute(own.db);
      const email = uniqueEmail();
      const response = await call(own, admin, 'POST', '/api/v1/admin/users', {
        email,
        displayName: 'Never Was',
        roles: ['clinician'],
        siteIds: [],
      });
      expect(response.statusCode).toBe(500);
      expect(response.json().error).toEqual({ code: 'INTERNAL', message: 'Internal error' });
      expect(await own.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
      expect(await own.db.selectFrom('outbox').select('id').execute()).toEqual([]);
      expect(await own.db.selectFrom('one_time_tokens').select('token_hash').execute()).toEqual([]);
    } finally {
      await own.close();
      await fresh.drop();
    }
  });
});
