import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPatient } from '../../../../test/factories.js';
import { call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';

// Timeliness: notes still not fully signed more than N hours after the end of their service date in
// the site's zone. These notes have no episode or session, so the organization's first site gives
// the zone: America/Chicago or America/Denver here (both sites are created in one instant).

const t = await testApp();
let org: TestOrg;
let clinician: TestSession;
let psychiatrist: TestSession;
let director: TestSession;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  clinician = await sessionFor(t, org.users.clinician, org.organizationId);
  psychiatrist = await sessionFor(t, org.users.psychiatrist, org.organizationId);
  director = await sessionFor(t, org.users.director, org.organizationId);
});
afterAll(() => t.close());

async function draftOn(session: TestSession, serviceDate: string): Promise<string> {
  const patientId = await createPatient(t.db, org);
  const response = await call(t, session, 'POST', `/api/v1/patients/${patientId}/notes`, { noteType: 'progress_dap', serviceDate });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

describe('the timeliness report', () => {
  it('counts late unsigned notes per clinician with the oldest, at the organization’s limit or the one asked for', async () => {
    // 2 Nov ends at 06:00Z (Chicago) or 07:00Z (Denver) on 3 Nov; 72 hours later is 06:00Z or 07:00Z on 6 Nov.
    t.clock.current = new Date('2026-11-06T09:00:00Z');
    const oldest = await draftOn(clinician, '2026-11-01');
    await draftOn(clinician, '2026-11-02');
    await draftOn(clinician, '2026-11-05'); // not late yet
    const psychiatristLate = await draftOn(psychiatrist, '2026-11-02');

    const report = await call(t, director, 'GET', '/api/v1/notes/timeliness');
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({
      limitHours: 72,
      rows: [
        {
          author: { id: org.users.clinician.id, name: 'Test clinician' },
          lateCount: 2,
          oldest: { noteId: oldest, serviceDate: '2026-11-01' },
        },
        { author: { id: org.users.psychiatrist.id }, lateCount: 1, oldest: { noteId: psychiatristLate } },
      ],
    });

    const own = await call(t, clinician, 'GET', '/api/v1/notes/timeliness');
    expect(own.json().rows.map((r: { author: { id: string } }) => r.author.id)).toEqual([org.users.clinician.id]);

    const tighter = await call(t, director, 'GET', '/api/v1/notes/timeliness?limitHours=1');
    expect(tighter.json()).toMatchObject({ limitHours: 1, rows: [{ lateCount: 3 }, { lateCount: 1 }] });

    await t.db.updateTable('organizations').set({ note_signing_limit_hours: 200 }).where('id', '=', org.organizationId).execute();
    expect((await call(t, director, 'GET', '/api/v1/notes/timeliness')).json()).toMatchObject({ limitHours: 200, rows: [] });
    await t.db.updateTable('organizations').set({ note_signing_limit_hours: 72 }).where('id', '=', org.organizationId).execute();

    expect((await call(t, director, 'GET', '/api/v1/notes/timeliness?limitHours=0')).statusCode).toBe(400);
    expect((await call(t, await sessionFor(t, org.users.admin, org.organizationId), 'GET', '/api/v1/notes/timeliness')).statusCode).toBe(
      403,
    );
  });
});
