import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admit, createPatient as insertPatient, createProgram } from '../../../../test/factories.js';
import { call, createTestOrg, sessionFor, testApp, type TestApp, type TestOrg, type TestSession } from '../../../../test/support.js';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
  t.clock.current = new Date('2026-03-10T15:00:00Z');
});
afterAll(() => t.close());

type Role = 'admissions' | 'front_desk' | 'director' | 'clinician' | 'billing' | 'psychiatrist' | 'admin' | 'auditor';

async function orgWith(role: Role = 'admissions'): Promise<{ org: TestOrg; session: TestSession }> {
  const org = await createTestOrg(t.deps);
  return { org, session: await sessionFor(t, org.users[role], org.organizationId) };
}

const VALID = {
  legalFirstName: 'Avery',
  legalLastName: 'Synthetic',
  preferredName: 'Ave',
  pronouns: 'they/them',
  dateOfBirth: '1991-04-12',
  phone: '(503) 555-0142',
  email: 'avery.synthetic@example.test',
  stateOfResidence: 'or',
  emergencyContact: { name: 'Jordan Synthetic', phone: '503.555.0199' },
  availabilityNotes: 'Works Tuesday and Thursday afternoons',
};

async function create(session: TestSession, overrides: Record<string, unknown> = {}) {
  const response = await call(t, session, 'POST', '/api/v1/patients', { ...VALID, ...overrides });
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function patientAudit(organizationId: string) {
  return t.db
    .selectFrom('audit_events')
    .select(['action', 'patient_id', 'entity_id', 'details', 'user_id'])
    .where('organization_id', '=', organizationId)
    .orderBy('chain_seq')
    .execute();
}

async function patientCount(organizationId: string): Promise<number> {
  const rows = await t.db.selectFrom('patients').select('id').where('organization_id', '=', organizationId).execute();
  return rows.length;
}

describe('creating a patient', () => {
  it('stores the record with normalised phone numbers and state, version 1, and audits it with the patient id', async () => {
    const { org, session } = await orgWith('admissions');
    const patient = await create(session);
    expect(patient).toMatchObject({
      legalFirstName: 'Avery',
      legalLastName: 'Synthetic',
      preferredName: 'Ave',
      pronouns: 'they/them',
      dateOfBirth: '1991-04-12',
      phone: '+15035550142',
      email: 'avery.synthetic@example.test',
      stateOfResidence: 'OR',
      emergencyContact: { name: 'Jordan Synthetic', phone: '+15035550199' },
      availabilityNotes: 'Works Tuesday and Thursday afternoons',
      version: 1,
    });
    expect(await patientAudit(org.organizationId)).toEqual([
      { action: 'patient.created', patient_id: patient.id, entity_id: patient.id, details: null, user_id: org.users.admissions.id },
    ]);
  });

  it.each<Role>(['front_desk', 'director'])('is allowed to %s', async (role) => {
    const { session } = await orgWith(role);
    await create(session, { preferredName: null, pronouns: null, phone: null, email: null, emergencyContact: null });
  });

  it('needs only names, date of birth and state', async () => {
    const { session } = await orgWith();
    const patient = await create(session, {
      preferredName: undefined,
      pronouns: undefined,
      phone: undefined,
      email: undefined,
      emergencyContact: undefined,
      availabilityNotes: undefined,
    });
    expect(patient).toMatchObject({
      preferredName: null,
      pronouns: null,
      phone: null,
      email: null,
      emergencyContact: null,
      availabilityNotes: '',
      preferredLanguage: null,
    });
  });

  it.each([
    ['a date of birth in the future', { dateOfBirth: '2026-03-12' }, 'dateOfBirth', 'must not be in the future'],
    ['an age above 120', { dateOfBirth: '1905-03-09' }, 'dateOfBirth', 'gives an age above 120 years'],
    ['a date of birth that is no date', { dateOfBirth: '1990-02-30' }, 'dateOfBirth', undefined],
    [
      'a state that is not a US code',
      { stateOfResidence: 'XX' },
      'stateOfResidence',
      '"XX" is not a two-letter US state or territory code',
    ],
    ['a phone number with letters', { phone: '503-555-CALL' }, 'phone', undefined],
    [
      'an emergency contact phone that is too short',
      { emergencyContact: { name: 'Jordan Synthetic', phone: '555-0199' } },
      'emergencyContact.phone',
      undefined,
    ],
    ['an email address without a domain', { email: 'avery@' }, 'email', undefined],
    ['a blank last name', { legalLastName: '  ' }, 'legalLastName', 'is required'],
    ['a preferred language the patient pages do not offer', { preferredLanguage: 'fr' }, 'preferredLanguage', undefined],
    ['an unknown field', { ssn: '000-00-0000' }, 'ssn', undefined],
  ])('refuses %s with a 400 naming the field, and saves nothing', async (_label, overrides, path, message) => {
    const { org, session } = await orgWith();
    const response = await call(t, session, 'POST', '/api/v1/patients', { ...VALID, ...overrides });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    const detail = response.json().error.details.find((d: { path: string }) => d.path === path);
    expect(detail).toBeDefined();
    if (message !== undefined) expect(detail.message).toBe(message);
    expect(await patientCount(org.organizationId)).toBe(0);
    expect(await patientAudit(org.organizationId)).toEqual([]);
  });

  it('accepts a baby born today (in the earliest time zone) and a patient exactly 120 years old', async () => {
    const { session } = await orgWith();
    await create(session, { dateOfBirth: '2026-03-11' });
    await create(session, { dateOfBirth: '1906-03-10' });
  });

  it.each<Role>(['clinician', 'psychiatrist', 'billing', 'admin', 'auditor'])('is refused to %s', async (role) => {
    const { org, session } = await orgWith(role);
    const response = await call(t, session, 'POST', '/api/v1/patients', VALID);
    expect(response.statusCode).toBe(403);
    expect(await patientCount(org.organizationId)).toBe(0);
  });
});

describe('reading a patient', () => {
  it('returns the record and writes patient.viewed with the patient id for each read', async () => {
    const { org, session } = await orgWith();
    const patient = await create(session);
    const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
    const response = await call(t, clinician, 'GET', `/api/v1/patients/${patient.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(patient);
    const events = await patientAudit(org.organizationId);
    expect(events.at(-1)).toEqual({
      action: 'patient.viewed',
      patient_id: patient.id,
      entity_id: patient.id,
      details: null,
      user_id: org.users.clinician.id,
    });
  });

  it("answers 404 for another organization's patient and for an unknown id, and reveals nothing", async () => {
    const { org, session } = await orgWith('clinician');
    const other = await createTestOrg(t.deps);
    const theirs = await insertPatient(t.db, other);
    for (const id of [theirs, randomUUID()]) {
      const response = await call(t, session, 'GET', `/api/v1/patients/${id}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    expect(await patientAudit(org.organizationId)).toEqual([]);
  });

  it.each<Role>(['admin', 'auditor'])('is refused to %s', async (role) => {
    const { org, session } = await orgWith(role);
    const patientId = await insertPatient(t.db, org);
    expect((await call(t, session, 'GET', `/api/v1/patients/${patientId}`)).statusCode).toBe(403);
    expect((await call(t, session, 'GET', '/api/v1/patients')).statusCode).toBe(403);
  });
});

describe('updating a patient', () => {
  it('changes the fields sent, moves the version on, and audits the field names only', async () => {
    const { org, session } = await orgWith('front_desk');
    const patient = await create(session);
    const response = await call(t, session, 'PATCH', `/api/v1/patients/${patient.id}`, {
      version: 1,
      preferredName: 'Avy',
      phone: '+1 971 555 0100',
      pronouns: null,
      availabilityNotes: 'Mornings only',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      ...patient,
      preferredName: 'Avy',
      phone: '+19715550100',
      pronouns: null,
      availabilityNotes: 'Mornings only',
      version: 2,
      updatedAt: expect.any(String),
    });
    const last = (await patientAudit(org.organizationId)).at(-1);
    expect(last).toEqual({
      action: 'patient.updated',
      patient_id: patient.id,
      entity_id: patient.id,
      user_id: org.users.front_desk.id,
      details: { fields: ['preferredName', 'pronouns', 'phone', 'availabilityNotes'], version: 2 },
    });
    expect(JSON.stringify(last)).not.toContain('Avy');
  });

  it('answers a stale version with 412 naming both versions, and keeps the newer change', async () => {
    const { org, session } = await orgWith();
    const patient = await create(session);
    const director = await sessionFor(t, org.users.director, org.organizationId);
    expect(
      (await call(t, director, 'PATCH', `/api/v1/patients/${patient.id}`, { version: 1, preferredName: 'First edit' })).statusCode,
    ).toBe(200);
    const stale = await call(t, session, 'PATCH', `/api/v1/patients/${patient.id}`, { version: 1, preferredName: 'Second edit' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error).toMatchObject({ code: 'STALE_VERSION', details: { yourVersion: 1, currentVersion: 2 } });
    const row = await t.db
      .selectFrom('patients')
      .select(['preferred_name', 'version'])
      .where('id', '=', patient.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ preferred_name: 'First edit', version: 2 });
  });

  it('lets exactly one of two simultaneous edits of the same version through', async () => {
    const { org, session } = await orgWith();
    const patient = await create(session);
    const director = await sessionFor(t, org.users.director, org.organizationId);
    const results = await Promise.all([
      call(t, session, 'PATCH', `/api/v1/patients/${patient.id}`, { version: 1, pronouns: 'she/her' }),
      call(t, director, 'PATCH', `/api/v1/patients/${patient.id}`, { version: 1, pronouns: 'he/him' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
  });

  it.each([
    ['a future date of birth', { dateOfBirth: '2027-01-01' }, 'dateOfBirth'],
    ['a bad state', { stateOfResidence: 'ZZ' }, 'stateOfResidence'],
    ['no version', { version: undefined, pronouns: 'she/her' }, 'version'],
    ['a preferred language in capitals', { preferredLanguage: 'ES' }, 'preferredLanguage'],
  ])('refuses %s with a 400 and changes nothing', async (_label, body, path) => {
    const { session } = await orgWith();
    const patient = await create(session);
    const response = await call(t, session, 'PATCH', `/api/v1/patients/${patient.id}`, { version: 1, ...body });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    const row = await t.db
      .selectFrom('patients')
      .select(['version', 'date_of_birth', 'state_of_residence'])
      .where('id', '=', patient.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 1, date_of_birth: '1991-04-12', state_of_residence: 'OR' });
  });

  it('clears the emergency contact with null', async () => {
    const { session } = await orgWith();
    const patient = await create(session);
    const response = await call(t, session, 'PATCH', `/api/v1/patients/${patient.id}`, { version: 1, emergencyContact: null, email: '' });
    expect(response.json()).toMatchObject({ emergencyContact: null, email: null, version: 2 });
  });

  it('is refused to a clinician', async () => {
    const { org, session } = await orgWith('clinician');
    const patientId = await insertPatient(t.db, org);
    expect((await call(t, session, 'PATCH', `/api/v1/patients/${patientId}`, { version: 1, pronouns: 'she/her' })).statusCode).toBe(403);
  });
});

describe("the patient's preferred language for patient pages", () => {
  it('is stored on create, returned on read, and recorded in the row', async () => {
    const { session } = await orgWith();
    const patient = await create(session, { preferredLanguage: 'es' });
    expect(patient.preferredLanguage).toBe('es');
    const read = await call(t, session, 'GET', `/api/v1/patients/${patient.id}`);
    expect(read.json().preferredLanguage).toBe('es');
    const row = await t.db.selectFrom('patients').select('preferred_language').where('id', '=', patient.id).executeTakeFirstOrThrow();
    expect(row.preferred_language).toBe('es');
  });

  it('is set, changed and cleared by an update with the version read, auditing the field name only', async () => {
    const { org, session } = await orgWith();
    const patient = await create(session);
    expect(patient.preferredLanguage).toBeNull();
    const set = await call(t, session, 'PATCH', `/api/v1/patients/${patient.id}`, { version: 1, preferredLanguage: 'es' });
    expect(set.json()).toMatchObject({ preferredLanguage: 'es', version: 2 });
    expect((await patientAudit(org.organizationId)).at(-1)).toMatchObject({
      action: 'patient.updated',
      details: { fields: ['preferredLanguage'], version: 2 },
    });
    const changed = await call(t, session, 'PATCH', `/api/v1/patients/${patient.id}`, { version: 2, preferredLanguage: 'en' });
    expect(changed.json()).toMatchObject({ preferredLanguage: 'en', version: 3 });
    const cleared = await call(t, session, 'PATCH', `/api/v1/patients/${patient.id}`, { version: 3, preferredLanguage: null });
    expect(cleared.json()).toMatchObject({ preferredLanguage: null, version: 4 });
  });

  it('leaves the language alone when an update does not send it', async () => {
    const { session } = await orgWith();
    const patient = await create(session, { preferredLanguage: 'es' });
    const response = await call(t, session, 'PATCH', `/api/v1/patients/${patient.id}`, { version: 1, pronouns: 'she/her' });
    expect(response.json()).toMatchObject({ preferredLanguage: 'es', pronouns: 'she/her', version: 2 });
  });

  it('refuses a language change made from a stale version with 412, keeping the newer record', async () => {
    const { org, session } = await orgWith();
    const patient = await create(session);
    const director = await sessionFor(t, org.users.director, org.organizationId);
    await call(t, director, 'PATCH', `/api/v1/patients/${patient.id}`, { version: 1, preferredLanguage: 'en' });
    const stale = await call(t, session, 'PATCH', `/api/v1/patients/${patient.id}`, { version: 1, preferredLanguage: 'es' });
    expect(stale.statusCode).toBe(412);
    const row = await t.db.selectFrom('patients').select('preferred_language').where('id', '=', patient.id).executeTakeFirstOrThrow();
    expect(row.preferred_language).toBe('en');
  });

  it('is refused by the database for a value outside en and es', async () => {
    const { org } = await orgWith();
    const patientId = await insertPatient(t.db, org);
    await expect(sql`UPDATE patients SET preferred_language = 'fr' WHERE id = ${patientId}`.execute(t.db)).rejects.toThrow(
      /check constraint/,
    );
  });
});

describe('searching patients', () => {
  async function seed(org: TestOrg) {
    const names = [
      ['Riley', 'Testmore', null],
      ['Quinn', 'Testwood', 'Q'],
      ['Morgan', 'Sampleton', 'Rae'],
      ['Taylor', 'O_Sample', null],
      ['Casey', 'Rivers-Example', null],
    ] as const;
    const ids: Record<string, string> = {};
    for (const [first, last, preferred] of names) {
      const row = await t.db
        .insertInto('patients')
        .values({
          organization_id: org.organizationId,
          legal_first_name: first,
          legal_last_name: last,
          preferred_name: preferred,
          date_of_birth: '1990-01-01',
          state_of_residence: 'WA',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[first] = row.id;
    }
    return ids;
  }

  async function search(session: TestSession, query: string) {
    const response = await call(t, session, 'GET', `/api/v1/patients${query}`);
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  const firstNames = (body: { patients: { legalFirstName: string }[] }) => body.patients.map((p) => p.legalFirstName);

  it.each([
    ['', ['Taylor', 'Casey', 'Morgan', 'Riley', 'Quinn']],
    ['?q=test', ['Riley', 'Quinn']],
    ['?q=TESTW', ['Quinn']],
    ['?q=rae', ['Morgan']],
    ['?q=r', ['Casey', 'Morgan', 'Riley']],
    ['?q=riley%20test', ['Riley']],
    ['?q=test%2C%20quinn', ['Quinn']],
    ['?q=o_', ['Taylor']],
    ['?q=%25', []],
    ['?q=ample', []],
  ])('finds %s by name prefix, ordered by last name', async (query, expected) => {
    const { org, session } = await orgWith('front_desk');
    await seed(org);
    expect(firstNames(await search(session, query))).toEqual(expected);
  });

  it('filters by open episode and by program, and lists each patient’s open episodes', async () => {
    const { org, session } = await orgWith('billing');
    const ids = await seed(org);
    const morning = await createProgram(t.db, org, { name: 'Adult IOP mornings' });
    const evening = await createProgram(t.db, org, { name: 'Adult IOP evenings', siteId: org.siteIds[1] });
    const rileyEpisode = await admit(t.db, org, { patientId: ids.Riley ?? '', programId: morning, admittedOn: '2026-02-02' });
    await admit(t.db, org, { patientId: ids.Quinn ?? '', programId: evening });
    const closed = await admit(t.db, org, { patientId: ids.Morgan ?? '', programId: morning });
    await t.db
      .updateTable('episodes')
      .set({ status: 'closed', discharged_on: '2026-12-01', disposition: 'completed' })
      .where('id', '=', closed)
      .execute();

    const open = await search(session, '?openEpisode=true');
    expect(firstNames(open)).toEqual(['Riley', 'Quinn']);
    expect(open.patients[0].openEpisodes).toEqual([
      { episodeId: rileyEpisode, programId: morning, programName: 'Adult IOP mornings', levelOfCare: 'IOP', admittedOn: '2026-02-02' },
    ]);
    expect(firstNames(await search(session, '?openEpisode=false'))).toEqual(['Taylor', 'Casey', 'Morgan']);
    expect(firstNames(await search(session, `?programId=${morning}`))).toEqual(['Riley']);
    expect(firstNames(await search(session, `?programId=${evening}&q=quinn`))).toEqual(['Quinn']);
  });

  it('pages through the results with the total', async () => {
    const { org, session } = await orgWith();
    await seed(org);
    const page = await search(session, '?limit=2&offset=2');
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(firstNames(page)).toEqual(['Morgan', 'Riley']);
    const refused = await call(t, session, 'GET', '/api/v1/patients?limit=101');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].path).toBe('limit');
  });

  it('writes one patient.listed event per patient returned, with the patient id and without the search text', async () => {
    const { org, session } = await orgWith('clinician');
    const ids = await seed(org);
    await search(session, '?q=test');
    const events = await patientAudit(org.organizationId);
    expect(events.map((e) => [e.action, e.patient_id]).sort()).toEqual(
      [
        ['patient.listed', ids.Riley],
        ['patient.listed', ids.Quinn],
      ].sort(),
    );
    expect(JSON.stringify(events)).not.toContain('test');
  });

  it("never shows another organization's patients", async () => {
    const { org, session } = await orgWith();
    await seed(org);
    const other = await createTestOrg(t.deps);
    await seed(other);
    const body = await search(session, '?limit=100');
    expect(body.total).toBe(5);
    const own = await t.db.selectFrom('patients').select('id').where('organization_id', '=', org.organizationId).execute();
    expect(body.patients.map((p: { id: string }) => p.id).sort()).toEqual(own.map((row) => row.id).sort());
  });
});
