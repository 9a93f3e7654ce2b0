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
import { generateSessions } from '../../../domain/scheduling/session-generation.js';
import { closuresBetween } from './closures.service.js';
import { createProgram, createTemplate } from '../../../../test/factories.js';

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

async function rows(org: TestOrg) {
  return t.db
    .selectFrom('closures')
    .selectAll()
    .where('organization_id', '=', org.organizationId)
    .orderBy('closed_on')
    .orderBy('id')
    .execute();
}

async function close(as: TestSession, body: Record<string, unknown>) {
  const response = await call(t, as, 'POST', '/api/v1/closures', body);
  expect(response.statusCode).toBe(201);
  return response.json();
}

function fieldOf(response: { json: () => { error: { details: { path: string }[] } } }): string | undefined {
  return response.json().error.details[0]?.path;
}

describe('closures', () => {
  it('creates whole-organization and site closures, audited without the free-text reason', async () => {
    const { org, as } = await orgAs();
    const all = await close(as, { date: '2026-12-25', reason: 'Christmas Day' });
    expect(all).toEqual({ id: expect.any(String), siteId: null, date: '2026-12-25', reason: 'Christmas Day' });
    const north = await close(as, { siteId: site(org), date: '2026-12-24', reason: 'Boiler repair' });
    expect(north).toMatchObject({ siteId: site(org), date: '2026-12-24' });
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'details'])
      .where('organization_id', '=', org.organizationId)
      .orderBy('chain_seq')
      .execute();
    expect(audit).toEqual([
      { action: 'closure.created', entity_id: all.id, details: { date: '2026-12-25', siteId: null, sessionsCancelled: 0 } },
      { action: 'closure.created', entity_id: north.id, details: { date: '2026-12-24', siteId: site(org), sessionsCancelled: 0 } },
    ]);
  });

  it('lists by date range, both ends included; with a site, its own and the whole-organization closures', async () => {
    const { org, as } = await orgAs();
    const newYear = await close(as, { date: '2027-01-01', reason: "New Year's Day" });
    const north = await close(as, { siteId: site(org), date: '2026-12-31', reason: 'Inventory' });
    const south = await close(as, { siteId: site(org, 1), date: '2026-12-31', reason: 'Flooding' });
    await close(as, { date: '2027-01-02', reason: 'Outside the range' });
    const other = await createTestOrg(t.deps);
    await t.db
      .insertInto('closures')
      .values({ organization_id: other.organizationId, site_id: null, closed_on: '2027-01-01', reason: 'Other org' })
      .execute();

    const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
    const all = await call(t, clinician, 'GET', '/api/v1/closures?from=2026-12-31&to=2027-01-01');
    expect(all.statusCode).toBe(200);
    const listed: { id: string; date: string }[] = all.json().closures;
    expect(listed.map((c) => c.id).sort()).toEqual([north.id, south.id, newYear.id].sort());
    expect(listed.map((c) => c.date)).toEqual(['2026-12-31', '2026-12-31', '2027-01-01']);
    const forNorth = await call(t, clinician, 'GET', `/api/v1/closures?from=2026-12-31&to=2027-01-01&siteId=${site(org)}`);
    expect(forNorth.json().closures).toEqual([north, newYear]);
  });

  it.each([
    ['no range', '', 'from'],
    ['no end', '?from=2026-01-01', 'to'],
    ['an end before the start', '?from=2026-02-01&to=2026-01-31', 'to'],
    ['a range over two years', '?from=2026-01-01&to=2028-01-02', 'to'],
    ['a date that does not exist', '?from=2026-02-30&to=2026-03-01', 'from'],
    ['a site that is not a uuid', '?from=2026-01-01&to=2026-01-02&siteId=north', 'siteId'],
  ])('refuses a listing with %s (400 naming the field)', async (_label, query, path) => {
    const { as } = await orgAs('front_desk');
    const response = await call(t, as, 'GET', `/api/v1/closures${query}`);
    expect(response.statusCode).toBe(400);
    expect(fieldOf(response)).toBe(path);
  });

  it('refuses a listing for a site of another organization', async () => {
    const { as } = await orgAs();
    const other = await createTestOrg(t.deps);
    const response = await call(t, as, 'GET', `/api/v1/closures?from=2026-01-01&to=2026-12-31&siteId=${site(other)}`);
    expect(response.statusCode).toBe(400);
    expect(fieldOf(response)).toBe('siteId');
  });

  it.each([
    [
      'the whole organization twice',
      [{ date: '2026-07-03', reason: 'Independence Day (observed)' }],
      { date: '2026-07-03', reason: 'Again' },
    ],
    ['a site twice', [{ site: 0, date: '2026-07-03', reason: 'Power cut' }], { site: 0, date: '2026-07-03', reason: 'Again' }],
    [
      'a site already closed with the whole organization',
      [{ date: '2026-07-03', reason: 'Holiday' }],
      { site: 1, date: '2026-07-03', reason: 'Again' },
    ],
  ])('answers 409 naming date for closing %s on one day, keeping one closure', async (_label, first, second) => {
    const { org, as } = await orgAs();
    const asBody = (input: { site?: number; date: string; reason: string }) => ({
      date: input.date,
      reason: input.reason,
      ...(input.site === undefined ? {} : { siteId: site(org, input.site) }),
    });
    for (const input of first) await close(as, asBody(input));
    const before = await rows(org);
    const response = await call(t, as, 'POST', '/api/v1/closures', asBody(second));
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('DUPLICATE');
    expect(fieldOf(response)).toBe('date');
    expect(await rows(org)).toEqual(before);
    expect(await auditActions(t.db, org.organizationId)).toEqual(first.map(() => 'closure.created'));
  });

  it('gives one closure and one 409 when the same closure is sent twice at once', async () => {
    const { org, as } = await orgAs();
    const results = await Promise.all(
      [1, 2].map(() => call(t, as, 'POST', '/api/v1/closures', { siteId: site(org), date: '2026-11-26', reason: 'Thanksgiving' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await rows(org)).toHaveLength(1);
  });

  it('allows a whole-organization closure on a day one site is already closed', async () => {
    const { org, as } = await orgAs();
    await close(as, { siteId: site(org), date: '2026-05-25', reason: 'Repairs' });
    await close(as, { date: '2026-05-25', reason: 'Memorial Day' });
    expect(await rows(org)).toHaveLength(2);
  });

  it.each([
    ['a date that does not exist', { date: '2026-02-29', reason: 'Leap' }, 'date'],
    ['a date with a time', { date: '2026-03-01T00:00:00Z', reason: 'Timed' }, 'date'],
    ['an empty reason', { date: '2026-03-02', reason: '   ' }, 'reason'],
    ['a reason over 200 characters', { date: '2026-03-02', reason: 'x'.repeat(201) }, 'reason'],
    ['an unknown site', { siteId: randomUUID(), date: '2026-03-02', reason: 'Nowhere' }, 'siteId'],
  ])('refuses %s with a 400 naming the field and saves nothing', async (_label, body, path) => {
    const { org, as } = await orgAs();
    const response = await call(t, as, 'POST', '/api/v1/closures', body);
    expect(response.statusCode).toBe(400);
    expect(fieldOf(response)).toBe(path);
    expect(await rows(org)).toEqual([]);
    expect(await auditActions(t.db, org.organizationId)).toEqual([]);
  });

  it("refuses another organization's site (400 siteId) and saves nothing in either", async () => {
    const { org, as } = await orgAs();
    const other = await createTestOrg(t.deps);
    const response = await call(t, as, 'POST', '/api/v1/closures', { siteId: site(other), date: '2026-03-02', reason: 'Planted' });
    expect(response.statusCode).toBe(400);
    expect(fieldOf(response)).toBe('siteId');
    expect(await rows(org)).toEqual([]);
    expect(await rows(other)).toEqual([]);
  });

  it('deletes a closure (204), audited; a second delete is a 404', async () => {
    const { org, as } = await orgAs('admin');
    const closure = await close(as, { date: '2026-09-07', reason: 'Labor Day' });
    const response = await call(t, as, 'DELETE', `/api/v1/closures/${closure.id}`);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(await rows(org)).toEqual([]);
    expect(await auditActions(t.db, org.organizationId)).toEqual(['closure.created', 'closure.deleted']);
    expect((await call(t, as, 'DELETE', `/api/v1/closures/${closure.id}`)).statusCode).toBe(404);
  });

  it("answers 404 for deleting another organization's closure and keeps it", async () => {
    const { as } = await orgAs();
    const other = await createTestOrg(t.deps);
    const row = await t.db
      .insertInto('closures')
      .values({ organization_id: other.organizationId, site_id: null, closed_on: '2026-09-07', reason: 'Labor Day' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await call(t, as, 'DELETE', `/api/v1/closures/${row.id}`)).statusCode).toBe(404);
    expect(await rows(other)).toHaveLength(1);
  });

  it.each<Role>(['clinician', 'psychiatrist', 'admissions', 'front_desk', 'billing', 'auditor'])(
    'refuses a %s creating or deleting closures (403)',
    async (role) => {
      const { org, as } = await orgAs(role);
      const row = await t.db
        .insertInto('closures')
        .values({ organization_id: org.organizationId, site_id: null, closed_on: '2026-10-12', reason: 'Holiday' })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect((await call(t, as, 'POST', '/api/v1/closures', { date: '2026-10-13', reason: 'Mine' })).statusCode).toBe(403);
      expect((await call(t, as, 'DELETE', `/api/v1/closures/${row.id}`)).statusCode).toBe(403);
      expect(await rows(org)).toHaveLength(1);
    },
  );

  it('keeps closures from the auditor (403)', async () => {
    const { as } = await orgAs('auditor');
    expect((await call(t, as, 'GET', '/api/v1/closures?from=2026-01-01&to=2026-12-31')).statusCode).toBe(403);
  });
});

describe('closuresBetween (for session generation)', () => {
  it('gives closures in the shape generateSessions takes, which cancels the closed day only at that site', async () => {
    const { org, as } = await orgAs();
    await close(as, { siteId: site(org), date: '2026-11-26', reason: 'Thanksgiving' });
    await close(as, { siteId: site(org, 1), date: '2026-11-25', reason: 'South only' });
    const closures = await closuresBetween(t.db, org.organizationId, { from: '2026-11-23', to: '2026-11-29' }, site(org));
    expect(closures).toEqual([{ date: '2026-11-26', reason: 'Thanksgiving', siteId: site(org) }]);
    const template = {
      id: 'tpl',
      siteId: site(org),
      timeZone: 'America/Chicago',
      daysOfWeek: [3, 4] as const,
      startTime: '09:00',
      durationMinutes: 180,
      startsOn: '2026-11-02',
      endsOn: null,
      facilitatorId: null,
    };
    const sessions = generateSessions(
      template,
      { from: '2026-11-23', to: '2026-11-29' },
      await closuresBetween(t.db, org.organizationId, { from: '2026-11-23', to: '2026-11-29' }),
    );
    expect(sessions.map((s) => [s.localDate, s.status])).toEqual([
      ['2026-11-25', 'scheduled'],
      ['2026-11-26', 'cancelled'],
    ]);
  });
});

describe('closures and the generated schedule', () => {
  it("cancels the day's group sessions when a closure is created and schedules them again when it is removed", async () => {
    const { org, as } = await orgAs('director');
    const programId = await createProgram(t.db, org);
    const templateId = await createTemplate(t.db, org, {
      programId,
      roomId: null,
      daysOfWeek: [1, 2, 3, 4, 5],
      startsOn: '2026-11-02',
      startTime: '09:00',
      durationMinutes: 90,
    });
    const generate = await call(t, as, 'POST', '/api/v1/schedules/generate', { from: '2026-12-07', to: '2026-12-11', templateId });
    expect(generate.statusCode).toBe(200);
    const statusOn = async (date: string) =>
      await t.db
        .selectFrom('sessions_of_care')
        .select(['status', 'cancelled_by'])
        .where('template_id', '=', templateId)
        .where('occurrence_date', '=', date)
        .executeTakeFirstOrThrow();
    expect(await statusOn('2026-12-08')).toEqual({ status: 'scheduled', cancelled_by: null });

    const closure = await close(as, { siteId: null, date: '2026-12-08', reason: 'Snow day' });
    expect(await statusOn('2026-12-08')).toEqual({ status: 'cancelled', cancelled_by: 'closure' });
    expect(await statusOn('2026-12-09')).toEqual({ status: 'scheduled', cancelled_by: null });

    expect((await call(t, as, 'DELETE', `/api/v1/closures/${closure.id}`)).statusCode).toBe(204);
    expect(await statusOn('2026-12-08')).toEqual({ status: 'scheduled', cancelled_by: null });
  });
});
