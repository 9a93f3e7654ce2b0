import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_PASSWORD,
  auditActions,
  call,
  cookieFrom,
  createTestOrg,
  sessionFor,
  testApp,
  type TestApp,
  type TestOrg,
} from '../../../../test/support.js';
import { totpCode } from './totp.js';

let t: TestApp;
let org: TestOrg;
let demoOrg: TestOrg;

beforeAll(async () => {
  t = await testApp();
  org = await createTestOrg(t.deps);
  demoOrg = await createTestOrg(t.deps, { demo: true });
});
afterAll(() => t.close());

function login(email: string, password: string, ip = '10.0.0.1') {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });
}

describe('login', () => {
  it('signs in with email and password and sets a hardened session cookie', async () => {
    const response = await login(org.users.clinician.email, TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ stage: 'active', user: { email: org.users.clinician.email, roles: ['clinician'] } });
    const cookie = response.cookies.find((c) => c.name === 'openiop_session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: cookieFrom(response) } });
    expect(me.json()).toMatchObject({ user: { id: org.users.clinician.id } });
  });

  it('answers an unknown email exactly as a wrong password', async () => {
    const unknown = await login(`nobody-${Date.now()}@test.openiop.org`, TEST_PASSWORD, '10.0.1.1');
    const wrong = await login(org.users.billing.email, 'not the password at all', '10.0.1.2');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error).toEqual(wrong.json().error);
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('gives a new session id at every login', async () => {
    const first = cookieFrom(await login(org.users.psychiatrist.email, TEST_PASSWORD));
    const second = cookieFrom(await login(org.users.psychiatrist.email, TEST_PASSWORD));
    expect(first).not.toBe(second);
  });

  it('throttles an account after repeated failures with 429 and Retry-After, then lets it in again later', async () => {
    const email = org.users.front_desk.email;
    for (let i = 0; i < 5; i += 1) expect((await login(email, 'wrong password!', `10.1.0.${i}`)).statusCode).toBe(401);
    await login(email, 'wrong password!', '10.1.0.9');
    const blocked = await login(email, TEST_PASSWORD, '10.1.0.10');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    t.clock.advance((Number(blocked.headers['retry-after']) + 1) * 1000);
    expect((await login(email, TEST_PASSWORD, '10.1.0.11')).statusCode).toBe(200);
  });

  it('throttles one address that tries many accounts', async () => {
    const ip = '10.2.0.1';
    for (let i = 0; i < 21; i += 1) await login(`guess-${i}@test.openiop.org`, 'wrong password!', ip);
    const response = await login(`guess-x@test.openiop.org`, 'wrong password!', ip);
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBeDefined();
  });

  it('audits logins, failed logins and logouts', async () => {
    const fresh = await createTestOrg(t.deps);
    await login(fresh.users.director.email, 'wrong password!', '10.3.0.1');
    const ok = await login(fresh.users.clinician.email, TEST_PASSWORD, '10.3.0.2');
    const session = { cookie: cookieFrom(ok), csrfToken: ok.json().csrfToken };
    expect((await call(t, session, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect(await auditActions(t.db, fresh.organizationId)).toEqual(['auth.login_failed', 'auth.login', 'auth.logout']);
    const failed = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', fresh.organizationId)
      .where('action', '=', 'auth.login_failed')
      .executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ user_id: fresh.users.director.id, outcome: 'failure', client_ip: '10.3.0.1' });
    expect(failed.request_id).toBeTruthy();
  });
});

describe('sessions', () => {
  it('locks a session after 15 idle minutes, enforced by the server', async () => {
    const session = await sessionFor(t, org.users.clinician, org.organizationId);
    t.clock.advance(14 * 60 * 1000);
    expect((await call(t, session, 'GET', '/api/v1/sites')).statusCode).toBe(200);
    t.clock.advance(14 * 60 * 1000); // activity above restarted the idle clock
    expect((await call(t, session, 'GET', '/api/v1/sites')).statusCode).toBe(200);
    t.clock.advance(15 * 60 * 1000 + 1);
    const locked = await call(t, session, 'GET', '/api/v1/sites');
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('ends a session 12 hours after login however active it is', async () => {
    const session = await sessionFor(t, org.users.clinician, org.organizationId);
    for (let step = 0; step < 72; step += 1) {
      expect((await call(t, session, 'GET', '/api/v1/sites')).statusCode).toBe(200);
      t.clock.advance(10 * 60 * 1000 - 1);
    }
    t.clock.advance(72);
    expect((await call(t, session, 'GET', '/api/v1/sites')).statusCode).toBe(401);
  });

  it('ends the session at logout', async () => {
    const session = await sessionFor(t, org.users.billing, org.organizationId);
    expect((await call(t, session, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await call(t, session, 'GET', '/api/v1/sites')).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token or from another origin', async () => {
    const session = await sessionFor(t, org.users.billing, org.organizationId);
    const noToken = await call(t, { cookie: session.cookie, csrfToken: '' }, 'POST', '/api/v1/auth/keepalive');
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const foreign = await call(t, session, 'POST', '/api/v1/auth/keepalive', undefined, { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect((await call(t, session, 'POST', '/api/v1/auth/keepalive')).statusCode).toBe(200);
  });
});

describe('two-factor authentication', () => {
  it('requires an admin outside demo data to enrol TOTP before using the app', async () => {
    const response = await login(org.users.admin.email, TEST_PASSWORD, '10.4.0.1');
    expect(response.json().stage).toBe('mfa_enrolment_required');
    const pending = { cookie: cookieFrom(response), csrfToken: response.json().csrfToken };
    expect((await call(t, pending, 'GET', '/api/v1/admin/users')).statusCode).toBe(403);

    const setup = await call(t, pending, 'POST', '/api/v1/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, qrDataUrl, otpauthUrl } = setup.json();
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(otpauthUrl).toContain('otpauth://totp/');
    const enabled = await call(t, pending, 'POST', '/api/v1/auth/totp/enable', { code: totpCode(secret, t.clock.now()) });
    expect(enabled.statusCode).toBe(200);
    const { recoveryCodes, session } = enabled.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(session.stage).toBe('active');
    const active = { cookie: cookieFrom(enabled), csrfToken: session.csrfToken };
    expect((await call(t, active, 'GET', '/api/v1/admin/users')).statusCode).toBe(200);
    // The enrolment session was replaced, not upgraded in place.
    expect((await call(t, pending, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);

    // Next login: password, then a code; a used code cannot be replayed; a recovery code works once.
    t.clock.advance(31_000);
    const second = await login(org.users.admin.email, TEST_PASSWORD, '10.4.0.2');
    expect(second.json().stage).toBe('mfa_required');
    const mfa = { cookie: cookieFrom(second), csrfToken: second.json().csrfToken };
    const code = totpCode(secret, t.clock.now());
    const verified = await call(t, mfa, 'POST', '/api/v1/auth/mfa', { code });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().stage).toBe('active');

    const third = await login(org.users.admin.email, TEST_PASSWORD, '10.4.0.3');
    const mfa3 = { cookie: cookieFrom(third), csrfToken: third.json().csrfToken };
    const replay = await call(t, mfa3, 'POST', '/api/v1/auth/mfa', { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('INVALID_MFA_CODE');
    expect((await call(t, mfa3, 'POST', '/api/v1/auth/mfa', { code: recoveryCodes[0] })).statusCode).toBe(200);

    const fourth = await login(org.users.admin.email, TEST_PASSWORD, '10.4.0.4');
    const mfa4 = { cookie: cookieFrom(fourth), csrfToken: fourth.json().csrfToken };
    expect((await call(t, mfa4, 'POST', '/api/v1/auth/mfa', { code: recoveryCodes[0] })).statusCode).toBe(401);
    const stored = await t.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', org.users.admin.id).execute();
    expect(stored.map((r) => r.code_hash)).not.toContain(recoveryCodes[0]);
  });

  it('lets demo admins in without a second factor', async () => {
    const response = await login(demoOrg.users.admin.email, TEST_PASSWORD, '10.5.0.1');
    expect(response.json().stage).toBe('active');
  });

  it('keeps a user with a pending second factor out of everything but the sign-in steps', async () => {
    const response = await login(org.users.auditor.email, TEST_PASSWORD, '10.6.0.1');
    const pending = { cookie: cookieFrom(response), csrfToken: response.json().csrfToken };
    expect((await call(t, pending, 'GET', '/api/v1/audit/events')).statusCode).toBe(403);
    expect((await call(t, pending, 'GET', '/api/v1/sites')).statusCode).toBe(403);
  });
});
