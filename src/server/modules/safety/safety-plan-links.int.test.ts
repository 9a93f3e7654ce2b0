import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import { createPatient } from '../../../../test/factories.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';

// Safety plan links: staff share the current plan with the patient; /plan/:token shows it, crisis
// panel first, until the link expires (30 days) or is revoked (decision 0024).

const T0 = new Date('2026-11-09T16:00:00.000Z');
const t = await testApp();
t.clock.current = T0;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  other = await createTestOrg(t.deps);
});
afterAll(() => t.close());

const signIn = (role: Role = 'clinician', own: TestOrg = org): Promise<TestSession> => sessionFor(t, own.users[role], own.organizationId);

const PLAN = {
  warningSigns: ['Not sleeping'],
  internalCoping: ['Walk the dog'],
  socialDistraction: ['Coffee shop on Main St'],
  peopleToAsk: ['Sister Jo 503-555-0100'],
  professionals: ['Dr. Rivera 503-555-0199'],
  safeEnvironment: ['Medication locked at my sister’s'],
};
const planUrl = (patientId: string) => `/api/v1/patients/${patientId}/safety-plan`;
const linksUrl = (patientId: string) => `${planUrl(patientId)}/links`;
const UNKNOWN = '/plan/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

async function withPlan(): Promise<string> {
  const patientId = await createPatient(t.db, org);
  expect((await call(t, await signIn(), 'POST', planUrl(patientId), PLAN)).statusCode).toBe(201);
  return patientId;
}

async function newLink(patientId: string, role: Role = 'clinician') {
  const response = await call(t, await signIn(role), 'POST', linksUrl(patientId));
  expect(response.statusCode).toBe(201);
  return response.json<{ linkId: string; url: string; expiresAt: string }>();
}

const view = (url: string) => t.app.inject({ method: 'GET', url });

describe('safety plan links', () => {
  it('creates a 30-day link, shows the plan crisis panel first, lists without tokens, and revokes to 410', async () => {
    const patientId = await withPlan();
    const link = await newLink(patientId);
    expect(link.url).toMatch(/^\/plan\/[A-Za-z0-9_-]{43}$/);
    expect(new Date(link.expiresAt).getTime() - T0.getTime()).toBe(30 * 86_400_000);
    const token = link.url.replace('/plan/', '');
    const row = await t.db.selectFrom('safety_plan_links').selectAll().where('id', '=', link.linkId).executeTakeFirstOrThrow();
    expect(row.token_hash.toString('hex')).not.toContain(Buffer.from(token).toString('hex'));

    const patient = await t.db.selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirstOrThrow();
    const page = await view(link.url);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).not.toContain('<script');
    expect(page.body).not.toContain(patient.legal_last_name);
    expect(page.body).not.toContain(patient.legal_first_name);
    for (const entry of Object.values(PLAN).flat()) expect(page.body).toContain(entry);
    expect(page.body).toContain('Warning signs');
    expect(page.body).toContain('Print');
    // The crisis panel is the first thing in main.
    const main = page.body.slice(page.body.indexOf('<main'));
    expect(main.replace(/^<main[^>]*>\s*/, '')).toMatch(/^<section class="crisis-panel"/);
    const hrefs = [...main.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.slice(0, 4)).toEqual(['tel:988', 'tel:911', 'sms:988', 'sms:741741?&amp;body=HOME']);
    expect(main).toContain('crisis-center');

    const spanish = await view(`${link.url}?lang=es`);
    expect(spanish.body).toContain('<html lang="es">');
    expect(spanish.body).toContain('Señales de alerta');

    const listed = await call(t, await signIn('director'), 'GET', linksUrl(patientId));
    expect(listed.statusCode).toBe(200);
    expect(listed.json().links).toEqual([expect.objectContaining({ id: link.linkId, state: 'active', revokedAt: null })]);
    expect(listed.json().links[0].lastViewedAt).not.toBeNull();
    expect(listed.body).not.toContain(token);

    const revoked = await call(t, await signIn('psychiatrist'), 'POST', `${linksUrl(patientId)}/${link.linkId}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: link.linkId, state: 'revoked' });
    const gone = await view(link.url);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).not.toContain('Walk the dog');
    expect(gone.headers['cache-control']).toBe('no-store');
    // Revoking again is harmless.
    expect((await call(t, await signIn(), 'POST', `${linksUrl(patientId)}/${link.linkId}/revoke`)).statusCode).toBe(200);

    const actions = await auditActions(t.db, org.organizationId);
    expect(actions.filter((a) => a === 'safety_plan_link.revoked')).toHaveLength(1);
    expect(actions).toEqual(expect.arrayContaining(['safety_plan_link.created', 'safety_plan_link.viewed', 'safety_plan_link.listed']));
    const viewed = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', org.organizationId)
      .where('action', '=', 'safety_plan_link.viewed')
      .where('entity_id', '=', link.linkId)
      .execute();
    expect(viewed.length).toBeGreaterThanOrEqual(2);
    expect(viewed[0]).toMatchObject({ patient_id: patientId, user_id: null });
  });

  it('answers an expired link with 410 and an unknown one with 404', async () => {
    const patientId = await withPlan();
    const link = await newLink(patientId);
    t.clock.advance(30 * 86_400_000);
    try {
      const expired = await view(link.url);
      expect(expired.statusCode).toBe(410);
      expect(expired.body).not.toContain('Walk the dog');
    } finally {
      t.clock.current = T0;
    }
    const unknown = await view(UNKNOWN);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('href="tel:988"');
    expect((await view('/plan/short')).statusCode).toBe(404);
  });

  it('shows the current version after a new version is saved, through the same link', async () => {
    const patientId = await withPlan();
    const link = await newLink(patientId);
    expect((await view(link.url)).body).toContain('Version 1');
    const saved = await call(t, await signIn('psychiatrist'), 'POST', planUrl(patientId), {
      ...PLAN,
      internalCoping: ['Breathing exercise'],
    });
    expect(saved.statusCode).toBe(201);
    const page = await view(link.url);
    expect(page.body).toContain('Version 2');
    expect(page.body).toContain('Breathing exercise');
    expect(page.body).not.toContain('Walk the dog');
  });

  it('shows only the first word of the preferred name, and no name without one', async () => {
    const patientId = await withPlan();
    await t.db.updateTable('patients').set({ preferred_name: 'Sunny Day' }).where('id', '=', patientId).execute();
    const named = await view((await newLink(patientId)).url);
    expect(named.body).toContain('Sunny’s safety plan');
    expect(named.body).not.toContain('Day');
    await t.db.updateTable('patients').set({ preferred_name: null }).where('id', '=', patientId).execute();
    expect((await view((await newLink(patientId)).url)).body).toContain('<h1>My safety plan</h1>');
  });

  it('refuses a link for a patient without a plan (409) and stores nothing', async () => {
    const patientId = await createPatient(t.db, org);
    const refused = await call(t, await signIn(), 'POST', linksUrl(patientId));
    expect(refused.statusCode).toBe(409);
    const rows = await t.db.selectFrom('safety_plan_links').selectAll().where('patient_id', '=', patientId).execute();
    expect(rows).toHaveLength(0);
  });

  it('lets only clinicians, psychiatrists and directors share, list or revoke (403)', async () => {
    const patientId = await withPlan();
    const link = await newLink(patientId, 'director');
    for (const role of ['admin', 'admissions', 'billing', 'front_desk', 'auditor'] as const) {
      const session = await signIn(role);
      expect((await call(t, session, 'POST', linksUrl(patientId))).statusCode).toBe(403);
      expect((await call(t, session, 'GET', linksUrl(patientId))).statusCode).toBe(403);
      expect((await call(t, session, 'POST', `${linksUrl(patientId)}/${link.linkId}/revoke`)).statusCode).toBe(403);
    }
    expect((await view(link.url)).statusCode).toBe(200);
  });

  it('treats another organization’s patient and link as not found (404)', async () => {
    const patientId = await withPlan();
    const link = await newLink(patientId);
    const stranger = await signIn('clinician', other);
    expect((await call(t, stranger, 'POST', linksUrl(patientId))).statusCode).toBe(404);
    expect((await call(t, stranger, 'GET', linksUrl(patientId))).statusCode).toBe(404);
    expect((await call(t, stranger, 'POST', `${linksUrl(patientId)}/${link.linkId}/revoke`)).statusCode).toBe(404);
    // Another patient of the same organization does not own this link either.
    const otherPatient = await withPlan();
    expect((await call(t, await signIn(), 'POST', `${linksUrl(otherPatient)}/${link.linkId}/revoke`)).statusCode).toBe(404);
    expect((await view(link.url)).statusCode).toBe(200);
  });
});
