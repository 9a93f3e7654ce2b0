import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestApp, type TestOrg } from '../../../../test/support.js';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;

type History = { org: TestOrg; days: string[]; patientId: string };

/**
 * A known history in a new organization, four UTC days long, written through the real audit writer
 * at chosen times. The clock only moves forward, so each call starts on a later day than the last.
 */
async function history(): Promise<History> {
  const org = await createTestOrg(t.deps);
  const day0 = Math.ceil(t.clock.now().getTime() / DAY) * DAY + DAY;
  const days = [0, 1, 2, 3].map((n) => new Date(day0 + n * DAY).toISOString().slice(0, 10));
  const patientId = randomUUID();
  const entries: [number, Role, string, string | null][] = [
    [day0 + 9 * 3600_000, 'admin', 'user.created', null],
    [day0 + 10 * 3600_000, 'clinician', 'auth.login', null],
    [day0 + DAY + 9 * 3600_000, 'admin', 'user.updated', null],
    [day0 + 2 * DAY - 1000, 'clinician', 'auth.logout', patientId], // day 1, 23:59:59
    [day0 + 2 * DAY, 'billing', 'auth.login', null], // day 2, 00:00:00
    [day0 + 3 * DAY + 12 * 3600_000, 'admin', 'user.roles_changed', null],
  ];
  for (const [at, role, action, patient] of entries) {
    t.clock.current = new Date(at);
    await t.db.transaction().execute((trx) =>
      t.deps.audit(trx, {
        organizationId: org.organizationId,
        userId: org.users[role].id,
        action,
        patientId: patient,
        outcome: 'success',
        clientIp: '10.40.0.1',
        requestId: randomUUID(),
      }),
    );
  }
  t.clock.advance(3600_000);
  return { org, days, patientId };
}

async function search(h: History, query: string, role: Role = 'auditor') {
  const session = await sessionFor(t, h.org.users[role], h.org.organizationId);
  return call(t, session, 'GET', `/api/v1/audit/events${query}`);
}

function actions(response: { json: () => { events: { action: string }[] } }): string[] {
  return response.json().events.map((e) => e.action);
}

describe('searching the audit trail', () => {
  it('lists the first three days newest first by default, with the total', async () => {
    const h = await history();
    const response = await search(h, `?to=${h.days[2]}`);
    expect(response.statusCode).toBe(200);
    expect(actions(response)).toEqual(['auth.login', 'auth.logout', 'user.updated', 'auth.login', 'user.created']);
    expect(response.json().total).toBe(5);
    expect(response.json().events[0]).toMatchObject({
      userId: h.org.users.billing.id,
      userEmail: h.org.users.billing.email,
      organizationId: h.org.organizationId,
      outcome: 'success',
      clientIp: '10.40.0.1',
    });
  });

  it('sorts oldest first when asked', async () => {
    const h = await history();
    const response = await search(h, `?to=${h.days[2]}&sort=occurredAt`);
    expect(actions(response)).toEqual(['user.created', 'auth.login', 'user.updated', 'auth.logout', 'auth.login']);
  });

  it.each([
    ['clinician', (h: History) => `?userId=${h.org.users.clinician.id}`, ['auth.logout', 'auth.login']],
    ['a user with no events', (h: History) => `?userId=${h.org.users.front_desk.id}`, []],
    ['a patient', (h: History) => `?patientId=${h.patientId}`, ['auth.logout']],
  ])('filters by %s', async (_label, query, expected) => {
    const h = await history();
    const response = await search(h, query(h));
    expect(actions(response)).toEqual(expected);
    expect(response.json().total).toBe(expected.length);
  });

  it.each([
    ['auth.', ['auth.login', 'auth.logout', 'auth.login']],
    ['user.', ['user.roles_changed', 'user.updated', 'user.created']],
    ['auth.login', ['auth.login', 'auth.login']],
    ['auth_login', []], // '_' is a literal, not a LIKE wildcard
    ['%', []],
    ['Auth.', []],
  ])('filters by action prefix %j', async (prefix, expected) => {
    const h = await history();
    const response = await search(h, `?action=${encodeURIComponent(prefix)}`);
    expect(actions(response)).toEqual(expected);
  });

  it.each([
    ['a bare date as from and to: that whole day', (d: string[]) => `?from=${d[1]}&to=${d[1]}`, ['auth.logout', 'user.updated']],
    ['a bare date as to only: up to the end of that day', (d: string[]) => `?to=${d[0]}`, ['auth.login', 'user.created']],
    ['a date-time as from: inclusive', (d: string[]) => `?from=${d[1]}T23:59:59Z&to=${d[2]}`, ['auth.login', 'auth.logout']],
    ['a date-time as to: exclusive', (d: string[]) => `?from=${d[1]}T12:00:00Z&to=${d[2]}T00:00:00Z`, ['auth.logout']],
    ['a date-time with an offset', (d: string[]) => `?from=${d[0]}T11:30:00%2B02:00&to=${d[0]}T23:00:00Z`, ['auth.login']],
  ])('filters by %s', async (_label, query, expected) => {
    const h = await history();
    expect(actions(await search(h, query(h.days)))).toEqual(expected);
  });

  it('pages with limit and offset, and total counts every match', async () => {
    const h = await history();
    const page = await search(h, `?to=${h.days[2]}&sort=occurredAt&limit=2&offset=1`);
    expect(actions(page)).toEqual(['auth.login', 'user.updated']);
    expect(page.json().total).toBe(5);
    const beyond = await search(h, `?to=${h.days[2]}&offset=10`);
    expect(beyond.json()).toEqual({ events: [], total: 5 });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['offset=-1', 'offset'],
    ['sort=occurred_at', 'sort'],
    ['from=yesterday', 'from'],
    ['userId=not-a-uuid', 'userId'],
    ['colour=blue', 'colour'],
  ])('refuses %s with a 400 naming the parameter', async (query, name) => {
    const h = await history();
    const response = await search(h, `?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(name);
  });

  it('records each viewing, with who looked and how many events they saw', async () => {
    const h = await history();
    const response = await search(h, `?patientId=${h.patientId}`);
    expect(response.json().total).toBe(1);
    const viewed = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', h.org.organizationId)
      .orderBy('chain_seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(viewed).toMatchObject({
      action: 'audit.viewed',
      user_id: h.org.users.auditor.id,
      entity_type: 'audit_trail',
      patient_id: h.patientId,
      details: { results: 1 },
    });
    expect(viewed.request_id).toBeTruthy();
    // The next search shows the earlier viewing.
    expect(actions(await search(h, '?action=audit.'))).toEqual(['audit.viewed']);
  });
});

describe('who may read the audit trail', () => {
  it.each<[Role, number]>([
    ['auditor', 200],
    ['admin', 200],
    ['clinician', 403],
    ['director', 403],
  ])('%s → %i', async (role, status) => {
    const h = await history();
    const response = await search(h, '', role);
    expect(response.statusCode).toBe(status);
    if (status === 403) expect(response.json()).not.toHaveProperty('events');
  });
});

describe('CSV export', () => {
  it('downloads a header row and one line per event, with the filters applied', async () => {
    const h = await history();
    const session = await sessionFor(t, h.org.users.admin, h.org.organizationId);
    const response = await call(t, session, 'GET', `/api/v1/audit/events.csv?to=${h.days[2]}&sort=occurredAt`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="audit-trail-${t.clock.now().toISOString().slice(0, 10)}.csv"`,
    );
    expect(response.headers['cache-control']).toBe('no-store');

    const lines = response.body.trimEnd().split('\n');
    expect(lines[0]).toBe('id,occurredAt,userId,userEmail,organizationId,action,entityType,entityId,patientId,outcome,clientIp,requestId');
    expect(lines).toHaveLength(6);
    expect(lines.slice(1).map((line) => line.split(',')[5])).toEqual([
      'user.created',
      'auth.login',
      'user.updated',
      'auth.logout',
      'auth.login',
    ]);
    expect(lines[2]).toContain(h.org.users.clinician.email);
  });

  it('is itself audited', async () => {
    const h = await history();
    const session = await sessionFor(t, h.org.users.auditor, h.org.organizationId);
    await call(t, session, 'GET', `/api/v1/audit/events.csv?userId=${h.org.users.clinician.id}`);
    const trail = await auditActions(t.db, h.org.organizationId);
    expect(trail.at(-1)).toBe('audit.exported');
    const exported = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', h.org.organizationId)
      .where('action', '=', 'audit.exported')
      .executeTakeFirstOrThrow();
    expect(exported).toMatchObject({ user_id: h.org.users.auditor.id, outcome: 'success', details: { rows: 2 } });
  });

  it('is refused to a clinician and writes nothing', async () => {
    const h = await history();
    const before = await auditActions(t.db, h.org.organizationId);
    const response = await call(t, await sessionFor(t, h.org.users.clinician, h.org.organizationId), 'GET', '/api/v1/audit/events.csv');
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('user.created');
    expect(await auditActions(t.db, h.org.organizationId)).toEqual(before);
  });
});
