import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPatient } from '../../../../test/factories.js';
import { COMPLETE_DAP, patientInCare } from '../../../../test/notes-fixtures.js';
import {
  TEST_PASSWORD,
  call,
  cookieFrom,
  createTestOrg,
  sessionFor,
  testApp,
  type TestOrg,
  type TestSession,
} from '../../../../test/support.js';

// Drafts: created for a patient, saved as the clinician types (partial content, versions, cited
// objectives), still there from a new login session, discarded only by their author.

const t = await testApp();
let org: TestOrg;
let clinician: TestSession;
let psychiatrist: TestSession;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  clinician = await sessionFor(t, org.users.clinician, org.organizationId);
  psychiatrist = await sessionFor(t, org.users.psychiatrist, org.organizationId);
});
afterAll(() => t.close());

const notesUrl = (patientId: string) => `/api/v1/patients/${patientId}/notes`;

async function draft(session: TestSession, patientId: string, body: Record<string, unknown> = {}) {
  const response = await call(t, session, 'POST', notesUrl(patientId), { noteType: 'progress_dap', serviceDate: '2026-11-02', ...body });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; version: number; episodeId: string | null; objectiveChoices: { id: string }[] }>();
}

describe('creating a draft', () => {
  it('starts an empty draft in the patient’s open episode, offering the plan’s objectives, and lists it', async () => {
    const care = await patientInCare(t.db, org, { signedBy: org.users.clinician.id });
    const note = await draft(clinician, care.patientId, { durationMinutes: 50 });
    expect(note).toMatchObject({ status: 'draft', version: 1, episodeId: care.episodeId, content: {}, durationMinutes: 50 });
    expect(note.objectiveChoices.map((o) => o.id)).toContain(care.objectiveId);

    const list = await call(t, clinician, 'GET', notesUrl(care.patientId));
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      notes: [{ id: note.id, noteType: 'progress_dap', status: 'draft', author: { id: org.users.clinician.id }, addendaCount: 0 }],
      withheldCount: 0,
      writableTypes: ['progress_dap', 'family_session', 'crisis_safety', 'sud_counseling'],
    });
  });

  it.each([
    ['a group note', 'clinician', { noteType: 'group' }, 422],
    ['a psychiatric evaluation by a clinician', 'clinician', { noteType: 'psychiatric_evaluation' }, 403],
    ['a medication note by a director', 'director', { noteType: 'medication_management' }, 403],
    ['a service date that is not a date', 'clinician', { serviceDate: '2026-02-30' }, 400],
    ['a session that does not exist', 'clinician', { sessionId: '00000000-0000-4000-8000-000000000000' }, 400],
  ] as const)('refuses %s and stores nothing', async (_label, role, body, status) => {
    const patientId = await createPatient(t.db, org);
    const session = await sessionFor(t, org.users[role], org.organizationId);
    const response = await call(t, session, 'POST', notesUrl(patientId), { noteType: 'progress_dap', serviceDate: '2026-11-02', ...body });
    expect(response.statusCode).toBe(status);
    const count = await t.db
      .selectFrom('clinical_notes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('patient_id', '=', patientId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses an episode of another patient, naming episodeId', async () => {
    const other = await patientInCare(t.db, org, { signedBy: org.users.clinician.id });
    const patientId = await createPatient(t.db, org);
    const response = await call(t, clinician, 'POST', notesUrl(patientId), {
      noteType: 'progress_dap',
      serviceDate: '2026-11-02',
      episodeId: other.episodeId,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('episodeId');
  });

  it('lets a psychiatrist write a psychiatric evaluation', async () => {
    const patientId = await createPatient(t.db, org);
    const response = await call(t, psychiatrist, 'POST', notesUrl(patientId), {
      noteType: 'psychiatric_evaluation',
      serviceDate: '2026-11-02',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ noteType: 'psychiatric_evaluation', episodeId: null, objectiveChoices: [] });
  });
});

describe('autosaving a draft', () => {
  it('saves partial content and cited objectives, each save the next version, resolved to the objective’s statement', async () => {
    const care = await patientInCare(t.db, org, { signedBy: org.users.clinician.id });
    const note = await draft(clinician, care.patientId);
    const first = await call(t, clinician, 'PATCH', `/api/v1/notes/${note.id}`, { version: 1, content: { data: 'Half a sen' } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, content: { data: 'Half a sen' } });
    const second = await call(
      t,
      clinician,
      'PATCH',
      `/api/v1/notes/${note.id}`,
      { content: { data: 'Half a sentence' }, addressedObjectiveIds: [care.objectiveId] },
      { 'if-match': '"2"' },
    );
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({
      version: 3,
      addressedObjectives: [{ id: care.objectiveId, statement: 'Use paced breathing at the first sign of panic, 4 of 5 days' }],
    });
  });

  it('answers a stale save with 412 carrying the current note, and changes nothing', async () => {
    const care = await patientInCare(t.db, org, { signedBy: org.users.clinician.id });
    const note = await draft(clinician, care.patientId);
    await call(t, clinician, 'PATCH', `/api/v1/notes/${note.id}`, { version: 1, content: { data: 'Saved in the other tab' } });
    const stale = await call(t, clinician, 'PATCH', `/api/v1/notes/${note.id}`, { version: 1, content: { data: 'Typed in this tab' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error).toMatchObject({
      code: 'STALE_VERSION',
      details: { currentVersion: 2, current: { id: note.id, version: 2, content: { data: 'Saved in the other tab' } } },
    });
    const now = await call(t, clinician, 'GET', `/api/v1/notes/${note.id}`);
    expect(now.json()).toMatchObject({ version: 2, content: { data: 'Saved in the other tab' } });
  });

  it.each([
    ['no version', { content: { data: 'x' } }, 'version'],
    ['a field of another note type', { version: 1, content: { chiefComplaint: 'x' } }, 'content.chiefComplaint'],
    ['text that is not text', { version: 1, content: { data: 42 } }, 'content.data'],
    ['an objective not in the episode’s plan', { version: 1, addressedObjectiveIds: [randomUUID()] }, 'addressedObjectiveIds.0'],
  ])('refuses %s with a 400 naming the field', async (_label, body, path) => {
    const care = await patientInCare(t.db, org, { signedBy: org.users.clinician.id });
    const note = await draft(clinician, care.patientId);
    const response = await call(t, clinician, 'PATCH', `/api/v1/notes/${note.id}`, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe(path);
    const row = await t.db.selectFrom('clinical_notes').select(['version', 'content']).where('id', '=', note.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 1, content: {} });
  });

  it('lets only the author edit or discard a draft', async () => {
    const care = await patientInCare(t.db, org, { signedBy: org.users.clinician.id });
    const note = await draft(clinician, care.patientId);
    expect((await call(t, psychiatrist, 'PATCH', `/api/v1/notes/${note.id}`, { version: 1, content: { data: 'x' } })).statusCode).toBe(403);
    expect((await call(t, psychiatrist, 'DELETE', `/api/v1/notes/${note.id}`)).statusCode).toBe(403);
    expect((await call(t, clinician, 'DELETE', `/api/v1/notes/${note.id}`)).statusCode).toBe(204);
    expect((await call(t, clinician, 'GET', `/api/v1/notes/${note.id}`)).statusCode).toBe(404);
  });

  it('keeps the draft for a new login session (the idle lock loses nothing)', async () => {
    const care = await patientInCare(t.db, org, { signedBy: org.users.clinician.id });
    const note = await draft(clinician, care.patientId);
    await call(t, clinician, 'PATCH', `/api/v1/notes/${note.id}`, { version: 1, content: COMPLETE_DAP });
    const login = await call(t, null, 'POST', '/api/v1/auth/login', { email: org.users.clinician.email, password: TEST_PASSWORD });
    expect(login.statusCode).toBe(200);
    const fresh = { cookie: cookieFrom(login), csrfToken: '' };
    const mine = await call(t, fresh, 'GET', '/api/v1/notes/mine');
    expect(mine.json().drafts.map((d: { id: string }) => d.id)).toContain(note.id);
    expect((await call(t, fresh, 'GET', `/api/v1/notes/${note.id}`)).json()).toMatchObject({ content: COMPLETE_DAP, version: 2 });
  });

  it('never writes note text into the audit trail', async () => {
    const care = await patientInCare(t.db, org, { signedBy: org.users.clinician.id });
    const note = await draft(clinician, care.patientId);
    await call(t, clinician, 'PATCH', `/api/v1/notes/${note.id}`, { version: 1, content: { data: 'A synthetic secret phrase' } });
    await call(t, clinician, 'GET', `/api/v1/notes/${note.id}`);
    const events = await t.db.selectFrom('audit_events').select(['action', 'details']).where('patient_id', '=', care.patientId).execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['note.created', 'note.saved', 'note.viewed']));
    expect(JSON.stringify(events)).not.toContain('secret phrase');
  });
});

describe('group notes in the chart', () => {
  it('lists a signed group note with the others but refuses to edit or sign it here', async () => {
    const care = await patientInCare(t.db, org, { signedBy: org.users.clinician.id });
    const noteId = await insertSignedGroupNote(care.patientId, care.episodeId);
    const list = await call(t, clinician, 'GET', notesUrl(care.patientId));
    expect(list.json().notes).toMatchObject([{ id: noteId, noteType: 'group', status: 'signed' }]);
    expect((await call(t, clinician, 'GET', `/api/v1/notes/${noteId}`)).json()).toMatchObject({ content: { topic: 'Coping skills' } });
    expect((await call(t, clinician, 'PATCH', `/api/v1/notes/${noteId}`, { version: 1, content: {} })).statusCode).toBe(422);
    expect((await call(t, clinician, 'POST', `/api/v1/notes/${noteId}/sign`, {})).statusCode).toBe(422);
  });
});

/** What the group-notes slice writes when a group note is signed: a group note and a signed chart note per attendee. */
async function insertSignedGroupNote(patientId: string, episodeId: string): Promise<string> {
  const { groupWithPatients } = await import('../../../../test/attendance-fixtures.js');
  const group = await groupWithPatients(t.db, org, { patients: 1 });
  const now = new Date();
  const groupNote = await t.db
    .insertInto('group_notes')
    .values({
      organization_id: org.organizationId,
      session_id: group.sessionId,
      author_id: org.users.clinician.id,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('clinical_notes')
    .values({
      organization_id: org.organizationId,
      patient_id: patientId,
      episode_id: episodeId,
      note_type: 'group',
      group_note_id: groupNote.id,
      service_date: '2026-11-02',
      content: JSON.stringify({ topic: 'Coping skills', participation: 'Active' }),
      status: 'signed',
      author_id: org.users.clinician.id,
      signed_by: org.users.clinician.id,
      signed_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
