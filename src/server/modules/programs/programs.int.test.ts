import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admit, createPatient, createProgram, createTemplate } from '../../../../test/factories.js';
import {
  auditActions,
  call,
  createTestOrg,
  freshDatabase,
  sessionFor,
  testApp,
  type TestApp,
  type TestOrg,
  type TestSession,
} from '../../../../test/support.js';
import type { Role } from '../../../domain/access/roles.js';
import { programFacts } from './programs.service.js';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function orgAs(role: Role = 'director', app: TestApp = t): Promise<{ org: TestOrg; as: TestSession }> {
  const org = await createTestOrg(app.deps);
  return { org, as: await sessionFor(app, org.users[role], org.organizationId) };
}

function site(org: TestOrg, index = 0): string {
  const id = org.siteIds[index];
  if (!id) throw new Error('no such test site');
  return id;
}

function body(org: TestOrg, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    siteId: site(org),
    name: 'Adult IOP mornings',
    levelOfCare: 'IOP',
    population: 'adult',
    focus: 'mental_health',
    format: 'in_person',
    groupCapacity: 12,
    ...changes,
  };
}

async function programRows(org: TestOrg, db = t.db) {
  return db.selectFrom('programs').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute();
}

async function create(as: TestSession, org: TestOrg, changes: Record<string, unknown> = {}) {
  const response = await call(t, as, 'POST', '/api/v1/programs', body(org, changes));
  expect(response.statusCode).toBe(201);
  return response.json();
}

function fieldOf(response: { json: () => { error: { details: { path: string }[] } } }): string | undefined {
  return response.json().error.details[0]?.path;
}

describe('creating a program', () => {
  it('fills omitted intensity rules from the defaults of its level and population, and audits it', async () => {
    const { org, as } = await orgAs();
    const response = await call(
      t,
      as,
      'POST',
      '/api/v1/programs',
      body(org, { conditions: ['f32', 'F33', 'F32', 'F10-F19'], modalities: ['cbt', 'dbt_skills', 'cbt'], isPart2: true }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(String),
      siteId: site(org),
      timeZone: 'America/Chicago',
      name: 'Adult IOP mornings',
      description: '',
      levelOfCare: 'IOP',
      population: 'adult',
      focus: 'mental_health',
      format: 'in_person',
      weeklyFloorMinutes: 540,
      weeklyCeilingMinutes: 1140,
      minDaysPerWeek: 3,
      minBillableDaysPerWeek: 3,
      minBillableDayMinutes: 180,
      groupCapacity: 12,
      conditions: ['F32', 'F33', 'F10-F19'],
      modalities: ['cbt', 'dbt_skills'],
      isPart2: true,
      published: false,
      publicSummaryEn: '',
      publicSummaryEs: '',
      active: true,
      version: 1,
      createdAt: t.clock.now().toISOString(),
      updatedAt: t.clock.now().toISOString(),
    });
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', org.organizationId)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: 'program.created',
      entity_type: 'program',
      entity_id: response.json().id,
      user_id: org.users.director.id,
      patient_id: null,
    });
    expect(audit.details).toEqual({ siteId: site(org), levelOfCare: 'IOP', isPart2: true, published: false });
  });

  it.each([
    [
      'IOP',
      'adolescent',
      { weeklyFloorMinutes: 360, weeklyCeilingMinutes: 1140, minDaysPerWeek: 3, minBillableDaysPerWeek: 0, minBillableDayMinutes: 180 },
    ],
    [
      'PHP',
      'adult',
      { weeklyFloorMinutes: 1200, weeklyCeilingMinutes: null, minDaysPerWeek: 0, minBillableDaysPerWeek: 0, minBillableDayMinutes: 0 },
    ],
    [
      'OP',
      'adult',
      { weeklyFloorMinutes: 0, weeklyCeilingMinutes: 539, minDaysPerWeek: 0, minBillableDaysPerWeek: 0, minBillableDayMinutes: 0 },
    ],
  ])('uses the %s %s defaults', async (levelOfCare, population, rules) => {
    const { org, as } = await orgAs();
    expect(await create(as, org, { levelOfCare, population })).toMatchObject(rules);
  });

  it('keeps the rules given and defaults the rest', async () => {
    const { org, as } = await orgAs('admin');
    expect(await create(as, org, { weeklyFloorMinutes: 600, weeklyCeilingMinutes: null })).toMatchObject({
      weeklyFloorMinutes: 600,
      weeklyCeilingMinutes: null,
      minDaysPerWeek: 3,
      minBillableDaysPerWeek: 3,
      minBillableDayMinutes: 180,
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a ceiling below the floor', { weeklyFloorMinutes: 600, weeklyCeilingMinutes: 599 }, 'weeklyCeilingMinutes'],
    ['a ceiling below the default floor', { weeklyCeilingMinutes: 300 }, 'weeklyCeilingMinutes'],
    [
      'a ceiling below what the billable days need',
      { minBillableDaysPerWeek: 5, minBillableDayMinutes: 240, weeklyCeilingMinutes: 1000 },
      'weeklyCeilingMinutes',
    ],
    ['8 days a week', { minDaysPerWeek: 8 }, 'minDaysPerWeek'],
    ['a negative floor', { weeklyFloorMinutes: -60 }, 'weeklyFloorMinutes'],
    ['fractional minutes', { minBillableDayMinutes: 179.5 }, 'minBillableDayMinutes'],
    ['an unknown modality', { modalities: ['cbt', 'yoga'] }, 'modalities.1'],
    ['a malformed condition code', { conditions: ['F32', 'depression'] }, 'conditions.1'],
    ['a backwards code range', { conditions: ['F19-F10'] }, 'conditions.0'],
    ['a group capacity of 0', { groupCapacity: 0 }, 'groupCapacity'],
    ['an unknown level of care', { levelOfCare: 'inpatient' }, 'levelOfCare'],
    ['an unknown population', { population: 'geriatric' }, 'population'],
    ['an unknown focus', { focus: 'eating' }, 'focus'],
    ['an unknown format', { format: 'phone' }, 'format'],
    ['an empty name', { name: ' ' }, 'name'],
    ['an unknown site', { siteId: randomUUID() }, 'siteId'],
    ['an unknown field', { active: false }, 'active'],
  ])('refuses %s with a 400 naming the field and saves nothing', async (_label, changes, path) => {
    const { org, as } = await orgAs();
    const response = await call(t, as, 'POST', '/api/v1/programs', body(org, changes));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(fieldOf(response)).toBe(path);
    expect(await programRows(org)).toEqual([]);
    expect(await auditActions(t.db, org.organizationId)).toEqual([]);
  });

  it('refuses a site of another organization with a 400 naming siteId and saves nothing anywhere', async () => {
    const { org, as } = await orgAs();
    const other = await createTestOrg(t.deps);
    const response = await call(t, as, 'POST', '/api/v1/programs', body(org, { siteId: site(other) }));
    expect(response.statusCode).toBe(400);
    expect(fieldOf(response)).toBe('siteId');
    expect(await programRows(org)).toEqual([]);
    expect(await programRows(other)).toEqual([]);
  });

  it.each<Role>(['clinician', 'psychiatrist', 'admissions', 'front_desk', 'billing', 'auditor'])(
    'refuses a %s (403) and saves nothing',
    async (role) => {
      const { org, as } = await orgAs(role);
      expect((await call(t, as, 'POST', '/api/v1/programs', body(org))).statusCode).toBe(403);
      expect(await programRows(org)).toEqual([]);
    },
  );
});

describe('reading programs', () => {
  it('filters the list by site, level, published and active, and lets other staff read it', async () => {
    const { org, as } = await orgAs();
    const iop = await create(as, org, { name: 'A IOP', published: true });
    const php = await create(as, org, { name: 'B PHP', levelOfCare: 'PHP' });
    const south = await create(as, org, { name: 'C South OP', levelOfCare: 'OP', siteId: site(org, 1), published: true });
    await t.db.updateTable('programs').set({ active: false }).where('id', '=', php.id).execute();
    const other = await createTestOrg(t.deps);
    await createProgram(t.db, other);

    const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
    const names = async (query: string) => {
      const response = await call(t, clinician, 'GET', `/api/v1/programs${query}`);
      expect(response.statusCode).toBe(200);
      return response.json().programs.map((p: { name: string }) => p.name);
    };
    expect(await names('')).toEqual(['A IOP', 'B PHP', 'C South OP']);
    expect(await names(`?siteId=${site(org)}`)).toEqual(['A IOP', 'B PHP']);
    expect(await names('?levelOfCare=PHP')).toEqual(['B PHP']);
    expect(await names('?published=true')).toEqual(['A IOP', 'C South OP']);
    expect(await names('?published=false')).toEqual(['B PHP']);
    expect(await names('?active=true')).toEqual(['A IOP', 'C South OP']);
    expect(await names(`?active=true&published=true&siteId=${site(org, 1)}`)).toEqual(['C South OP']);

    const one = await call(t, clinician, 'GET', `/api/v1/programs/${iop.id}`);
    expect(one.json()).toEqual(iop);
    expect(south.timeZone).toBe('America/Denver');
  });

  it.each(['?published=yes', '?levelOfCare=IP', '?siteId=north', '?sort=name'])('refuses the filter %s with a 400', async (query) => {
    const { as } = await orgAs();
    expect((await call(t, as, 'GET', `/api/v1/programs${query}`)).statusCode).toBe(400);
  });

  it('answers 404 for an unknown program or one of another organization', async () => {
    const { as } = await orgAs('front_desk');
    const other = await createTestOrg(t.deps);
    expect((await call(t, as, 'GET', `/api/v1/programs/${randomUUID()}`)).statusCode).toBe(404);
    expect((await call(t, as, 'GET', `/api/v1/programs/${await createProgram(t.db, other)}`)).statusCode).toBe(404);
  });

  it('keeps programs from the auditor (403)', async () => {
    const { as } = await orgAs('auditor');
    expect((await call(t, as, 'GET', '/api/v1/programs')).statusCode).toBe(403);
  });
});

describe('updating a program', () => {
  it('saves the change with the next version and audits the changed field names only', async () => {
    const { org, as } = await orgAs();
    const created = await create(as, org);
    t.clock.advance(60_000);
    const response = await call(t, as, 'PATCH', `/api/v1/programs/${created.id}`, {
      version: 1,
      name: 'Adult IOP evenings',
      weeklyFloorMinutes: 600,
      format: 'in_person',
      modalities: ['process_group'],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ...created,
      name: 'Adult IOP evenings',
      weeklyFloorMinutes: 600,
      modalities: ['process_group'],
      version: 2,
      updatedAt: t.clock.now().toISOString(),
    });
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('organization_id', '=', org.organizationId)
      .orderBy('chain_seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'program.updated', details: { fields: ['name', 'modalities', 'weeklyFloorMinutes'], version: 2 } });
  });

  it('refuses a stale version with a 412 and keeps the newer change', async () => {
    const { org, as } = await orgAs();
    const created = await create(as, org);
    expect((await call(t, as, 'PATCH', `/api/v1/programs/${created.id}`, { version: 1, name: 'First editor' })).statusCode).toBe(200);
    const before = await programRows(org);
    const stale = await call(t, as, 'PATCH', `/api/v1/programs/${created.id}`, { version: 1, name: 'Second editor' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect(fieldOf(stale)).toBe('version');
    expect(await programRows(org)).toEqual(before);
    expect(await auditActions(t.db, org.organizationId)).toEqual(['program.created', 'program.updated']);
  });

  it('lets exactly one of two simultaneous editors with the same version win', async () => {
    const { org, as } = await orgAs();
    const created = await create(as, org);
    const results = await Promise.all(
      ['Editor one', 'Editor two'].map((name) => call(t, as, 'PATCH', `/api/v1/programs/${created.id}`, { version: 1, name })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const [row] = await programRows(org);
    expect(row?.version).toBe(2);
    expect(row?.name).toBe(results.find((r) => r.statusCode === 200)?.json().name);
  });

  it('checks the rules as they will be stored: a new ceiling below the stored floor is refused, changing nothing', async () => {
    const { org, as } = await orgAs();
    const created = await create(as, org);
    const before = await programRows(org);
    const response = await call(t, as, 'PATCH', `/api/v1/programs/${created.id}`, {
      version: 1,
      name: 'Renamed',
      weeklyCeilingMinutes: 500,
    });
    expect(response.statusCode).toBe(400);
    expect(fieldOf(response)).toBe('weeklyCeilingMinutes');
    expect(await programRows(org)).toEqual(before);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no version', { name: 'X' }, 'version'],
    ['a site (programs do not move)', { version: 1, siteId: randomUUID() }, 'siteId'],
    ['an unknown modality', { version: 1, modalities: ['art'] }, 'modalities.0'],
    ['a group capacity of 0', { version: 1, groupCapacity: 0 }, 'groupCapacity'],
  ])('refuses %s with a 400 naming the field', async (_label, patch, path) => {
    const { org, as } = await orgAs();
    const created = await create(as, org);
    const response = await call(t, as, 'PATCH', `/api/v1/programs/${created.id}`, patch);
    expect(response.statusCode).toBe(400);
    expect(fieldOf(response)).toBe(path);
    expect((await programRows(org))[0]?.version).toBe(1);
  });

  it('keeps the version and writes no audit row when nothing changes', async () => {
    const { org, as } = await orgAs();
    const created = await create(as, org);
    const response = await call(t, as, 'PATCH', `/api/v1/programs/${created.id}`, {
      version: 1,
      name: created.name,
      weeklyFloorMinutes: 540,
    });
    expect(response.json().version).toBe(1);
    expect(await auditActions(t.db, org.organizationId)).toEqual(['program.created']);
  });

  it('refuses clearing the Part 2 flag once patients were admitted under it (422)', async () => {
    const { org, as } = await orgAs();
    const created = await create(as, org, { isPart2: true });
    await admit(t.db, org, { patientId: await createPatient(t.db, org), programId: created.id });
    const response = await call(t, as, 'PATCH', `/api/v1/programs/${created.id}`, { version: 1, isPart2: false, name: 'Renamed' });
    expect(response.statusCode).toBe(422);
    expect(fieldOf(response)).toBe('isPart2');
    expect(await programRows(org)).toMatchObject([{ is_part2: true, name: created.name, version: 1 }]);
    // Without patients the flag may be cleared (a program marked by mistake).
    const fresh = await create(as, org, { isPart2: true, name: 'Marked by mistake' });
    expect((await call(t, as, 'PATCH', `/api/v1/programs/${fresh.id}`, { version: 1, isPart2: false })).json().isPart2).toBe(false);
  });

  it('answers 404 for a program of another organization and changes nothing there', async () => {
    const { as } = await orgAs();
    const other = await createTestOrg(t.deps);
    const programId = await createProgram(t.db, other);
    const before = await programRows(other);
    expect((await call(t, as, 'PATCH', `/api/v1/programs/${programId}`, { version: 1, name: 'Taken over' })).statusCode).toBe(404);
    expect((await call(t, as, 'POST', `/api/v1/programs/${programId}/deactivate`)).statusCode).toBe(404);
    expect(await programRows(other)).toEqual(before);
  });

  it.each<Role>(['clinician', 'admissions', 'front_desk'])('refuses a %s (403) and changes nothing', async (role) => {
    const { org, as } = await orgAs(role);
    const programId = await createProgram(t.db, org);
    const before = await programRows(org);
    expect((await call(t, as, 'PATCH', `/api/v1/programs/${programId}`, { version: 1, published: true })).statusCode).toBe(403);
    expect((await call(t, as, 'POST', `/api/v1/programs/${programId}/deactivate`)).statusCode).toBe(403);
    expect(await programRows(org)).toEqual(before);
  });
});

describe('deactivating a program', () => {
  it('deactivates and reactivates, each with a new version and an audit row', async () => {
    const { org, as } = await orgAs('admin');
    const created = await create(as, org);
    const off = await call(t, as, 'POST', `/api/v1/programs/${created.id}/deactivate`);
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    expect((await call(t, as, 'POST', `/api/v1/programs/${created.id}/deactivate`)).json().version).toBe(2);
    expect((await call(t, as, 'POST', `/api/v1/programs/${created.id}/reactivate`)).json()).toMatchObject({ active: true, version: 3 });
    expect(await auditActions(t.db, org.organizationId)).toEqual(['program.created', 'program.deactivated', 'program.reactivated']);
  });

  it.each([
    [
      'an open episode',
      async (org: TestOrg, programId: string) => void (await admit(t.db, org, { patientId: await createPatient(t.db, org), programId })),
    ],
    [
      'an active group series',
      async (org: TestOrg, programId: string) => void (await createTemplate(t.db, org, { programId, roomId: null })),
    ],
  ])('refuses while the program has %s (422) and stays active', async (_label, use) => {
    const { org, as } = await orgAs();
    const created = await create(as, org);
    await use(org, created.id);
    const response = await call(t, as, 'POST', `/api/v1/programs/${created.id}/deactivate`);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('RULE_VIOLATION');
    expect(await programRows(org)).toMatchObject([{ active: true, version: 1 }]);
  });
});

describe('programFacts (for other areas)', () => {
  it("gives rules, zone and offer of the organization's programs only", async () => {
    const { org, as } = await orgAs();
    const created = await create(as, org, { modalities: ['cbt'], siteId: site(org, 1) });
    const other = await createTestOrg(t.deps);
    const foreign = await createProgram(t.db, other);
    const facts = await programFacts(t.db, org.organizationId, [created.id, foreign, created.id]);
    expect([...facts.keys()]).toEqual([created.id]);
    expect(facts.get(created.id)).toEqual({
      programId: created.id,
      siteId: site(org, 1),
      timeZone: 'America/Denver',
      levelOfCare: 'IOP',
      population: 'adult',
      rules: {
        weeklyFloorMinutes: 540,
        weeklyCeilingMinutes: 1140,
        minDaysPerWeek: 3,
        minBillableDaysPerWeek: 3,
        minBillableDayMinutes: 180,
      },
      groupCapacity: 12,
      modalities: ['cbt'],
      isPart2: false,
      active: true,
    });
  });
});

describe('atomicity', () => {
  it('saves no program change when the audit write fails in the same transaction', async () => {
    const fresh = await freshDatabase();
    const own = await testApp({ databaseUrl: fresh.url });
    try {
      const { org, as } = await orgAs('director', own);
      await sql`
        CREATE FUNCTION fail_program_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.action LIKE 'program.%' THEN RAISE EXCEPTION 'audit store unavailable'; END IF;
          RETURN NEW;
        END;
        $$;
        CREATE TRIGGER fail_program_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION fail_program_audit();
      `.execute(own.db);
      const created = await call(own, as, 'POST', '/api/v1/programs', body(org));
      expect(created.statusCode).toBe(500);
      expect(await programRows(org, own.db)).toEqual([]);

      const programId = await createProgram(own.db, org, { name: 'Untouched' });
      const before = await programRows(org, own.db);
      const updated = await call(own, as, 'PATCH', `/api/v1/programs/${programId}`, { version: 1, name: 'Changed', published: true });
      expect(updated.statusCode).toBe(500);
      expect(await programRows(org, own.db)).toEqual(before);
    } finally {
      await own.close();
      await fresh.drop();
    }
  });
});
