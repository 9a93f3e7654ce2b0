import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETE_DAP, patientInCare } from '../../../../test/notes-fixtures.js';
import { call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';

// Signing locks a note (the database refuses any later change), a trainee's note waits for its named
// supervisor, and corrections are addenda shown with the original.

const t = await testApp();
let org: TestOrg;
let clinician: TestSession;
let psychiatrist: TestSession;
let director: TestSession;
let admin: TestSession;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  clinician = await sessionFor(t, org.users.clinician, org.organizationId);
  psychiatrist = await sessionFor(t, org.users.psychiatrist, org.organizationId);
  director = await sessionFor(t, org.users.director, org.organizationId);
  admin = await sessionFor(t, org.users.admin, org.organizationId);
});
afterAll(() => t.close());

type Note = { id: string; version: number; patientId: string };

async function writtenNote(
  session: TestSession,
  content: Record<string, unknown> = COMPLETE_DAP,
  noteType = 'progress_dap',
): Promise<Note> {
  const care = await patientInCare(t.db, org, { signedBy: org.users.clinician.id });
  const created = await call(t, session, 'POST', `/api/v1/patients/${care.patientId}/notes`, { noteType, serviceDate: '2026-11-02' });
  expect(created.statusCode).toBe(201);
  const saved = await call(t, session, 'PATCH', `/api/v1/notes/${created.json().id}`, { version: 1, content });
  expect(saved.statusCode).toBe(200);
  return { id: saved.json().id, version: saved.json().version, patientId: care.patientId };
}

async function signedNote(session: TestSession = clinician): Promise<Note> {
  const note = await writtenNote(session);
  const signed = await call(t, session, 'POST', `/api/v1/notes/${note.id}/sign`, { version: note.version });
  expect(signed.statusCode).toBe(200);
  return note;
}

async function profile(userId: string, extra: Record<string, unknown>) {
  const response = await call(t, admin, 'PUT', `/api/v1/staff/${userId}/profile`, {
    licenceType: 'LMSW',
    licensedStates: ['OR'],
    modalities: [],
    weeklyAvailability: [],
    siteIds: [],
    ...extra,
  });
  return response;
}

describe('signing', () => {
  it('refuses an empty note with 422 naming every missing field, and leaves it a draft', async () => {
    const note = await writtenNote(clinician, { data: 'Only the data so far', assessment: '   ' });
    const response = await call(t, clinician, 'POST', `/api/v1/notes/${note.id}/sign`, {});
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('RULE_VIOLATION');
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toEqual(['content.assessment', 'content.plan']);
    const row = await t.db.selectFrom('clinical_notes').select(['status', 'version']).where('id', '=', note.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'draft', version: note.version });
  });

  it('refuses a medication note without a complete medication entry', async () => {
    const note = await writtenNote(
      psychiatrist,
      {
        intervalHistory: 'Sleeping better',
        sideEffects: 'None',
        mentalStatusExam: 'Calm',
        riskAssessment: 'Low',
        plan: 'Continue',
        medications: [{ name: 'Sertraline', dose: '', route: 'oral', frequency: 'daily', change: 'continue' }],
      },
      'medication_management',
    );
    const response = await call(t, psychiatrist, 'POST', `/api/v1/notes/${note.id}/sign`, {});
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual([
      { path: 'content.medications', message: expect.stringContaining('at least one entry') },
    ]);
  });

  it('signs a complete note, attributed and dated, and then refuses to sign, edit or discard it', async () => {
    const note = await writtenNote(clinician, { ...COMPLETE_DAP, data: `  ${COMPLETE_DAP.data}  ` });
    expect((await call(t, psychiatrist, 'POST', `/api/v1/notes/${note.id}/sign`, {})).statusCode).toBe(403);
    const signed = await call(t, clinician, 'POST', `/api/v1/notes/${note.id}/sign`, { version: note.version });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({
      status: 'signed',
      signedBy: { id: org.users.clinician.id },
      signedAt: t.clock.now().toISOString(),
      content: COMPLETE_DAP,
    });
    const again = await call(t, clinician, 'POST', `/api/v1/notes/${note.id}/sign`, {});
    expect(again.statusCode).toBe(409);
    const edit = await call(t, clinician, 'PATCH', `/api/v1/notes/${note.id}`, {
      version: signed.json().version,
      content: { data: 'changed' },
    });
    expect(edit.statusCode).toBe(422);
    expect(edit.json().error.message).toContain('never changed');
    expect((await call(t, clinician, 'DELETE', `/api/v1/notes/${note.id}`)).statusCode).toBe(422);
  });

  it('refuses signing a version other than the one on screen (412 with the current note)', async () => {
    const note = await writtenNote(clinician);
    const response = await call(t, clinician, 'POST', `/api/v1/notes/${note.id}/sign`, { version: note.version - 1 });
    expect(response.statusCode).toBe(412);
    expect(response.json().error.details.current).toMatchObject({ id: note.id, version: note.version });
  });

  it('is enforced by the database: raw SQL cannot update or delete a signed note', async () => {
    const note = await signedNote();
    await expect(sql`UPDATE clinical_notes SET content = '{"data":"rewritten"}' WHERE id = ${note.id}`.execute(t.db)).rejects.toThrow(
      /signed note is never changed/,
    );
    await expect(
      sql`UPDATE clinical_notes SET status = 'draft', signed_at = NULL, signed_by = NULL WHERE id = ${note.id}`.execute(t.db),
    ).rejects.toThrow(/never changed/);
    await expect(sql`DELETE FROM clinical_notes WHERE id = ${note.id}`.execute(t.db)).rejects.toThrow(/never deleted/);
    const row = await t.db.selectFrom('clinical_notes').select(['status', 'content']).where('id', '=', note.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'signed', content: COMPLETE_DAP });
  });
});

describe('co-signature', () => {
  it('sends a trainee’s note to the named supervisor, who alone co-signs it', async () => {
    const trainee = org.users.clinician.id;
    expect((await profile(trainee, { cosignSupervisorId: org.users.director.id })).json()).toMatchObject({
      cosignSupervisorId: org.users.director.id,
    });
    try {
      const note = await writtenNote(clinician);
      const signed = await call(t, clinician, 'POST', `/api/v1/notes/${note.id}/sign`, {});
      expect(signed.json()).toMatchObject({ status: 'awaiting_cosign', cosigner: { id: org.users.director.id } });

      const mine = await call(t, director, 'GET', '/api/v1/notes/mine');
      expect(mine.json().awaitingMyCosign.map((n: { id: string }) => n.id)).toContain(note.id);
      const traineeList = await call(t, clinician, 'GET', '/api/v1/notes/mine');
      expect(traineeList.json().mineAwaitingCosign.map((n: { id: string }) => n.id)).toContain(note.id);

      expect((await call(t, psychiatrist, 'POST', `/api/v1/notes/${note.id}/cosign`)).statusCode).toBe(403);
      expect((await call(t, clinician, 'POST', `/api/v1/notes/${note.id}/cosign`)).statusCode).toBe(403);
      const cosigned = await call(t, director, 'POST', `/api/v1/notes/${note.id}/cosign`);
      expect(cosigned.statusCode).toBe(200);
      expect(cosigned.json()).toMatchObject({ status: 'signed', cosignedBy: { id: org.users.director.id } });
      expect((await call(t, director, 'POST', `/api/v1/notes/${note.id}/cosign`)).statusCode).toBe(409);
    } finally {
      await profile(trainee, { cosignSupervisorId: null });
    }
  });

  it('is enforced by the database: only the named supervisor co-signs, and nothing else changes with it', async () => {
    const trainee = org.users.psychiatrist.id;
    await profile(trainee, { cosignSupervisorId: org.users.director.id });
    try {
      const note = await signedNote(psychiatrist);
      await expect(
        sql`UPDATE clinical_notes SET status = 'signed', cosigned_by = ${org.users.clinician.id}, cosigned_at = now() WHERE id = ${note.id}`.execute(
          t.db,
        ),
      ).rejects.toThrow(/never changed/);
      await expect(
        sql`UPDATE clinical_notes SET status = 'signed', cosigned_by = ${org.users.director.id}, cosigned_at = now(), content = '{}' WHERE id = ${note.id}`.execute(
          t.db,
        ),
      ).rejects.toThrow(/never changed/);
      await sql`UPDATE clinical_notes SET status = 'signed', cosigned_by = ${org.users.director.id}, cosigned_at = now() WHERE id = ${note.id}`.execute(
        t.db,
      );
    } finally {
      await profile(trainee, { cosignSupervisorId: null });
    }
  });

  it('refuses a supervisor who is the trainee, unknown, or not clinical staff (400 naming cosignSupervisorId)', async () => {
    for (const supervisor of [org.users.clinician.id, '00000000-0000-4000-8000-000000000000', org.users.billing.id]) {
      const response = await profile(org.users.clinician.id, { cosignSupervisorId: supervisor });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details[0].path).toBe('cosignSupervisorId');
    }
    const clinicianPut = await call(t, clinician, 'PUT', `/api/v1/staff/${org.users.clinician.id}/profile`, {
      licenceType: 'LMSW',
      licensedStates: [],
      modalities: [],
      weeklyAvailability: [],
      siteIds: [],
      counselingNotesAccess: true,
    });
    expect(clinicianPut.statusCode).toBe(403);
  });
});

describe('addenda', () => {
  it('refuses an addendum to a draft (422), in the API and in raw SQL', async () => {
    const note = await writtenNote(clinician);
    const response = await call(t, clinician, 'POST', `/api/v1/notes/${note.id}/addenda`, { kind: 'correction', body: 'Too early' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toContain('An addendum attaches to a signed note');
    await expect(
      sql`INSERT INTO note_addenda (organization_id, note_id, patient_id, kind, body, author_id, signed_at)
          VALUES (${org.organizationId}, ${note.id}, ${note.patientId}, 'correction', 'raw', ${org.users.clinician.id}, now())`.execute(
        t.db,
      ),
    ).rejects.toThrow(/attaches to a signed note/);
  });

  it('adds signed, dated, attributed addenda from any clinical role, shown under the original in order', async () => {
    const note = await signedNote();
    const first = await call(t, clinician, 'POST', `/api/v1/notes/${note.id}/addenda`, {
      kind: 'correction',
      body: 'The panic episodes were on Tuesday, not Monday.',
    });
    expect(first.statusCode).toBe(201);
    t.clock.advance(60_000);
    const second = await call(t, psychiatrist, 'POST', `/api/v1/notes/${note.id}/addenda`, {
      kind: 'clarification',
      body: 'Reviewed with the team.',
    });
    expect(second.json()).toMatchObject({
      content: COMPLETE_DAP,
      addendaCount: 2,
      addenda: [
        { kind: 'correction', author: { id: org.users.clinician.id }, body: 'The panic episodes were on Tuesday, not Monday.' },
        { kind: 'clarification', author: { id: org.users.psychiatrist.id }, signedAt: t.clock.now().toISOString() },
      ],
    });
    const blank = await call(t, clinician, 'POST', `/api/v1/notes/${note.id}/addenda`, { kind: 'late_entry', body: '   ' });
    expect(blank.statusCode).toBe(400);
    const addendumId = second.json().addenda[0].id as string;
    await expect(sql`UPDATE note_addenda SET body = 'rewritten' WHERE id = ${addendumId}`.execute(t.db)).rejects.toThrow(/never changed/);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'details']).where('entity_id', '=', note.id).execute();
    expect(audit.filter((e) => e.action === 'note.addendum_added')).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('Tuesday');
  });
});

describe('SUD counseling notes (42 CFR Part 2)', () => {
  it('are hidden from a clinician without access, counted as withheld, and shown once access is given', async () => {
    const note = await writtenNote(clinician, COMPLETE_DAP, 'sud_counseling');
    await call(t, clinician, 'POST', `/api/v1/notes/${note.id}/sign`, {});
    const tagged = await t.db.selectFrom('clinical_notes').select('part2').where('id', '=', note.id).executeTakeFirstOrThrow();
    expect(tagged.part2).toBe(true);

    const hidden = await call(t, psychiatrist, 'GET', `/api/v1/patients/${note.patientId}/notes`);
    expect(hidden.json()).toMatchObject({ notes: [], withheldCount: 1 });
    expect(JSON.stringify(hidden.json())).not.toContain(note.id);
    const refused = await call(t, psychiatrist, 'GET', `/api/v1/notes/${note.id}`);
    expect(refused.statusCode).toBe(403);
    expect(JSON.stringify(refused.json())).not.toContain('panic');
    expect((await call(t, psychiatrist, 'POST', `/api/v1/notes/${note.id}/addenda`, { kind: 'clarification', body: 'x' })).statusCode).toBe(
      403,
    );
    const denied = await t.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'user_id', 'patient_id'])
      .where('entity_id', '=', note.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toEqual([
      { action: 'note.access_denied', outcome: 'denied', user_id: org.users.psychiatrist.id, patient_id: note.patientId },
      { action: 'note.access_denied', outcome: 'denied', user_id: org.users.psychiatrist.id, patient_id: note.patientId },
    ]);

    const author = await call(t, clinician, 'GET', `/api/v1/patients/${note.patientId}/notes`);
    expect(author.json()).toMatchObject({ notes: [{ id: note.id, noteType: 'sud_counseling', part2: true }], withheldCount: 0 });

    await profile(org.users.psychiatrist.id, { counselingNotesAccess: true });
    try {
      const shown = await call(t, psychiatrist, 'GET', `/api/v1/patients/${note.patientId}/notes`);
      expect(shown.json()).toMatchObject({ notes: [{ id: note.id }], withheldCount: 0 });
      expect((await call(t, psychiatrist, 'GET', `/api/v1/notes/${note.id}`)).json()).toMatchObject({ content: COMPLETE_DAP });
    } finally {
      await profile(org.users.psychiatrist.id, { counselingNotesAccess: false });
    }
  });
});
