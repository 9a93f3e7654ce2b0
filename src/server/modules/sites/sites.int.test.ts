import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram, createRoom, createSession, createTemplate } from '../../../../test/factories.js';
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

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function orgAs(role: Role = 'admin'): Promise<{ org: TestOrg; as: TestSession }> {
  const org = await createTestOrg(t.deps);
  return { org, as: await sessionFor(t, org.users[role], org.organizationId) };
}

function site(org: TestOrg, index = 0): string {
  const id = org.siteIds[index];
  if (!id) throw new Error('no such test site');
  return id;
}

async function siteRows(org: TestOrg) {
  return t.db.selectFrom('sites').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute();
}

async function roomRows(org: TestOrg) {
  return t.db.selectFrom('rooms').selectAll().where('organization_id', '=', org.organizationId).orderBy('id').execute();
}

async function lastAudit(org: TestOrg, action: string) {
  return t.db
    .selectFrom('audit_events')
    .selectAll()
    .where('organization_id', '=', org.organizationId)
    .where('action', '=', action)
    .orderBy('chain_seq', 'desc')
    .executeTakeFirstOrThrow();
}

function fieldOf(response: { json: () => { error: { details: { path: string }[] } } }): string | undefined {
  return response.json().error.details[0]?.path;
}

describe('sites', () => {
  it('lets a director create a site with an address and an IANA zone, audited', async () => {
    const { org, as } = await orgAs('director');
    const response = await call(t, as, 'POST', '/api/v1/sites', {
      name: 'Harbor East',
      address: '1 Pier Way, Portland, OR',
      timeZone: 'America/Los_Angeles',
    });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toEqual({
      id: expect.any(String),
      name: 'Harbor East',
      address: '1 Pier Way, Portland, OR',
      timeZone: 'America/Los_Angeles',
    });
    expect((await call(t, as, 'GET', `/api/v1/sites/${created.id}`)).json()).toEqual(created);
    expect((await call(t, as, 'GET', '/api/v1/sites')).json().sites).toContainEqual(created);
    expect(await lastAudit(org, 'site.created')).toMatchObject({
      user_id: org.users.director.id,
      entity_type: 'site',
      entity_id: created.id,
    });
  });

  it('refuses an unknown time zone with a 400 naming timeZone and saves nothing', async () => {
    const { org, as } = await orgAs();
    const before = await siteRows(org);
    const response = await call(t, as, 'POST', '/api/v1/sites', { name: 'Nowhere', timeZone: 'America/Atlantis' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(fieldOf(response)).toBe('timeZone');
    expect(await siteRows(org)).toEqual(before);
    expect(await auditActions(t.db, org.organizationId)).toEqual([]);
  });

  it.each([
    ['an empty name', { name: '  ', timeZone: 'UTC' }, 'name'],
    ['no time zone', { name: 'Somewhere' }, 'timeZone'],
    ['an unknown field', { name: 'Somewhere', timeZone: 'UTC', capacity: 3 }, 'capacity'],
  ])('refuses %s with a 400 naming the field', async (_label, body, path) => {
    const { org, as } = await orgAs();
    const response = await call(t, as, 'POST', '/api/v1/sites', body);
    expect(response.statusCode).toBe(400);
    expect(fieldOf(response)).toBe(path);
    expect(await siteRows(org)).toHaveLength(2);
  });

  it.each<Role>(['clinician', 'front_desk', 'admissions', 'billing', 'psychiatrist', 'auditor'])(
    'refuses a %s creating or changing a site (403) and saves nothing',
    async (role) => {
      const { org, as } = await orgAs(role);
      const before = await siteRows(org);
      expect((await call(t, as, 'POST', '/api/v1/sites', { name: 'Sneaky', timeZone: 'UTC' })).statusCode).toBe(403);
      expect((await call(t, as, 'PATCH', `/api/v1/sites/${site(org)}`, { name: 'Sneaky' })).statusCode).toBe(403);
      expect(await siteRows(org)).toEqual(before);
    },
  );

  it('lets any signed-in user read one site, and answers 404 for an unknown or foreign one', async () => {
    const { org, as } = await orgAs('auditor');
    const other = await createTestOrg(t.deps);
    expect((await call(t, as, 'GET', `/api/v1/sites/${site(org)}`)).json()).toMatchObject({
      id: site(org),
      timeZone: 'America/Chicago',
      address: '',
    });
    expect((await call(t, as, 'GET', `/api/v1/sites/${randomUUID()}`)).statusCode).toBe(404);
    expect((await call(t, as, 'GET', `/api/v1/sites/${site(other)}`)).statusCode).toBe(404);
  });

  it('updates the name, address and zone, auditing the changed field names', async () => {
    const { org, as } = await orgAs();
    const response = await call(t, as, 'PATCH', `/api/v1/sites/${site(org)}`, {
      name: 'North Campus',
      address: '9 Elm St',
      timeZone: 'America/Chicago',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id: site(org), name: 'North Campus', address: '9 Elm St', timeZone: 'America/Chicago' });
    expect((await lastAudit(org, 'site.updated')).details).toEqual({ fields: ['name', 'address'] });
    const moved = await call(t, as, 'PATCH', `/api/v1/sites/${site(org)}`, { timeZone: 'America/New_York' });
    expect(moved.json().timeZone).toBe('America/New_York');
  });

  it('writes nothing and audits nothing for an update that changes nothing', async () => {
    const { org, as } = await orgAs();
    const [before] = await siteRows(org);
    const response = await call(t, as, 'PATCH', `/api/v1/sites/${site(org)}`, { timeZone: 'America/Chicago' });
    expect(response.statusCode).toBe(200);
    expect((await siteRows(org))[0]).toEqual(before);
    expect(await auditActions(t.db, org.organizationId)).toEqual([]);
  });

  it('refuses an unknown zone on update and keeps the other changes of the request unsaved', async () => {
    const { org, as } = await orgAs();
    const before = await siteRows(org);
    const response = await call(t, as, 'PATCH', `/api/v1/sites/${site(org)}`, { name: 'Renamed', timeZone: 'Mars/Olympus_Mons' });
    expect(response.statusCode).toBe(400);
    expect(fieldOf(response)).toBe('timeZone');
    expect(await siteRows(org)).toEqual(before);
  });

  it('refuses to change the zone of a site where sessions are already placed (422), changing nothing', async () => {
    const { org, as } = await orgAs();
    await createSession(t.db, org, { siteId: site(org), startsAt: '2026-11-02T15:00:00Z', localDate: '2026-11-02' });
    const before = await siteRows(org);
    const response = await call(t, as, 'PATCH', `/api/v1/sites/${site(org)}`, { name: 'Renamed', timeZone: 'America/New_York' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('RULE_VIOLATION');
    expect(fieldOf(response)).toBe('timeZone');
    expect(await siteRows(org)).toEqual(before);
    // The same request without the zone goes through.
    expect((await call(t, as, 'PATCH', `/api/v1/sites/${site(org)}`, { name: 'Renamed' })).statusCode).toBe(200);
  });

  it('answers 404 for a site of another organization and changes nothing there', async () => {
    const { as } = await orgAs();
    const other = await createTestOrg(t.deps);
    const before = await siteRows(other);
    expect((await call(t, as, 'PATCH', `/api/v1/sites/${site(other)}`, { name: 'Taken over' })).statusCode).toBe(404);
    expect(await siteRows(other)).toEqual(before);
  });
});

describe('rooms', () => {
  it('creates rooms with a capacity and lists the active ones of a site by name', async () => {
    const { org, as } = await orgAs('director');
    const b = await call(t, as, 'POST', `/api/v1/sites/${site(org)}/rooms`, { name: 'Room B', capacity: 8 });
    const a = await call(t, as, 'POST', `/api/v1/sites/${site(org)}/rooms`, { name: 'Room A', capacity: 12 });
    expect(b.statusCode).toBe(201);
    expect(a.json()).toEqual({ id: expect.any(String), siteId: site(org), name: 'Room A', capacity: 12, active: true });
    const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
    const listed = await call(t, clinician, 'GET', `/api/v1/sites/${site(org)}/rooms`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().rooms.map((room: { name: string }) => room.name)).toEqual(['Room A', 'Room B']);
    expect((await call(t, as, 'GET', `/api/v1/sites/${site(org, 1)}/rooms`)).json().rooms).toEqual([]);
    expect(await auditActions(t.db, org.organizationId)).toEqual(['room.created', 'room.created']);
  });

  it.each([
    [0, 'capacity'],
    [-3, 'capacity'],
    [2.5, 'capacity'],
    ['12', 'capacity'],
  ])('refuses a capacity of %j with a 400 naming capacity and saves nothing', async (capacity, path) => {
    const { org, as } = await orgAs();
    const response = await call(t, as, 'POST', `/api/v1/sites/${site(org)}/rooms`, { name: 'Tiny', capacity });
    expect(response.statusCode).toBe(400);
    expect(fieldOf(response)).toBe(path);
    expect(await roomRows(org)).toEqual([]);
    expect(await auditActions(t.db, org.organizationId)).toEqual([]);
  });

  it('refuses a second room of the same name at a site (409 naming name) but allows it at another site', async () => {
    const { org, as } = await orgAs();
    expect((await call(t, as, 'POST', `/api/v1/sites/${site(org)}/rooms`, { name: 'Group Room', capacity: 10 })).statusCode).toBe(201);
    const again = await call(t, as, 'POST', `/api/v1/sites/${site(org)}/rooms`, { name: 'Group Room', capacity: 4 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE');
    expect(fieldOf(again)).toBe('name');
    expect(await roomRows(org)).toHaveLength(1);
    expect(await auditActions(t.db, org.organizationId)).toEqual(['room.created']);
    expect((await call(t, as, 'POST', `/api/v1/sites/${site(org, 1)}/rooms`, { name: 'Group Room', capacity: 4 })).statusCode).toBe(201);
  });

  it('answers 404 for rooms of an unknown or foreign site and creates nothing there', async () => {
    const { as } = await orgAs();
    const other = await createTestOrg(t.deps);
    expect((await call(t, as, 'GET', `/api/v1/sites/${site(other)}/rooms`)).statusCode).toBe(404);
    expect((await call(t, as, 'POST', `/api/v1/sites/${site(other)}/rooms`, { name: 'Planted', capacity: 3 })).statusCode).toBe(404);
    expect((await call(t, as, 'POST', `/api/v1/sites/${randomUUID()}/rooms`, { name: 'Planted', capacity: 3 })).statusCode).toBe(404);
    expect(await roomRows(other)).toEqual([]);
  });

  it('updates name and capacity, audits the field names, and refuses capacity 0 or a taken name without change', async () => {
    const { org, as } = await orgAs();
    await createRoom(t.db, org, { name: 'Taken', capacity: 5 });
    const roomId = await createRoom(t.db, org, { name: 'Studio', capacity: 6 });
    const updated = await call(t, as, 'PATCH', `/api/v1/rooms/${roomId}`, { name: 'Studio 2', capacity: 9 });
    expect(updated.json()).toEqual({ id: roomId, siteId: site(org), name: 'Studio 2', capacity: 9, active: true });
    expect((await lastAudit(org, 'room.updated')).details).toEqual({ fields: ['name', 'capacity'] });
    const before = await roomRows(org);

    const zero = await call(t, as, 'PATCH', `/api/v1/rooms/${roomId}`, { name: 'Studio 3', capacity: 0 });
    expect(zero.statusCode).toBe(400);
    expect(fieldOf(zero)).toBe('capacity');
    const taken = await call(t, as, 'PATCH', `/api/v1/rooms/${roomId}`, { name: 'Taken', capacity: 7 });
    expect(taken.statusCode).toBe(409);
    expect(fieldOf(taken)).toBe('name');
    expect(await roomRows(org)).toEqual(before);
  });

  it('deactivates a free room (hidden from the default list) and reactivates it', async () => {
    const { org, as } = await orgAs('director');
    const roomId = await createRoom(t.db, org, { name: 'Quiet Room' });
    const off = await call(t, as, 'POST', `/api/v1/rooms/${roomId}/deactivate`);
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await call(t, as, 'GET', `/api/v1/sites/${site(org)}/rooms`)).json().rooms).toEqual([]);
    expect((await call(t, as, 'GET', `/api/v1/sites/${site(org)}/rooms?includeInactive=true`)).json().rooms).toEqual([off.json()]);
    expect((await call(t, as, 'POST', `/api/v1/rooms/${roomId}/reactivate`)).json().active).toBe(true);
    expect(await auditActions(t.db, org.organizationId)).toEqual(['room.deactivated', 'room.reactivated']);
  });

  it.each([
    [
      'an active group series',
      async (org: TestOrg, roomId: string) => void (await createTemplate(t.db, org, { programId: await createProgram(t.db, org), roomId })),
    ],
    [
      'an upcoming session',
      async (org: TestOrg, roomId: string) =>
        void (await createSession(t.db, org, {
          roomId,
          startsAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
          localDate: '2026-11-03',
        })),
    ],
  ])('refuses to deactivate a room still booked by %s (422) and keeps it active', async (_label, book) => {
    const { org, as } = await orgAs();
    const roomId = await createRoom(t.db, org);
    await book(org, roomId);
    const response = await call(t, as, 'POST', `/api/v1/rooms/${roomId}/deactivate`);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('RULE_VIOLATION');
    expect((await roomRows(org))[0]?.active).toBe(true);
    expect(await auditActions(t.db, org.organizationId)).toEqual([]);
  });

  it('lets a room whose sessions are all over be deactivated', async () => {
    const { org, as } = await orgAs();
    const roomId = await createRoom(t.db, org);
    await createSession(t.db, org, {
      roomId,
      startsAt: new Date(t.clock.now().getTime() - 5 * 3_600_000).toISOString(),
      minutes: 60,
      localDate: '2026-11-02',
    });
    expect((await call(t, as, 'POST', `/api/v1/rooms/${roomId}/deactivate`)).statusCode).toBe(200);
  });

  it.each<Role>(['clinician', 'front_desk', 'admissions'])('refuses a %s changing rooms (403) and saves nothing', async (role) => {
    const { org, as } = await orgAs(role);
    const roomId = await createRoom(t.db, org, { capacity: 6 });
    const before = await roomRows(org);
    expect((await call(t, as, 'POST', `/api/v1/sites/${site(org)}/rooms`, { name: 'Mine', capacity: 3 })).statusCode).toBe(403);
    expect((await call(t, as, 'PATCH', `/api/v1/rooms/${roomId}`, { capacity: 60 })).statusCode).toBe(403);
    expect((await call(t, as, 'POST', `/api/v1/rooms/${roomId}/deactivate`)).statusCode).toBe(403);
    expect(await roomRows(org)).toEqual(before);
  });

  it('keeps room lists from the auditor (403)', async () => {
    const { org, as } = await orgAs('auditor');
    expect((await call(t, as, 'GET', `/api/v1/sites/${site(org)}/rooms`)).statusCode).toBe(403);
  });
});
