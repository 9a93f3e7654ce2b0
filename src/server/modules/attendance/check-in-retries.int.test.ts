import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AFTER_GROUP, at, groupWithPatients } from '../../../../test/attendance-fixtures.js';
import { admit, createPatient, createSession } from '../../../../test/factories.js';
import { call, createTestOrg, sessionFor, testApp, type TestApp, type TestOrg } from '../../../../test/support.js';

// Retries, two devices at once, and the closed day. Parallel requests go through the real
// connection pool (4 connections), so they really overlap inside PostgreSQL.

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
  t.clock.current = AFTER_GROUP;
});
afterAll(() => t.close());

async function setup(patients = 3) {
  const org = await createTestOrg(t.deps);
  const group = await groupWithPatients(t.db, org, { patients });
  const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
  return { org, group, clinician, url: `/api/v1/sessions/${group.sessionId}/attendance` };
}

async function attendanceRows(sessionId: string) {
  return t.db.selectFrom('attendance').selectAll().where('session_id', '=', sessionId).orderBy('patient_id').execute();
}

async function countAudit(org: TestOrg, prefix: string): Promise<number> {
  const rows = await t.db
    .selectFrom('audit_events')
    .select('action')
    .where('organization_id', '=', org.organizationId)
    .where('action', 'like', `${prefix}%`)
    .execute();
  return rows.length;
}

function allPresent(patientIds: readonly string[]) {
  return { attendance: patientIds.map((patientId) => ({ patientId, status: 'present', mode: 'in_person' })) };
}

describe('Idempotency-Key', () => {
  it('answers a retry with the stored response and records once', async () => {
    const { org, group, clinician, url } = await setup();
    const key = randomUUID();
    const first = await call(t, clinician, 'PUT', url, allPresent(group.patientIds), { 'idempotency-key': key });
    const retry = await call(t, clinician, 'PUT', url, allPresent(group.patientIds), { 'idempotency-key': key });
    expect(first.statusCode).toBe(200);
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.json()).toEqual(first.json());
    expect(await attendanceRows(group.sessionId)).toHaveLength(3);
    expect(await countAudit(org, 'attendance.')).toBe(3);
    const stored = await t.db.selectFrom('idempotency_keys').selectAll().where('organization_id', '=', org.organizationId).execute();
    expect(stored).toEqual([expect.objectContaining({ key, status_code: 200, response: first.json() })]);
  });

  it('replays even after the data changed since, so the retry sees what the first request did', async () => {
    const { group, clinician, url } = await setup(1);
    const key = randomUUID();
    const first = await call(t, clinician, 'PUT', url, allPresent(group.patientIds), { 'idempotency-key': key });
    await call(t, clinician, 'PUT', url, {
      attendance: [{ patientId: group.patientIds[0], status: 'left_early', minutes: 30, version: 1 }],
    });
    const retry = await call(t, clinician, 'PUT', url, allPresent(group.patientIds), { 'idempotency-key': key });
    expect(retry.json()).toEqual(first.json());
    expect(await attendanceRows(group.sessionId)).toEqual([expect.objectContaining({ status: 'left_early', version: 2 })]);
  });

  it('refuses the same key with a different request (422) and changes nothing', async () => {
    const { group, clinician, url } = await setup();
    const key = randomUUID();
    await call(t, clinician, 'PUT', url, allPresent(group.patientIds.slice(0, 1)), { 'idempotency-key': key });
    const other = await call(t, clinician, 'PUT', url, allPresent(group.patientIds.slice(1)), { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.details[0].path).toBe('headers.idempotency-key');
    expect(await attendanceRows(group.sessionId)).toHaveLength(1);
  });

  it('refuses the same key from another user of the organization', async () => {
    const { org, group, clinician, url } = await setup(1);
    const key = randomUUID();
    await call(t, clinician, 'PUT', url, allPresent(group.patientIds), { 'idempotency-key': key });
    const frontDesk = await sessionFor(t, org.users.front_desk, org.organizationId);
    expect((await call(t, frontDesk, 'PUT', url, allPresent(group.patientIds), { 'idempotency-key': key })).statusCode).toBe(422);
  });

  it('keeps keys per organization: another organization may use the same key', async () => {
    const a = await setup(1);
    const b = await setup(1);
    const key = randomUUID();
    expect((await call(t, a.clinician, 'PUT', a.url, allPresent(a.group.patientIds), { 'idempotency-key': key })).statusCode).toBe(200);
    const response = await call(t, b.clinician, 'PUT', b.url, allPresent(b.group.patientIds), { 'idempotency-key': key });
    expect(response.statusCode).toBe(200);
    expect(response.headers['idempotent-replayed']).toBeUndefined();
    expect(await attendanceRows(b.group.sessionId)).toHaveLength(1);
  });

  it('does not store a refused request: the corrected retry with the same key runs', async () => {
    const { group, clinician, url } = await setup(1);
    const key = randomUUID();
    const bad = await call(
      t,
      clinician,
      'PUT',
      url,
      { attendance: [{ patientId: group.patientIds[0], status: 'late', minutes: 500 }] },
      { 'idempotency-key': key },
    );
    expect(bad.statusCode).toBe(400);
    const good = await call(t, clinician, 'PUT', url, allPresent(group.patientIds), { 'idempotency-key': key });
    expect(good.statusCode).toBe(200);
  });

  it.each([
    ['a key of 201 characters', 'k'.repeat(201)],
    ['a key with a space', 'two words'],
  ])('refuses %s with a 400', async (_label, key) => {
    const { group, clinician, url } = await setup(1);
    const response = await call(t, clinician, 'PUT', url, allPresent(group.patientIds), { 'idempotency-key': key });
    expect(response.statusCode).toBe(400);
    expect(await attendanceRows(group.sessionId)).toEqual([]);
  });

  it('gives concurrent identical requests one record and the same answer', async () => {
    const { org, group, clinician, url } = await setup();
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => call(t, clinician, 'PUT', url, allPresent(group.patientIds), { 'idempotency-key': key })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    const bodies = responses.map((r) => JSON.stringify(r.json()));
    expect(new Set(bodies).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
    expect(await attendanceRows(group.sessionId)).toHaveLength(3);
    expect(await countAudit(org, 'attendance.recorded')).toBe(3);
  });
});

describe('two devices marking the same patients at once', () => {
  it('give one row per patient when they agree', async () => {
    const { org, group, url } = await setup();
    const tablet = await sessionFor(t, org.users.front_desk, org.organizationId);
    const laptop = await sessionFor(t, org.users.clinician, org.organizationId);
    for (let round = 0; round < 3; round += 1) {
      const responses = await Promise.all([
        call(t, tablet, 'PUT', url, allPresent(group.patientIds)),
        call(t, laptop, 'PUT', url, allPresent([...group.patientIds].reverse())),
      ]);
      expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
    }
    const rows = await attendanceRows(group.sessionId);
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.version === 1)).toBe(true);
  });

  it('give one row and one 409 when they disagree, never a silent overwrite', async () => {
    const { org, group } = await setup(1);
    const patientId = at(group.patientIds, 0);
    const single = `/api/v1/sessions/${group.sessionId}/attendance/${patientId}`;
    const tablet = await sessionFor(t, org.users.front_desk, org.organizationId);
    const laptop = await sessionFor(t, org.users.clinician, org.organizationId);
    const [a, b] = await Promise.all([
      call(t, tablet, 'PUT', single, { status: 'present' }),
      call(t, laptop, 'PUT', single, { status: 'absent_excused' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const rows = await attendanceRows(group.sessionId);
    expect(rows).toHaveLength(1);
    const winner = a.statusCode === 200 ? a : b;
    expect(rows[0]?.status).toBe(winner.json().attendance.status);
  });
});

describe('closing the day', () => {
  async function closed() {
    const context = await setup(2);
    expect((await call(t, context.clinician, 'PUT', context.url, allPresent(context.group.patientIds))).statusCode).toBe(200);
    const close = await call(t, context.clinician, 'POST', `/api/v1/sessions/${context.group.sessionId}/close-day`);
    expect(close.statusCode).toBe(200);
    return { ...context, closedAt: close.json().dayClosedAt as string };
  }

  it('is refused while an expected patient has no attendance', async () => {
    const { group, clinician, url } = await setup(2);
    await call(t, clinician, 'PUT', url, allPresent(group.patientIds.slice(0, 1)));
    const response = await call(t, clinician, 'POST', `/api/v1/sessions/${group.sessionId}/close-day`);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toBe('1 expected patient has no attendance recorded yet');
  });

  it('closes once, answers a second close with the first time, and shows on the roster', async () => {
    const { org, group, clinician, closedAt } = await closed();
    expect(closedAt).toBe(AFTER_GROUP.toISOString());
    const again = await call(t, clinician, 'POST', `/api/v1/sessions/${group.sessionId}/close-day`);
    expect(again.json()).toEqual({ sessionId: group.sessionId, dayClosedAt: closedAt, alreadyClosed: true });
    const roster = (await call(t, clinician, 'GET', `/api/v1/sessions/${group.sessionId}/roster`)).json();
    expect(roster.session).toMatchObject({ dayClosed: true, dayClosedAt: closedAt });
    expect(await countAudit(org, 'attendance.day_closed')).toBe(1);
  });

  it('is refused for a session that has not started, and for a cancelled one', async () => {
    const org = await createTestOrg(t.deps);
    const clinician = await sessionFor(t, org.users.clinician, org.organizationId);
    const future = await createSession(t.db, org, { startsAt: '2026-11-05T15:00:00Z', localDate: '2026-11-05' });
    const cancelled = await createSession(t.db, org, { startsAt: '2026-11-03T15:00:00Z', localDate: '2026-11-03', status: 'cancelled' });
    expect((await call(t, clinician, 'POST', `/api/v1/sessions/${future}/close-day`)).statusCode).toBe(422);
    expect((await call(t, clinician, 'POST', `/api/v1/sessions/${cancelled}/close-day`)).statusCode).toBe(422);
  });

  it('refuses a change without a reason after the day is closed (422 naming reason) and keeps the row', async () => {
    const { group, clinician, url } = await closed();
    const response = await call(t, clinician, 'PUT', url, {
      attendance: [{ patientId: group.patientIds[0], status: 'left_early', minutes: 100, version: 1 }],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual([{ path: 'reason', message: 'is required after the day is closed' }]);
    expect((await attendanceRows(group.sessionId)).map((row) => row.status)).toEqual(['present', 'present']);
    expect(
      await t.db
        .selectFrom('attendance_corrections')
        .select('id')
        .where(
          'attendance_id',
          'in',
          (await attendanceRows(group.sessionId)).map((r) => r.id),
        )
        .execute(),
    ).toEqual([]);
  });

  it('records a correction with its reason, the values before and after, and its own audit action', async () => {
    const { org, group, clinician, url } = await closed();
    const patientId = at(group.patientIds, 0);
    const response = await call(t, clinician, 'PUT', url, {
      attendance: [{ patientId, status: 'left_early', minutes: 100, version: 1 }],
      reason: 'Left at 10:40 for a medical appointment',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      dayClosed: true,
      results: [{ outcome: 'updated', corrected: true, attendance: { version: 2, minutes: 100 } }],
    });
    const row = (await attendanceRows(group.sessionId)).find((r) => r.patient_id === patientId);
    const corrections = await t.db
      .selectFrom('attendance_corrections')
      .selectAll()
      .where('attendance_id', '=', row?.id ?? '')
      .execute();
    expect(corrections).toEqual([
      expect.objectContaining({
        reason: 'Left at 10:40 for a medical appointment',
        before: { status: 'present', minutes: 180, mode: 'in_person' },
        after: { status: 'left_early', minutes: 100, mode: 'in_person' },
        corrected_by: org.users.clinician.id,
      }),
    ]);
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', org.organizationId)
      .where('action', '=', 'attendance.corrected')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({ patient_id: patientId, details: expect.objectContaining({ correctionId: corrections[0]?.id }) }),
    ]);
    expect(JSON.stringify(audit)).not.toContain('medical appointment');
  });

  it('refuses front desk a correction even with a reason (403)', async () => {
    const { org, group, url } = await closed();
    const frontDesk = await sessionFor(t, org.users.front_desk, org.organizationId);
    const response = await call(t, frontDesk, 'PUT', url, {
      attendance: [{ patientId: group.patientIds[0], status: 'late', minutes: 100, version: 1 }],
      reason: 'Typo',
    });
    expect(response.statusCode).toBe(403);
  });

  it('lets the same values through after close without a reason (a late retry changes nothing)', async () => {
    const { group, clinician, url } = await closed();
    const response = await call(t, clinician, 'PUT', url, allPresent(group.patientIds));
    expect(response.statusCode).toBe(200);
    expect(response.json().results.map((r: { outcome: string }) => r.outcome)).toEqual(['unchanged', 'unchanged']);
  });

  it('treats a walk-in added after close as a correction', async () => {
    const { org, group, clinician, url } = await closed();
    const walkIn = await createPatient(t.db, org);
    await admit(t.db, org, { patientId: walkIn, programId: group.programId });
    expect((await call(t, clinician, 'PUT', url, { attendance: [{ patientId: walkIn, status: 'present' }] })).statusCode).toBe(422);
    const response = await call(t, clinician, 'PUT', url, {
      attendance: [{ patientId: walkIn, status: 'present' }],
      reason: 'Sign-in sheet found after closing',
    });
    expect(response.json().results[0]).toMatchObject({ outcome: 'created', corrected: true, attendance: { walkIn: true } });
  });

  it('waits for a check-in in flight: a close and a change sent together never leave an uncorrected change after close', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { org, group, clinician, url } = await setup(1);
      await call(t, clinician, 'PUT', url, allPresent(group.patientIds));
      const director = await sessionFor(t, org.users.director, org.organizationId);
      const [change, close] = await Promise.all([
        call(t, clinician, 'PUT', url, { attendance: [{ patientId: group.patientIds[0], status: 'late', minutes: 90, version: 1 }] }),
        call(t, director, 'POST', `/api/v1/sessions/${group.sessionId}/close-day`),
      ]);
      expect(close.statusCode).toBe(200);
      // Either the change committed before the close (200) or it saw the closed day and needed a reason (422).
      expect([200, 422]).toContain(change.statusCode);
      const corrections = await t.db
        .selectFrom('attendance_corrections')
        .select('id')
        .where('organization_id', '=', org.organizationId)
        .execute();
      expect(corrections).toEqual([]);
    }
  });
});
