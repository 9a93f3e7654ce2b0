import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../domain/access/roles.js';
import { AFTER_GROUP, at } from '../../../../test/attendance-fixtures.js';
import { GROUP_SUMMARY, checkedInGroup, sectionFor } from '../../../../test/group-note-fixtures.js';
import { COMPLETE_DAP, patientInCare } from '../../../../test/notes-fixtures.js';
import { call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';
import { insertUser, replaceRoles, type UserStatus } from '../users/users.repository.js';

// A director names another co-signer for a trainee's note or group note (decision 0034): the note
// moves between the supervisors' work lists, every refusal changes nothing, and the database allows
// exactly this change (cosigner_id of a note awaiting co-signature, a group note with its attendees).

const t = await testApp();
let org: TestOrg;
let other: TestOrg;
/** A second clinician: the co-signer the director names instead of the psychiatrist. */
let standIn: string;
let deactivated: string;
let invited: string;
const trainee = () => sessionFor(t, org.users.clinician, org.organizationId); // supervised by the psychiatrist
const director = () => sessionFor(t, org.users.director, org.organizationId);
const as = (userId: string) => sessionFor(t, { id: userId }, org.organizationId);

async function extraUser(status: UserStatus, roles: Role[]): Promise<string> {
  const id = await insertUser(t.db, {
    organizationId: org.organizationId,
    email: `${randomUUID().slice(0, 8)}@test.openiop.org`,
    displayName: `Test ${status} ${roles.join(' ')}`,
    status,
    passwordHash: null,
    now: new Date(),
  });
  await replaceRoles(t.db, org.organizationId, id, roles);
  return id;
}

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  other = await createTestOrg(t.deps);
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
  standIn = await extraUser('active', ['clinician']);
  deactivated = await extraUser('deactivated', ['clinician']);
  invited = await extraUser('invited', ['psychiatrist']);
});
afterAll(() => t.close());

const REASON = 'Supervisor on leave until January';

/** A trainee's progress note, signed and waiting for the psychiatrist. */
async function awaitingNote(): Promise<{ id: string; patientId: string }> {
  const care = await patientInCare(t.db, org, { signedBy: org.users.clinician.id });
  const created = await call(t, await trainee(), 'POST', `/api/v1/patients/${care.patientId}/notes`, {
    noteType: 'progress_dap',
    serviceDate: '2026-11-02',
  });
  expect(created.statusCode).toBe(201);
  const saved = await call(t, await trainee(), 'PATCH', `/api/v1/notes/${created.json().id}`, { version: 1, content: COMPLETE_DAP });
  expect(saved.statusCode).toBe(200);
  const signed = await call(t, await trainee(), 'POST', `/api/v1/notes/${created.json().id}/sign`, { version: saved.json().version });
  expect(signed.json()).toMatchObject({ status: 'awaiting_cosign', cosigner: { id: org.users.psychiatrist.id } });
  return { id: created.json().id, patientId: care.patientId };
}

const groupUrl = (sessionId: string) => `/api/v1/sessions/${sessionId}/group-note`;

/** A trainee's group note with `attendees` attendee notes, waiting for the psychiatrist. */
async function awaitingGroup(attendees = 2) {
  const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: Array(attendees).fill('present') });
  const entries = group.patientIds.map((patientId, index) => sectionFor(patientId, index));
  const saved = await call(t, await trainee(), 'PUT', groupUrl(group.sessionId), { version: 0, summary: GROUP_SUMMARY, entries });
  expect(saved.statusCode).toBe(200);
  const signed = await call(t, await trainee(), 'POST', `${groupUrl(group.sessionId)}/sign`, { version: saved.json().note.version });
  expect(signed.json().note).toMatchObject({ status: 'awaiting_cosign', cosigner: { id: org.users.psychiatrist.id } });
  return { ...group, groupNoteId: signed.json().note.id as string };
}

async function noteRow(id: string) {
  return t.db.selectFrom('clinical_notes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function groupRows(groupNoteId: string) {
  const groupNote = await t.db.selectFrom('group_notes').selectAll().where('id', '=', groupNoteId).executeTakeFirstOrThrow();
  const notes = await t.db.selectFrom('clinical_notes').selectAll().where('group_note_id', '=', groupNoteId).orderBy('id').execute();
  return { groupNote, notes };
}

async function traces(target: { clinicalNoteId: string } | { groupNoteId: string }) {
  const column = 'clinicalNoteId' in target ? 'clinical_note_id' : 'group_note_id';
  const id = 'clinicalNoteId' in target ? target.clinicalNoteId : target.groupNoteId;
  const reassignments = await t.db.selectFrom('cosigner_reassignments').selectAll().where(column, '=', id).execute();
  const audited = await t.db
    .selectFrom('audit_events')
    .select(['action', 'entity_id', 'patient_id', 'details'])
    .where('organization_id', '=', org.organizationId)
    .where('action', 'in', ['note.cosigner_reassigned', 'group_note.cosigner_reassigned'])
    .where(sql<boolean>`details->>'reassignmentId' = ANY(${reassignments.map((row) => row.id)}::text[])`)
    .execute();
  return { reassignments, audited };
}

async function myLists(session: TestSession) {
  const mine = (await call(t, session, 'GET', '/api/v1/notes/mine')).json();
  return {
    notes: (mine.awaitingMyCosign as { id: string }[]).map((note) => note.id),
    groupNotes: (mine.groupNotesAwaitingMyCosign as { groupNoteId: string }[]).map((row) => row.groupNoteId),
  };
}

describe('a director reassigns a note’s co-signature', () => {
  it('moves the note to the new co-signer’s list, records the reason, audits ids only; the new co-signer co-signs', async () => {
    const note = await awaitingNote();
    expect((await myLists(await as(org.users.psychiatrist.id))).notes).toContain(note.id);
    t.clock.advance(60_000);
    const moved = await call(t, await director(), 'POST', `/api/v1/notes/${note.id}/cosigner`, {
      cosignerId: standIn,
      reason: ` ${REASON} `,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ id: note.id, status: 'awaiting_cosign', cosigner: { id: standIn }, cosignedBy: null });
    expect(await noteRow(note.id)).toMatchObject({ status: 'awaiting_cosign', cosigner_id: standIn, content: COMPLETE_DAP });

    expect((await myLists(await as(org.users.psychiatrist.id))).notes).not.toContain(note.id);
    expect((await myLists(await as(standIn))).notes).toContain(note.id);

    const { reassignments, audited } = await traces({ clinicalNoteId: note.id });
    expect(reassignments).toEqual([
      expect.objectContaining({
        from_cosigner_id: org.users.psychiatrist.id,
        to_cosigner_id: standIn,
        reason: REASON,
        reassigned_by: org.users.director.id,
        reassigned_at: t.clock.now(),
      }),
    ]);
    expect(audited).toEqual([
      {
        action: 'note.cosigner_reassigned',
        entity_id: note.id,
        patient_id: note.patientId,
        details: {
          reassignmentId: at(reassignments, 0).id,
          fromCosignerId: org.users.psychiatrist.id,
          toCosignerId: standIn,
          reasonLength: REASON.length,
        },
      },
    ]);

    const oldCosign = await call(t, await as(org.users.psychiatrist.id), 'POST', `/api/v1/notes/${note.id}/cosign`);
    expect(oldCosign.statusCode).toBe(403);
    const cosigned = await call(t, await as(standIn), 'POST', `/api/v1/notes/${note.id}/cosign`);
    expect(cosigned.statusCode).toBe(200);
    expect(cosigned.json()).toMatchObject({ status: 'signed', cosignedBy: { id: standIn } });
    t.clock.current = AFTER_GROUP;
  });

  it.each<[string, () => string, string]>([
    ['an unknown id', () => randomUUID(), 'unknown staff member'],
    ['another organization’s clinician (read as unknown)', () => other.users.clinician.id, 'unknown staff member'],
    ['a deactivated clinician', () => deactivated, 'must be an active staff member'],
    ['an invited psychiatrist who never signed in', () => invited, 'must be an active staff member'],
    ['an admin', () => org.users.admin.id, 'must be a clinician, psychiatrist or director'],
    ['the trainee who signed', () => org.users.clinician.id, 'the note’s signer cannot co-sign it'],
    ['the current co-signer', () => org.users.psychiatrist.id, 'already the co-signer'],
  ])('refuses %s with 400 on cosignerId, changing nothing', async (_label, cosignerId, message) => {
    const note = await awaitingNote();
    const before = await noteRow(note.id);
    const refused = await call(t, await director(), 'POST', `/api/v1/notes/${note.id}/cosigner`, {
      cosignerId: cosignerId(),
      reason: REASON,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([{ path: 'cosignerId', message }]);
    expect(await noteRow(note.id)).toEqual(before);
    expect(await traces({ clinicalNoteId: note.id })).toEqual({ reassignments: [], audited: [] });
  });

  it('requires a reason of at most 500 characters', async () => {
    const note = await awaitingNote();
    for (const reason of ['   ', 'x'.repeat(501)]) {
      const refused = await call(t, await director(), 'POST', `/api/v1/notes/${note.id}/cosigner`, { cosignerId: standIn, reason });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details[0].path).toBe('reason');
    }
    expect(await noteRow(note.id)).toMatchObject({ cosigner_id: org.users.psychiatrist.id });
  });

  it('refuses a draft and a final note with 409, and another organization’s note with 404', async () => {
    const care = await patientInCare(t.db, org, { signedBy: org.users.clinician.id });
    const draft = await call(t, await trainee(), 'POST', `/api/v1/patients/${care.patientId}/notes`, {
      noteType: 'progress_dap',
      serviceDate: '2026-11-02',
    });
    const refusedDraft = await call(t, await director(), 'POST', `/api/v1/notes/${draft.json().id}/cosigner`, {
      cosignerId: standIn,
      reason: REASON,
    });
    expect(refusedDraft.statusCode).toBe(409);
    expect(refusedDraft.json().error.message).toMatch(/Only a note awaiting co-signature/);

    const note = await awaitingNote();
    expect((await call(t, await as(org.users.psychiatrist.id), 'POST', `/api/v1/notes/${note.id}/cosign`)).statusCode).toBe(200);
    const refusedFinal = await call(t, await director(), 'POST', `/api/v1/notes/${note.id}/cosigner`, {
      cosignerId: standIn,
      reason: REASON,
    });
    expect(refusedFinal.statusCode).toBe(409);
    expect(await noteRow(note.id)).toMatchObject({ status: 'signed', cosigner_id: org.users.psychiatrist.id });

    const otherDirector = await sessionFor(t, other.users.director, other.organizationId);
    const foreign = await awaitingNote();
    expect(
      (
        await call(t, otherDirector, 'POST', `/api/v1/notes/${foreign.id}/cosigner`, {
          cosignerId: other.users.clinician.id,
          reason: REASON,
        })
      ).statusCode,
    ).toBe(404);
    expect(await noteRow(foreign.id)).toMatchObject({ cosigner_id: org.users.psychiatrist.id });
  });
});

describe('a director reassigns a group note’s co-signature', () => {
  it('moves the group note and all its attendee notes together; the new co-signer co-signs them all', async () => {
    const group = await awaitingGroup(3);
    expect((await myLists(await as(org.users.psychiatrist.id))).groupNotes).toContain(group.groupNoteId);
    const moved = await call(t, await director(), 'POST', `${groupUrl(group.sessionId)}/cosigner`, { cosignerId: standIn, reason: REASON });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().note).toMatchObject({ status: 'awaiting_cosign', cosigner: { id: standIn }, notesWritten: 3 });
    const { groupNote, notes } = await groupRows(group.groupNoteId);
    expect(groupNote).toMatchObject({ status: 'awaiting_cosign', cosigner_id: standIn, summary: GROUP_SUMMARY });
    expect(notes.map((note) => note.cosigner_id)).toEqual([standIn, standIn, standIn]);

    expect((await myLists(await as(org.users.psychiatrist.id))).groupNotes).not.toContain(group.groupNoteId);
    expect((await myLists(await as(standIn))).groupNotes).toContain(group.groupNoteId);

    const { reassignments, audited } = await traces({ groupNoteId: group.groupNoteId });
    expect(reassignments).toEqual([
      expect.objectContaining({ from_cosigner_id: org.users.psychiatrist.id, to_cosigner_id: standIn, reason: REASON }),
    ]);
    expect(audited.map((event) => event.entity_id).sort()).toEqual(notes.map((note) => note.id).sort());
    expect(audited.map((event) => event.patient_id).sort()).toEqual([...group.patientIds].sort());
    expect(audited[0]).toMatchObject({
      action: 'group_note.cosigner_reassigned',
      details: {
        groupNoteId: group.groupNoteId,
        sessionId: group.sessionId,
        reassignmentId: at(reassignments, 0).id,
        fromCosignerId: org.users.psychiatrist.id,
        toCosignerId: standIn,
        reasonLength: REASON.length,
      },
    });

    expect((await call(t, await as(org.users.psychiatrist.id), 'POST', `${groupUrl(group.sessionId)}/cosign`)).statusCode).toBe(403);
    const cosigned = await call(t, await as(standIn), 'POST', `${groupUrl(group.sessionId)}/cosign`);
    expect(cosigned.statusCode).toBe(200);
    expect((await groupRows(group.groupNoteId)).notes.every((note) => note.status === 'signed' && note.cosigned_by === standIn)).toBe(true);
  });

  it('refuses an attendee note on the note route (422), the signer (400) and a draft (409), changing nothing', async () => {
    const group = await awaitingGroup();
    const before = await groupRows(group.groupNoteId);
    const alone = await call(t, await director(), 'POST', `/api/v1/notes/${at(before.notes, 0).id}/cosigner`, {
      cosignerId: standIn,
      reason: REASON,
    });
    expect(alone.statusCode).toBe(422);
    expect(alone.json().error.message).toMatch(/change co-signer together, on the group note/);
    const signer = await call(t, await director(), 'POST', `${groupUrl(group.sessionId)}/cosigner`, {
      cosignerId: org.users.clinician.id,
      reason: REASON,
    });
    expect(signer.statusCode).toBe(400);
    expect(signer.json().error.details).toEqual([{ path: 'cosignerId', message: 'the note’s signer cannot co-sign it' }]);
    expect(await groupRows(group.groupNoteId)).toEqual(before);
    expect(await traces({ groupNoteId: group.groupNoteId })).toEqual({ reassignments: [], audited: [] });

    const draft = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present'] });
    expect(
      (await call(t, await director(), 'POST', `${groupUrl(draft.sessionId)}/cosigner`, { cosignerId: standIn, reason: REASON }))
        .statusCode,
    ).toBe(404);
    await call(t, await trainee(), 'PUT', groupUrl(draft.sessionId), { version: 0, summary: GROUP_SUMMARY, entries: [] });
    expect(
      (await call(t, await director(), 'POST', `${groupUrl(draft.sessionId)}/cosigner`, { cosignerId: standIn, reason: REASON }))
        .statusCode,
    ).toBe(409);
  });
});

describe('the database', () => {
  it('allows a note awaiting co-signature another co-signer, and nothing more', async () => {
    const note = await awaitingNote();
    const update = (set: ReturnType<typeof sql>) => sql`UPDATE clinical_notes SET ${set} WHERE id = ${note.id}`.execute(t.db);
    await expect(update(sql`cosigner_id = ${standIn}, content = '{}'`)).rejects.toThrow(/never changed/);
    await expect(update(sql`cosigner_id = ${standIn}, version = version + 1`)).rejects.toThrow(/never changed/);
    await expect(update(sql`cosigner_id = NULL`)).rejects.toThrow(/never changed/);
    await expect(update(sql`cosigner_id = ${org.users.clinician.id}`)).rejects.toThrow(/never changed/);
    await update(sql`cosigner_id = ${standIn}, updated_at = now()`);
    expect(await noteRow(note.id)).toMatchObject({ status: 'awaiting_cosign', cosigner_id: standIn, content: COMPLETE_DAP });

    // Once co-signed, final: no co-signer changes.
    await sql`UPDATE clinical_notes SET status = 'signed', cosigned_by = ${standIn}, cosigned_at = now() WHERE id = ${note.id}`.execute(
      t.db,
    );
    await expect(update(sql`cosigner_id = ${org.users.psychiatrist.id}`)).rejects.toThrow(/never changed/);
  });

  it('gives a draft no co-signer to reassign', async () => {
    const care = await patientInCare(t.db, org, { signedBy: org.users.clinician.id });
    const draft = await call(t, await trainee(), 'POST', `/api/v1/patients/${care.patientId}/notes`, {
      noteType: 'progress_dap',
      serviceDate: '2026-11-02',
    });
    await expect(sql`UPDATE clinical_notes SET cosigner_id = ${standIn} WHERE id = ${draft.json().id}`.execute(t.db)).rejects.toThrow(
      /clinical_notes_draft_no_cosigner/,
    );
  });

  it('moves attendee notes only with their group note, to the group note’s co-signer', async () => {
    const group = await awaitingGroup();
    const { notes } = await groupRows(group.groupNoteId);
    const id = group.groupNoteId;
    // An attendee note alone, to a co-signer its group note does not have.
    await expect(sql`UPDATE clinical_notes SET cosigner_id = ${standIn} WHERE id = ${at(notes, 0).id}`.execute(t.db)).rejects.toThrow(
      /never changed/,
    );
    // The group note alone: refused at commit, because its attendee notes still wait for the old co-signer.
    await expect(sql`UPDATE group_notes SET cosigner_id = ${standIn} WHERE id = ${id}`.execute(t.db)).rejects.toThrow(/same co-signer/);
    await expect(sql`UPDATE group_notes SET cosigner_id = ${standIn}, summary = '{}' WHERE id = ${id}`.execute(t.db)).rejects.toThrow(
      /never changed/,
    );
    // The group note to one co-signer, an attendee note to another.
    await expect(
      t.db.transaction().execute(async (trx) => {
        await sql`UPDATE group_notes SET cosigner_id = ${standIn} WHERE id = ${id}`.execute(trx);
        await sql`UPDATE clinical_notes SET cosigner_id = ${org.users.director.id} WHERE group_note_id = ${id}`.execute(trx);
      }),
    ).rejects.toThrow(/never changed/);
    expect((await groupRows(id)).groupNote.cosigner_id).toBe(org.users.psychiatrist.id);

    await t.db.transaction().execute(async (trx) => {
      await sql`UPDATE group_notes SET cosigner_id = ${standIn}, updated_at = now() WHERE id = ${id}`.execute(trx);
      await sql`UPDATE clinical_notes SET cosigner_id = ${standIn}, updated_at = now() WHERE group_note_id = ${id}`.execute(trx);
    });
    const after = await groupRows(id);
    expect(after.groupNote.cosigner_id).toBe(standIn);
    expect(after.notes.map((note) => note.cosigner_id)).toEqual(notes.map(() => standIn));
  });

  it('refuses to reassign a signed group note', async () => {
    const group = await awaitingGroup(1);
    expect((await call(t, await as(org.users.psychiatrist.id), 'POST', `${groupUrl(group.sessionId)}/cosign`)).statusCode).toBe(200);
    await expect(sql`UPDATE group_notes SET cosigner_id = ${standIn} WHERE id = ${group.groupNoteId}`.execute(t.db)).rejects.toThrow(
      /never changed/,
    );
  });
});
