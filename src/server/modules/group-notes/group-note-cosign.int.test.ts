import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AFTER_GROUP, at } from '../../../../test/attendance-fixtures.js';
import { GROUP_SUMMARY, checkedInGroup, sectionFor } from '../../../../test/group-note-fixtures.js';
import { call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';

// A trainee's group note (decision 0032): signing sends the group note and every attendee note it
// writes to the supervisor named on the trainee's staff profile; they stay locked; only that
// supervisor co-signs, once, for all of them; the database enforces the same.

const t = await testApp();
let org: TestOrg;
// A fresh session per request: some tests move the clock days ahead.
const trainee = () => sessionFor(t, org.users.clinician, org.organizationId); // supervised by the psychiatrist
const supervisor = () => sessionFor(t, org.users.psychiatrist, org.organizationId);
const director = () => sessionFor(t, org.users.director, org.organizationId);

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  t.clock.current = AFTER_GROUP;
  const admin = await sessionFor(t, org.users.admin, org.organizationId);
  const profile = await call(t, admin, 'PUT', `/api/v1/staff/${org.users.clinician.id}/profile`, {
    licenceType: 'LMSW',
    licensedStates: ['OR'],
    modalities: [],
    weeklyAvailability: [],
    siteIds: [],
    cosignSupervisorId: org.users.psychiatrist.id,
  });
  expect(profile.statusCode).toBe(200);
});
afterAll(() => t.close());

const noteUrl = (sessionId: string) => `/api/v1/sessions/${sessionId}/group-note`;

/** A group of `attendees` checked in, its draft written by the trainee, signed by `signer`. */
async function signedGroup(signer: TestSession, attendees = 2) {
  const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: Array(attendees).fill('present') });
  const entries = group.patientIds.map((patientId, index) => sectionFor(patientId, index));
  const saved = await call(t, await trainee(), 'PUT', noteUrl(group.sessionId), { version: 0, summary: GROUP_SUMMARY, entries });
  expect(saved.statusCode).toBe(200);
  const signed = await call(t, signer, 'POST', `${noteUrl(group.sessionId)}/sign`, { version: saved.json().note.version });
  expect(signed.statusCode).toBe(200);
  return { ...group, note: signed.json().note };
}

async function rows(sessionId: string) {
  const groupNote = await t.db.selectFrom('group_notes').selectAll().where('session_id', '=', sessionId).executeTakeFirstOrThrow();
  const entries = await t.db.selectFrom('group_note_entries').selectAll().where('group_note_id', '=', groupNote.id).execute();
  const notes = await t.db.selectFrom('clinical_notes').selectAll().where('group_note_id', '=', groupNote.id).orderBy('id').execute();
  return { groupNote, entries, notes };
}

describe('a trainee signs a group note', () => {
  it('sends the group note and every attendee note to the named supervisor, locked against edits', async () => {
    const group = await signedGroup(await trainee(), 3);
    expect(group.note).toMatchObject({
      status: 'awaiting_cosign',
      signedBy: { id: org.users.clinician.id },
      cosigner: { id: org.users.psychiatrist.id, name: 'Test psychiatrist' },
      cosignedBy: null,
      notesWritten: 3,
    });
    const { groupNote, notes } = await rows(group.sessionId);
    expect(groupNote).toMatchObject({ status: 'awaiting_cosign', cosigner_id: org.users.psychiatrist.id, cosigned_at: null });
    expect(notes).toHaveLength(3);
    for (const note of notes)
      expect(note).toMatchObject({ status: 'awaiting_cosign', cosigner_id: org.users.psychiatrist.id, signed_by: org.users.clinician.id });

    // Locked: the trainee can neither save nor sign again; the view says who must co-sign.
    const save = await call(t, await trainee(), 'PUT', noteUrl(group.sessionId), {
      version: group.note.version,
      summary: GROUP_SUMMARY,
      entries: [],
    });
    expect(save.statusCode).toBe(409);
    expect((await call(t, await trainee(), 'POST', `${noteUrl(group.sessionId)}/sign`, { version: group.note.version })).statusCode).toBe(
      409,
    );
    const view = (await call(t, await trainee(), 'GET', noteUrl(group.sessionId))).json();
    expect(view.note).toMatchObject({ status: 'awaiting_cosign', cosigner: { id: org.users.psychiatrist.id }, notesWritten: 3 });
    expect(view.note.entries).toHaveLength(3);
  });

  it('lists the group note once in the supervisor’s and the trainee’s work lists, never its attendee notes', async () => {
    const group = await signedGroup(await trainee());
    const { notes } = await rows(group.sessionId);
    const mine = (await call(t, await supervisor(), 'GET', '/api/v1/notes/mine')).json();
    expect(mine.groupNotesAwaitingMyCosign).toContainEqual(
      expect.objectContaining({
        groupNoteId: group.note.id,
        sessionId: group.sessionId,
        attendees: 2,
        signedBy: expect.objectContaining({ id: org.users.clinician.id }),
      }),
    );
    const listedNoteIds = mine.awaitingMyCosign.map((note: { id: string }) => note.id);
    for (const note of notes) expect(listedNoteIds).not.toContain(note.id);
    const traineeList = (await call(t, await trainee(), 'GET', '/api/v1/notes/mine')).json();
    expect(traineeList.myGroupNotesAwaitingCosign.map((row: { groupNoteId: string }) => row.groupNoteId)).toContain(group.note.id);
    expect(traineeList.groupNotesAwaitingMyCosign).toEqual([]);
  });

  it('counts each attendee note as late for the trainee until co-signed, like an individual note', async () => {
    const group = await signedGroup(await trainee(), 2);
    // 4 Nov ends at 06:00Z on 5 Nov in Chicago (07:00Z in Denver); 72 hours later is 8 Nov, 06:00Z or 07:00Z.
    t.clock.current = new Date('2026-11-08T12:00:00Z');
    try {
      const lateCount = async () => {
        const report = (await call(t, await trainee(), 'GET', '/api/v1/notes/timeliness')).json();
        return (
          (report.rows as { author: { id: string }; lateCount: number }[]).find((row) => row.author.id === org.users.clinician.id)
            ?.lateCount ?? 0
        );
      };
      const before = await lateCount();
      expect(before).toBeGreaterThanOrEqual(2);
      expect((await call(t, await supervisor(), 'POST', `${noteUrl(group.sessionId)}/cosign`)).statusCode).toBe(200);
      expect(await lateCount()).toBe(before - 2);
    } finally {
      t.clock.current = AFTER_GROUP;
    }
  });
});

describe('co-signing a group note', () => {
  it('refuses anyone but the named supervisor (403) and an attendee note alone (422), changing nothing', async () => {
    const group = await signedGroup(await trainee());
    const before = await rows(group.sessionId);
    for (const other of [await trainee(), await director()]) {
      const refused = await call(t, other, 'POST', `${noteUrl(group.sessionId)}/cosign`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toMatch(/Only the supervisor named on the group note/);
    }
    const alone = await call(t, await supervisor(), 'POST', `/api/v1/notes/${at(before.notes, 0).id}/cosign`);
    expect(alone.statusCode).toBe(422);
    expect(alone.json().error.message).toMatch(/co-signed together, on the group note/);
    const admin = await sessionFor(t, org.users.admin, org.organizationId);
    expect((await call(t, admin, 'POST', `${noteUrl(group.sessionId)}/cosign`)).statusCode).toBe(403);
    expect(await rows(group.sessionId)).toEqual(before);
    const audited = await t.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'group_note.cosigned')
      .where('organization_id', '=', org.organizationId)
      .where(
        'entity_id',
        'in',
        before.notes.map((note) => note.id),
      )
      .execute();
    expect(audited).toEqual([]);
  });

  it('by the supervisor co-signs the group note and all its attendee notes at once, audited per attendee', async () => {
    const group = await signedGroup(await trainee(), 3);
    t.clock.advance(3_600_000);
    const cosigned = await call(t, await supervisor(), 'POST', `${noteUrl(group.sessionId)}/cosign`);
    expect(cosigned.statusCode).toBe(200);
    expect(cosigned.json().note).toMatchObject({
      status: 'signed',
      cosigner: { id: org.users.psychiatrist.id },
      cosignedBy: { id: org.users.psychiatrist.id },
      cosignedAt: t.clock.now().toISOString(),
    });
    const { groupNote, notes } = await rows(group.sessionId);
    expect(groupNote).toMatchObject({ status: 'signed', cosigned_by: org.users.psychiatrist.id, signed_by: org.users.clinician.id });
    expect(notes).toHaveLength(3);
    for (const note of notes)
      expect(note).toMatchObject({ status: 'signed', cosigned_by: org.users.psychiatrist.id, cosigned_at: t.clock.now() });
    const audited = await t.db
      .selectFrom('audit_events')
      .select(['entity_id', 'patient_id', 'details'])
      .where('action', '=', 'group_note.cosigned')
      .where('organization_id', '=', org.organizationId)
      .where(
        'entity_id',
        'in',
        notes.map((note) => note.id),
      )
      .execute();
    expect(audited.map((event) => event.patient_id).sort()).toEqual([...group.patientIds].sort());
    expect(audited[0]?.details).toEqual({ groupNoteId: groupNote.id, sessionId: group.sessionId });

    expect((await call(t, await supervisor(), 'POST', `${noteUrl(group.sessionId)}/cosign`)).statusCode).toBe(409);
    const mine = (await call(t, await supervisor(), 'GET', '/api/v1/notes/mine')).json();
    expect(mine.groupNotesAwaitingMyCosign.map((row: { groupNoteId: string }) => row.groupNoteId)).not.toContain(groupNote.id);
    t.clock.current = AFTER_GROUP;
  });

  it('answers 409 for a draft and 404 for a session without a note', async () => {
    const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present'] });
    expect((await call(t, await supervisor(), 'POST', `${noteUrl(group.sessionId)}/cosign`)).statusCode).toBe(404);
    await call(t, await trainee(), 'PUT', noteUrl(group.sessionId), { version: 0, summary: GROUP_SUMMARY, entries: [] });
    expect((await call(t, await supervisor(), 'POST', `${noteUrl(group.sessionId)}/cosign`)).statusCode).toBe(409);
  });

  it('is not needed when the signer has no supervisor: a director’s signature is final at once', async () => {
    const group = await signedGroup(await director());
    expect(group.note).toMatchObject({ status: 'signed', signedBy: { id: org.users.director.id }, cosigner: null });
    const { notes } = await rows(group.sessionId);
    for (const note of notes) expect(note).toMatchObject({ status: 'signed', cosigner_id: null });
    expect((await call(t, await supervisor(), 'POST', `${noteUrl(group.sessionId)}/cosign`)).statusCode).toBe(409);
  });
});

describe('the database', () => {
  it('keeps an awaiting group note, its sections and its attendee notes from any change but the supervisor’s co-signature', async () => {
    const group = await signedGroup(await trainee());
    const { groupNote, notes } = await rows(group.sessionId);
    const id = groupNote.id;
    const supervisorId = org.users.psychiatrist.id;
    await expect(sql`UPDATE group_notes SET summary = '{}' WHERE id = ${id}`.execute(t.db)).rejects.toThrow(/never changed/);
    await expect(
      sql`UPDATE group_notes SET status = 'draft', signed_at = NULL, signed_by = NULL WHERE id = ${id}`.execute(t.db),
    ).rejects.toThrow(/never changed/);
    await expect(sql`UPDATE group_note_entries SET progress = 'copied' WHERE group_note_id = ${id}`.execute(t.db)).rejects.toThrow(
      /never changed/,
    );
    await expect(sql`DELETE FROM group_notes WHERE id = ${id}`.execute(t.db)).rejects.toThrow(/never deleted/);
    await expect(sql`UPDATE clinical_notes SET content = '{}' WHERE group_note_id = ${id}`.execute(t.db)).rejects.toThrow(/never changed/);
    // A third user's co-signature, and the supervisor's with anything else changed, are refused.
    await expect(
      sql`UPDATE group_notes SET status = 'signed', cosigned_by = ${org.users.director.id}, cosigned_at = now() WHERE id = ${id}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/never changed/);
    await expect(
      sql`UPDATE group_notes SET status = 'signed', cosigned_by = ${supervisorId}, cosigned_at = now(), summary = '{}' WHERE id = ${id}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/never changed/);
    // An attendee note is co-signed only after its group note, by the same supervisor.
    await expect(
      sql`UPDATE clinical_notes SET status = 'signed', cosigned_by = ${supervisorId}, cosigned_at = now() WHERE id = ${at(notes, 0).id}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/never changed/);

    await sql`UPDATE group_notes SET status = 'signed', cosigned_by = ${supervisorId}, cosigned_at = now() WHERE id = ${id}`.execute(t.db);
    await sql`UPDATE clinical_notes SET status = 'signed', cosigned_by = ${supervisorId}, cosigned_at = now() WHERE group_note_id = ${id}`.execute(
      t.db,
    );
    const after = await rows(group.sessionId);
    expect(after.groupNote).toMatchObject({ status: 'signed', cosigned_by: supervisorId, summary: GROUP_SUMMARY });
    expect(after.notes.every((note) => note.status === 'signed')).toBe(true);
    // Once co-signed, final: not even the supervisor signs again.
    await expect(sql`UPDATE group_notes SET cosigned_at = now() WHERE id = ${id}`.execute(t.db)).rejects.toThrow(/never changed/);
  });

  it('refuses an awaiting group note without its supervisor, or co-signed by someone else (CHECKs)', async () => {
    const group = await signedGroup(await director());
    const { groupNote } = await rows(group.sessionId);
    const draft = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present'] });
    await call(t, await trainee(), 'PUT', noteUrl(draft.sessionId), { version: 0, summary: GROUP_SUMMARY, entries: [] });
    const draftId = (await rows(draft.sessionId)).groupNote.id;
    await expect(
      sql`UPDATE group_notes SET status = 'awaiting_cosign', signed_by = ${org.users.clinician.id}, signed_at = now() WHERE id = ${draftId}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/group_notes_awaiting_cosigner/);
    await expect(
      sql`UPDATE group_notes SET status = 'signed', signed_by = ${org.users.clinician.id}, signed_at = now(), cosigner_id = ${org.users.psychiatrist.id}, cosigned_by = ${org.users.director.id}, cosigned_at = now() WHERE id = ${draftId}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/group_notes_cosigned_by_cosigner/);
    expect(groupNote.status).toBe('signed');
  });
});
