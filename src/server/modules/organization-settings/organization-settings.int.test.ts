import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPatient } from '../../../../test/factories.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';

const t = await testApp();
let org: TestOrg;
let admin: TestSession;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  t.deps.config.publicOrganizationId = org.organizationId;
  admin = await sessionFor(t, org.users.admin, org.organizationId);
});
afterAll(() => t.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

function settingsBody(version: number) {
  return {
    settingsVersion: version,
    name: 'Harbor Test Center',
    publicPhone: '(503) 555-0101',
    publicEmail: 'admissions@example.org',
    publicAddress: '1 Example Street\nPortland, OR 97201',
    accreditations: ['Example Accreditation'],
    inquiryResponseTargetMinutes: 45,
  };
}

const putLogo = (session: TestSession | null, body: Buffer, type: string) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/v1/organization/logo',
    headers: { 'content-type': type, ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}) },
    payload: body,
  });

describe('organization settings', () => {
  it('reads, saves with the expected version, refuses a stale one (412), and audits the change', async () => {
    const read = await call(t, admin, 'GET', '/api/v1/organization/settings');
    expect(read.statusCode).toBe(200);
    const version = read.json().settingsVersion;

    const saved = await call(t, admin, 'PUT', '/api/v1/organization/settings', settingsBody(version));
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ name: 'Harbor Test Center', inquiryResponseTargetMinutes: 45, settingsVersion: version + 1 });

    const stale = await call(t, admin, 'PUT', '/api/v1/organization/settings', { ...settingsBody(version), name: 'Overwrite' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect((await call(t, admin, 'GET', '/api/v1/organization/settings')).json().name).toBe('Harbor Test Center');
    expect(await auditActions(t.db, org.organizationId)).toContain('organization.settings_updated');

    const contact = await t.app.inject({ method: 'GET', url: '/contact' });
    expect(contact.body).toContain('admissions@example.org');
    expect(contact.body).toContain('Example Accreditation');
  });

  it('sets the safety-alert escalation times, which new alerts then use; leaving them out keeps them', async () => {
    const version = (await call(t, admin, 'GET', '/api/v1/organization/settings')).json().settingsVersion;
    const saved = await call(t, admin, 'PUT', '/api/v1/organization/settings', {
      ...settingsBody(version),
      safetyEscalationAcuteMinutes: 10,
      safetyEscalationPositiveMinutes: 120,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ safetyEscalationAcuteMinutes: 10, safetyEscalationPositiveMinutes: 120 });
    const kept = await call(t, admin, 'PUT', '/api/v1/organization/settings', settingsBody(version + 1));
    expect(kept.json()).toMatchObject({ safetyEscalationAcuteMinutes: 10, safetyEscalationPositiveMinutes: 120 });

    const patientId = await createPatient(t.db, org);
    const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
    const raised = await call(t, clinician, 'POST', `/api/v1/patients/${patientId}/safety-alerts`, {
      severity: 'acute',
      note: 'Said in group they have a plan (synthetic)',
    });
    expect(raised.statusCode).toBe(201);
    const alert = raised.json();
    expect(Date.parse(alert.escalateAt) - Date.parse(alert.createdAt)).toBe(10 * 60_000);
  });

  it('sets the plan review interval and the note signing limit (defaults 30 days, 72 hours); leaving them out keeps them', async () => {
    const before = (await call(t, admin, 'GET', '/api/v1/organization/settings')).json();
    expect(before).toMatchObject({ planReviewDays: 30, noteSigningLimitHours: 72 });
    const saved = await call(t, admin, 'PUT', '/api/v1/organization/settings', {
      ...settingsBody(before.settingsVersion),
      planReviewDays: 90,
      noteSigningLimitHours: 24,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ planReviewDays: 90, noteSigningLimitHours: 24 });
    const kept = await call(t, admin, 'PUT', '/api/v1/organization/settings', settingsBody(before.settingsVersion + 1));
    expect(kept.json()).toMatchObject({ planReviewDays: 90, noteSigningLimitHours: 24 });
    const row = await t.db
      .selectFrom('organizations')
      .select(['plan_review_days', 'note_signing_limit_hours'])
      .where('id', '=', org.organizationId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ plan_review_days: 90, note_signing_limit_hours: 24 });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a plan review every 6 days', { planReviewDays: 6 }, 'planReviewDays'],
    ['a plan review every 366 days', { planReviewDays: 366 }, 'planReviewDays'],
    ['a note signing limit of 0 hours', { noteSigningLimitHours: 0 }, 'noteSigningLimitHours'],
    ['a note signing limit over 720 hours', { noteSigningLimitHours: 721 }, 'noteSigningLimitHours'],
    ['an acute escalation of 0 minutes', { safetyEscalationAcuteMinutes: 0 }, 'safetyEscalationAcuteMinutes'],
    ['a positive escalation over 7 days', { safetyEscalationPositiveMinutes: 10081 }, 'safetyEscalationPositiveMinutes'],
    ['a bad email', { publicEmail: 'nope' }, 'publicEmail'],
    ['a target below 5 minutes', { inquiryResponseTargetMinutes: 4 }, 'inquiryResponseTargetMinutes'],
    ['an empty name', { name: ' ' }, 'name'],
  ])('refuses %s naming the field', async (_name, change, field) => {
    const version = (await call(t, admin, 'GET', '/api/v1/organization/settings')).json().settingsVersion;
    const response = await call(t, admin, 'PUT', '/api/v1/organization/settings', { ...settingsBody(version), ...change });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain(field);
  });

  it('lets a director read but not change; other roles get 403', async () => {
    const director = await sessionFor(t, org.users.director, org.organizationId);
    expect((await call(t, director, 'GET', '/api/v1/organization/settings')).statusCode).toBe(200);
    expect((await call(t, director, 'PUT', '/api/v1/organization/settings', settingsBody(1))).statusCode).toBe(403);
    const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
    expect((await call(t, clinician, 'GET', '/api/v1/organization/settings')).statusCode).toBe(403);
    expect((await putLogo(clinician, PNG, 'image/png')).statusCode).toBe(403);
    expect((await call(t, null, 'GET', '/api/v1/organization/settings')).statusCode).toBe(401);
  });
});

describe('organization logo', () => {
  it('stores a PNG, serves it publicly with caching, and removes it', async () => {
    const stored = await putLogo(admin, PNG, 'image/png');
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toMatchObject({ hasLogo: true, logoContentType: 'image/png' });

    const served = await t.app.inject({ method: 'GET', url: '/public/logo' });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toContain('max-age');
    expect(served.rawPayload.equals(PNG)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/' })).body).toContain('src="/public/logo?v=');

    const removed = await call(t, admin, 'DELETE', '/api/v1/organization/logo');
    expect(removed.json().hasLogo).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/public/logo' })).statusCode).toBe(404);
    expect(await auditActions(t.db, org.organizationId)).toEqual(
      expect.arrayContaining(['organization.logo_updated', 'organization.logo_removed']),
    );
  });

  it.each<[string, Buffer, string, number]>([
    ['a GIF', Buffer.from('GIF89a-------'), 'image/png', 400],
    ['a PNG declared as JPEG', PNG, 'image/jpeg', 400],
    ['a file above 256 KB', Buffer.concat([PNG, Buffer.alloc(256 * 1024)]), 'image/png', 413],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml', 400],
  ])('refuses %s', async (_name, body, type, status) => {
    const response = await putLogo(admin, body, type);
    expect(response.statusCode).toBe(status);
  });
});
