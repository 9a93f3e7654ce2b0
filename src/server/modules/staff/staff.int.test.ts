import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  call,
  createTestOrg,
  sessionFor,
  testApp,
  type TestApp,
  type TestOrg,
  type TestSession,
} from '../../../../test/support.js';
import type { Role } from '../../../domain/access/roles.js';
import { DomainError } from '../../../domain/errors.js';
import { assertStaffQualifiedFor, staffProfilesFor, staffQualifiedFor } from './staff.service.js';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function orgAs(role: Role = 'director'): Promise<{ org: TestOrg; as: TestSession }> {
  const org = await createTestOrg(t.deps);
  return { org, as: await sessionFor(t, org.users[role], org.organizationId) };
}

function site(org: TestOrg, index = 0): string {
  const id = org.siteIds[index];
  if (!id) throw new Error('no such test site');
  return id;
}

function profile(org: TestOrg, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    licenceType: 'LCSW',
    licensedStates: ['ny', 'NJ'],
    modalities: ['cbt', 'dbt_skills'],
    weeklyAvailability: [
      { weekday: 3, start: '13:00', end: '17:00' },
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '12:00', end: '15:00' },
    ],
    siteIds: [site(org, 1)],
    ...changes,
  };
}

async function stored(userId: string) {
  const row = await t.db.selectFrom('staff_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
  const sites = await t.db.selectFrom('user_sites').select('site_id').where('user_id', '=', userId).orderBy('site_id').execute();
  return { row, sites: sites.map((s) => s.site_id) };
}

function fieldOf(response: { json: () => { error: { details: { path: string }[] } } }): string | undefined {
  return response.json().error.details[0]?.path;
}

describe('staff list', () => {
  it('lists the users of the organization with empty profiles until one is saved', async () => {
    const { org, as } = await orgAs('front_desk');
    const other = await createTestOrg(t.deps);
    const response = await call(t, as, 'GET', '/api/v1/staff');
    expect(response.statusCode).toBe(200);
    const staff = response.json().staff;
    expect(staff.map((s: { userId: string }) => s.userId).sort()).toEqual(
      Object.values(org.users)
        .map((u) => u.id)
        .sort(),
    );
    for (const user of Object.values(other.users)) expect(staff.map((s: { userId: string }) => s.userId)).not.toContain(user.id);
    expect(staff.find((s: { userId: string }) => s.userId === org.users.clinician.id)).toEqual({
      userId: org.users.clinician.id,
      displayName: 'Test clinician',
      email: org.users.clinician.email,
      status: 'active',
      roles: ['clinician'],
      siteIds: [...org.siteIds].sort(),
      licenceType: '',
      licensedStates: [],
      modalities: [],
      weeklyAvailability: [],
      cosignSupervisorId: null,
      counselingNotesAccess: false,
      profileUpdatedAt: null,
    });
  });

  it('filters by role, site and modality, and leaves out deactivated users unless asked', async () => {
    const { org, as } = await orgAs();
    await call(
      t,
      as,
      'PUT',
      `/api/v1/staff/${org.users.clinician.id}/profile`,
      profile(org, { modalities: ['emdr_trauma'], siteIds: [site(org, 1)] }),
    );
    await call(
      t,
      as,
      'PUT',
      `/api/v1/staff/${org.users.psychiatrist.id}/profile`,
      profile(org, { modalities: ['cbt'], siteIds: [site(org, 0)] }),
    );
    await t.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', org.users.billing.id).execute();
    const ids = async (query: string) =>
      (await call(t, as, 'GET', `/api/v1/staff${query}`)).json().staff.map((s: { userId: string }) => s.userId);
    expect(await ids('?modality=emdr_trauma')).toEqual([org.users.clinician.id]);
    expect(await ids('?role=psychiatrist')).toEqual([org.users.psychiatrist.id]);
    expect(await ids(`?siteId=${site(org, 1)}&modality=cbt`)).toEqual([]);
    expect(await ids(`?siteId=${site(org, 0)}&modality=cbt`)).toEqual([org.users.psychiatrist.id]);
    expect(await ids('')).not.toContain(org.users.billing.id);
    expect(await ids('?includeDeactivated=true')).toContain(org.users.billing.id);
    expect((await call(t, as, 'GET', '/api/v1/staff?modality=yoga')).statusCode).toBe(400);
  });

  it('keeps the staff list from the auditor (403)', async () => {
    const { as } = await orgAs('auditor');
    expect((await call(t, as, 'GET', '/api/v1/staff')).statusCode).toBe(403);
  });
});

describe('staff profile', () => {
  it('sets a co-signing supervisor and counseling-note access, keeps them when a save leaves them out, and audits the field names', async () => {
    const { org, as } = await orgAs();
    const userId = org.users.clinician.id;
    const set = await call(t, as, 'PUT', `/api/v1/staff/${userId}/profile`, {
      ...profile(org),
      cosignSupervisorId: org.users.psychiatrist.id,
      counselingNotesAccess: true,
    });
    expect(set.json()).toMatchObject({ cosignSupervisorId: org.users.psychiatrist.id, counselingNotesAccess: true });
    const kept = await call(t, as, 'PUT', `/api/v1/staff/${userId}/profile`, { ...profile(org), licenceType: 'LPC' });
    expect(kept.json()).toMatchObject({ licenceType: 'LPC', cosignSupervisorId: org.users.psychiatrist.id, counselingNotesAccess: true });
    const cleared = await call(t, as, 'PUT', `/api/v1/staff/${userId}/profile`, { ...profile(org), cosignSupervisorId: null });
    expect(cleared.json()).toMatchObject({ cosignSupervisorId: null, counselingNotesAccess: true });
    const audit = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('organization_id', '=', org.organizationId)
      .where('action', '=', 'staff_profile.updated')
      .orderBy('chain_seq')
      .execute();
    expect(audit.map((e) => (e.details as { fields: string[] }).fields)).toEqual([
      expect.arrayContaining(['cosignSupervisorId', 'counselingNotesAccess']),
      ['licenceType'],
      ['licenceType', 'cosignSupervisorId'],
    ]);
  });

  it('saves credentials, modalities, availability and work sites, normalised and audited by field name', async () => {
    const { org, as } = await orgAs();
    const userId = org.users.clinician.id;
    const response = await call(t, as, 'PUT', `/api/v1/staff/${userId}/profile`, profile(org));
    expect(response.statusCode).toBe(200);
    const expected = {
      userId,
      displayName: 'Test clinician',
      email: org.users.clinician.email,
      status: 'active',
      roles: ['clinician'],
      siteIds: [site(org, 1)],
      licenceType: 'LCSW',
      licensedStates: ['NJ', 'NY'],
      modalities: ['cbt', 'dbt_skills'],
      weeklyAvailability: [
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 1, start: '12:00', end: '15:00' },
        { weekday: 3, start: '13:00', end: '17:00' },
      ],
      cosignSupervisorId: null,
      counselingNotesAccess: false,
      profileUpdatedAt: t.clock.now().toISOString(),
    };
    expect(response.json()).toEqual(expected);
    const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
    expect((await call(t, clinician, 'GET', `/api/v1/staff/${userId}/profile`)).json()).toEqual(expected);
    expect((await stored(userId)).sites).toEqual([site(org, 1)]);
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', org.organizationId)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: 'staff_profile.updated',
      entity_type: 'user',
      entity_id: userId,
      user_id: org.users.director.id,
    });
    expect(audit.details).toEqual({ fields: ['licenceType', 'licensedStates', 'modalities', 'weeklyAvailability', 'siteIds'] });

    // Saving the same profile again changes nothing and audits nothing.
    await call(t, as, 'PUT', `/api/v1/staff/${userId}/profile`, profile(org, { licensedStates: ['NY', 'nj'] }));
    expect(await auditActions(t.db, org.organizationId)).toEqual(['staff_profile.updated']);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown state', { licensedStates: ['NY', 'XX'] }, 'licensedStates.1'],
    ['a state name', { licensedStates: ['New York'] }, 'licensedStates.0'],
    ['an unknown modality', { modalities: ['cbt', 'reiki'] }, 'modalities.1'],
    [
      'a window ending before it starts',
      { weeklyAvailability: [{ weekday: 2, start: '15:00', end: '09:00' }] },
      'weeklyAvailability.0.end',
    ],
    ['a window ending when it starts', { weeklyAvailability: [{ weekday: 2, start: '09:00', end: '09:00' }] }, 'weeklyAvailability.0.end'],
    [
      'overlapping windows',
      {
        weeklyAvailability: [
          { weekday: 2, start: '09:00', end: '12:00' },
          { weekday: 2, start: '11:00', end: '13:00' },
        ],
      },
      'weeklyAvailability.1',
    ],
    ['weekday 0', { weekday: 0 }, 'weeklyAvailability.0.weekday'],
    ['a time without a leading zero', { weeklyAvailability: [{ weekday: 2, start: '9:00', end: '12:00' }] }, 'weeklyAvailability.0.start'],
    ['an unknown site', { siteIds: [randomUUID()] }, 'siteIds'],
    ['a missing field', { modalities: undefined }, 'modalities'],
    ['an unknown field', { npi: '1234567890' }, 'npi'],
  ])('refuses %s with a 400 naming the field and keeps the saved profile', async (_label, changes, path) => {
    const { org, as } = await orgAs();
    const userId = org.users.psychiatrist.id;
    expect((await call(t, as, 'PUT', `/api/v1/staff/${userId}/profile`, profile(org))).statusCode).toBe(200);
    const before = await stored(userId);
    const next =
      'weekday' in changes
        ? profile(org, { weeklyAvailability: [{ weekday: changes.weekday, start: '09:00', end: '10:00' }] })
        : profile(org, { licenceType: 'MD', ...changes });
    const response = await call(t, as, 'PUT', `/api/v1/staff/${userId}/profile`, next);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(fieldOf(response)).toBe(path);
    expect(await stored(userId)).toEqual(before);
    expect(await auditActions(t.db, org.organizationId)).toEqual(['staff_profile.updated']);
  });

  it("refuses another organization's site (400 siteIds) without saving the valid rest", async () => {
    const { org, as } = await orgAs();
    const other = await createTestOrg(t.deps);
    const userId = org.users.clinician.id;
    const before = await stored(userId);
    const response = await call(t, as, 'PUT', `/api/v1/staff/${userId}/profile`, profile(org, { siteIds: [site(org), site(other)] }));
    expect(response.statusCode).toBe(400);
    expect(fieldOf(response)).toBe('siteIds');
    expect(await stored(userId)).toEqual(before);
    expect(before.row).toBeUndefined();
  });

  it('answers 404 for an unknown user or one of another organization, and writes nothing there', async () => {
    const { org, as } = await orgAs();
    const other = await createTestOrg(t.deps);
    expect((await call(t, as, 'GET', `/api/v1/staff/${randomUUID()}/profile`)).statusCode).toBe(404);
    expect((await call(t, as, 'GET', `/api/v1/staff/${other.users.clinician.id}/profile`)).statusCode).toBe(404);
    expect((await call(t, as, 'PUT', `/api/v1/staff/${other.users.clinician.id}/profile`, profile(org, { siteIds: [] }))).statusCode).toBe(
      404,
    );
    expect((await stored(other.users.clinician.id)).row).toBeUndefined();
  });

  it.each<Role>(['clinician', 'psychiatrist', 'admissions', 'front_desk', 'billing', 'auditor'])(
    'refuses a %s changing a profile, even their own (403)',
    async (role) => {
      const { org, as } = await orgAs(role);
      const response = await call(t, as, 'PUT', `/api/v1/staff/${org.users[role].id}/profile`, profile(org));
      expect(response.statusCode).toBe(403);
      expect((await stored(org.users[role].id)).row).toBeUndefined();
    },
  );

  it('lets an admin save a profile too', async () => {
    const { org, as } = await orgAs('admin');
    expect((await call(t, as, 'PUT', `/api/v1/staff/${org.users.director.id}/profile`, profile(org, { siteIds: [] }))).statusCode).toBe(
      200,
    );
    expect((await stored(org.users.director.id)).sites).toEqual([]);
  });
});

describe('staffQualifiedFor (for group templates)', () => {
  it('accepts facilitators whose profile lists the modality and names each problem otherwise', async () => {
    const { org, as } = await orgAs();
    const other = await createTestOrg(t.deps);
    await call(t, as, 'PUT', `/api/v1/staff/${org.users.clinician.id}/profile`, profile(org, { modalities: ['dbt_skills'] }));
    await call(t, as, 'PUT', `/api/v1/staff/${org.users.psychiatrist.id}/profile`, profile(org, { modalities: ['cbt', 'dbt_skills'] }));
    await call(t, as, 'PUT', `/api/v1/staff/${org.users.billing.id}/profile`, profile(org, { modalities: ['dbt_skills'] }));
    await t.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', org.users.billing.id).execute();

    expect(await staffQualifiedFor(t.db, org.organizationId, [org.users.clinician.id, org.users.psychiatrist.id], 'dbt_skills')).toEqual({
      ok: true,
    });
    expect(await staffQualifiedFor(t.db, org.organizationId, [], 'cbt')).toEqual({ ok: true });
    const refused = await staffQualifiedFor(
      t.db,
      org.organizationId,
      [org.users.clinician.id, other.users.clinician.id, org.users.billing.id, org.users.psychiatrist.id, org.users.admissions.id],
      'cbt',
    );
    expect(refused).toEqual({
      ok: false,
      problems: [
        {
          userId: org.users.clinician.id,
          reason: 'not_qualified',
          message: 'Test clinician is not qualified to lead Cognitive behavioral therapy (CBT)',
        },
        { userId: other.users.clinician.id, reason: 'unknown', message: expect.any(String) },
        { userId: org.users.billing.id, reason: 'deactivated', message: 'Test billing is deactivated' },
        { userId: org.users.admissions.id, reason: 'not_qualified', message: expect.any(String) },
      ],
    });
  });

  it('throws a 400 for an unknown facilitator and a 422 naming each unqualified one', async () => {
    const { org } = await orgAs();
    const other = await createTestOrg(t.deps);
    const unknown = assertStaffQualifiedFor(t.db, org.organizationId, [org.users.clinician.id, other.users.clinician.id], 'cbt');
    await expect(unknown).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'facilitatorIds.1', message: 'unknown staff member' }],
    });
    const unqualified = assertStaffQualifiedFor(
      t.db,
      org.organizationId,
      [org.users.admissions.id, org.users.clinician.id],
      'family',
      'facilitators',
    );
    await expect(unqualified).rejects.toBeInstanceOf(DomainError);
    await expect(unqualified).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      details: [{ path: 'facilitators.0' }, { path: 'facilitators.1' }],
    });
  });

  it('gives licensed states and availability through staffProfilesFor', async () => {
    const { org, as } = await orgAs();
    await call(t, as, 'PUT', `/api/v1/staff/${org.users.clinician.id}/profile`, profile(org));
    const profiles = await staffProfilesFor(t.db, org.organizationId, [org.users.clinician.id, org.users.admissions.id, randomUUID()]);
    expect(profiles.get(org.users.clinician.id)).toMatchObject({
      licensedStates: ['NJ', 'NY'],
      modalities: ['cbt', 'dbt_skills'],
      status: 'active',
    });
    expect(profiles.get(org.users.admissions.id)).toMatchObject({ licensedStates: [], modalities: [], weeklyAvailability: [] });
    expect(profiles.size).toBe(2);
  });
});
