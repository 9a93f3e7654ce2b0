import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PART2_NOTICE_SHORT } from '../../../domain/disclosure/part2-notice.js';
import { pdfText } from '../../../../test/pdf-text.js';
import { insertAddendum, insertNote, insertPlan, patientInProgram } from '../../../../test/part2-fixtures.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';

// Internal prints: the center's header, the patient, page numbers, signed/draft state, signatures
// and addenda with the original; SUD counseling notes only for those allowed to read them. Audited
// as printed, never logged as a disclosure.

const t = await testApp();
let org: TestOrg;
let clinician: TestSession;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  await t.db
    .updateTable('organizations')
    .set({ public_address: '100 Harbor Way, Portland, OR 97201', public_phone: '503-555-0123' })
    .where('id', '=', org.organizationId)
    .execute();
  clinician = await sessionFor(t, org.users.clinician, org.organizationId);
});
afterAll(() => t.close());

async function disclosuresOf(patientId: string) {
  return t.db.selectFrom('disclosures').select('id').where('patient_id', '=', patientId).execute();
}

describe('printing a note', () => {
  it("shows the center's header, the patient, the signature and the addendum after the original, with page numbers", async () => {
    const { patientId, episodeId } = await patientInProgram(t.db, org, { part2: true });
    const noteId = await insertNote(t.db, org, { patientId, episodeId, authorId: org.users.clinician.id });
    await insertAddendum(t.db, org, { noteId, patientId, authorId: org.users.clinician.id, body: 'Late entry: urge log reviewed.' });
    const response = await call(t, clinician, 'GET', `/api/v1/notes/${noteId}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = pdfText(response.rawPayload);
    expect(text).toMatch(
      /^Test Org \w+ 100 Harbor Way, Portland, OR 97201 \| 503-555-0123 Clinical note Patient: Sam Testpatient-\w+, date of birth 1990-05-17/,
    );
    expect(text).toContain('Individual progress note (DAP), 2026-03-10 Signed, 50 minutes. Author: Test clinician');
    expect(text).toContain('Data (what was observed and said): Reported sleeping six hours (synthetic).');
    expect(text).toContain('Signed: Test clinician, 2026-03-10');
    expect(text.indexOf('Plan (next steps')).toBeLessThan(text.indexOf('Late entry: urge log reviewed.'));
    expect(text).toContain('Page 1 of 1');
    // An internal print is not a disclosure: no notice, no log row, audited as printed.
    expect(text).not.toContain(PART2_NOTICE_SHORT);
    expect(await disclosuresOf(patientId)).toEqual([]);
    expect(await auditActions(t.db, org.organizationId)).toContain('records.printed');
  });

  it('shows a draft as a draft', async () => {
    const { patientId, episodeId } = await patientInProgram(t.db, org, { part2: false });
    const noteId = await insertNote(t.db, org, { patientId, episodeId, authorId: org.users.clinician.id, signed: false });
    expect(pdfText((await call(t, clinician, 'GET', `/api/v1/notes/${noteId}/pdf`)).rawPayload)).toContain('DRAFT: not signed');
  });

  it('prints an SUD counseling note only for its author and staff with counseling-note access', async () => {
    const { patientId, episodeId } = await patientInProgram(t.db, org, { part2: true });
    const noteId = await insertNote(t.db, org, { patientId, episodeId, authorId: org.users.clinician.id, noteType: 'sud_counseling' });
    expect((await call(t, clinician, 'GET', `/api/v1/notes/${noteId}/pdf`)).statusCode).toBe(200);
    const director = await sessionFor(t, org.users.director, org.organizationId);
    expect((await call(t, director, 'GET', `/api/v1/notes/${noteId}/pdf`)).statusCode).toBe(404);
    await t.db
      .insertInto('staff_profiles')
      .values({ organization_id: org.organizationId, user_id: org.users.director.id, counseling_notes_access: true })
      .execute();
    expect((await call(t, director, 'GET', `/api/v1/notes/${noteId}/pdf`)).statusCode).toBe(200);
    await t.db.updateTable('staff_profiles').set({ counseling_notes_access: false }).where('user_id', '=', org.users.director.id).execute();
  });
});

describe('printing a plan', () => {
  it('shows the problems, goals, objectives and the clinician signature, or DRAFT', async () => {
    const { patientId, episodeId } = await patientInProgram(t.db, org, { part2: true });
    const signed = await insertPlan(t.db, org, { patientId, episodeId, authorId: org.users.clinician.id });
    const draft = await insertPlan(t.db, org, { patientId, episodeId, authorId: org.users.clinician.id, signed: false, planVersion: 2 });
    const text = pdfText((await call(t, clinician, 'GET', `/api/v1/treatment-plans/${signed}/pdf`)).rawPayload);
    expect(text).toContain('Treatment plan, version 1 Signed');
    expect(text).toContain('Problem: Alcohol use is disrupting work (synthetic) (F10.20)');
    expect(text).toContain('Objective: Attend 3 groups a week for 6 weeks (target 2026-04-15, open)');
    expect(text).toContain('Clinician signature: Test clinician, 2026-03-05');
    expect(pdfText((await call(t, clinician, 'GET', `/api/v1/treatment-plans/${draft}/pdf`)).rawPayload)).toContain(
      'Treatment plan, version 2 DRAFT: not signed',
    );
  });
});

describe('printing the chart for a date range', () => {
  it('includes the plans and notes of the range only, and leaves out counseling notes the reader may not read', async () => {
    const { patientId, episodeId } = await patientInProgram(t.db, org, { part2: true });
    await insertPlan(t.db, org, { patientId, episodeId, authorId: org.users.clinician.id });
    await insertNote(t.db, org, { patientId, episodeId, authorId: org.users.clinician.id, serviceDate: '2026-03-10' });
    await insertNote(t.db, org, {
      patientId,
      episodeId,
      authorId: org.users.clinician.id,
      serviceDate: '2026-04-20',
      content: { data: 'April session' },
    });
    await insertNote(t.db, org, {
      patientId,
      episodeId,
      authorId: org.users.clinician.id,
      noteType: 'sud_counseling',
      serviceDate: '2026-03-12',
    });
    const chartUrl = `/api/v1/patients/${patientId}/chart.pdf?from=2026-03-01&to=2026-03-31`;

    const byAuthor = pdfText((await call(t, clinician, 'GET', chartUrl)).rawPayload);
    expect(byAuthor).toContain('Chart, 2026-03-01 to 2026-03-31');
    expect(byAuthor).toContain('Episodes of care');
    expect(byAuthor).toContain('Treatment plan, version 1');
    expect(byAuthor).toContain('Individual progress note (DAP), 2026-03-10');
    expect(byAuthor).toContain('SUD counseling note, 2026-03-12');
    expect(byAuthor).not.toContain('April session');

    const psychiatrist = await sessionFor(t, org.users.psychiatrist, org.organizationId);
    const byOther = pdfText((await call(t, psychiatrist, 'GET', chartUrl)).rawPayload);
    expect(byOther).toContain('Individual progress note (DAP), 2026-03-10');
    expect(byOther).not.toContain('SUD counseling note, 2026-03-12');
    expect(byOther).toContain('1 SUD counseling note(s) not included');
    expect(await disclosuresOf(patientId)).toEqual([]);
  });

  it('refuses a range that ends before it starts (400 naming the field)', async () => {
    const { patientId } = await patientInProgram(t.db, org, { part2: false });
    const response = await call(t, clinician, 'GET', `/api/v1/patients/${patientId}/chart.pdf?from=2026-03-31&to=2026-03-01`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/^to: /);
  });
});

describe('who may print', () => {
  it.each(['admissions', 'front_desk', 'billing', 'admin', 'auditor'] as const)('refuses %s (403)', async (role) => {
    const { patientId, episodeId } = await patientInProgram(t.db, org, { part2: false });
    const noteId = await insertNote(t.db, org, { patientId, episodeId, authorId: org.users.clinician.id });
    const session = await sessionFor(t, org.users[role], org.organizationId);
    expect((await call(t, session, 'GET', `/api/v1/notes/${noteId}/pdf`)).statusCode).toBe(403);
    expect((await call(t, session, 'GET', `/api/v1/patients/${patientId}/chart.pdf?from=2026-03-01&to=2026-03-31`)).statusCode).toBe(403);
  });

  it('answers 404 for an unknown note or plan', async () => {
    expect((await call(t, clinician, 'GET', `/api/v1/notes/${crypto.randomUUID()}/pdf`)).statusCode).toBe(404);
    expect((await call(t, clinician, 'GET', `/api/v1/treatment-plans/${crypto.randomUUID()}/pdf`)).statusCode).toBe(404);
  });
});
