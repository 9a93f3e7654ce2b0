import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AFTER_GROUP, GROUP_DAY, at } from '../../../../test/attendance-fixtures.js';
import { createPatient, createSession } from '../../../../test/factories.js';
import { GROUP_SUMMARY, checkedInGroup, recordAttendance, sectionFor, signedPlan } from '../../../../test/group-note-fixtures.js';
import { auditActions, call, createTestOrg, sessionFor, testApp, type TestOrg, type TestSession } from '../../../../test/support.js';

// Group notes: a draft saved with versions, signed into one note per attendee's chart only when it
// agrees with the roster and every attendee's text is their own; refusals change nothing.

const t = await testApp();
let org: TestOrg;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  t.clock.current = AFTER_GROUP;
});
afterAll(() => t.close());

const noteUrl = (sessionId: string) => `/api/v1/sessions/${sessionId}/group-note`;

async function facilitator(): Promise<TestSession> {
  return sessionFor(t, org.users.clinician, org.organizationId);
}

async function clinicalNotes(sessionId: string) {
  return t.db.selectFrom('clinical_notes').selectAll().where('session_id', '=', sessionId).orderBy('patient_id').execute();
}

async function groupNoteRow(sessionId: string) {
  return t.db.selectFrom('group_notes').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
}

describe('reading a session’s group note', () => {
  it('shows the roster as recorded, each attendee’s open plan objectives, and no note yet; audited per patient', async () => {
    const group = await checkedInGroup(t.db, org, {
      facilitatorId: org.users.clinician.id,
      statuses: ['present', 'late', 'absent_excused', null],
      minutes: [180, 150, 0],
    });
    const [objective] = await signedPlan(t.db, org, {
      patientId: at(group.patientIds, 0),
      episodeId: at(group.episodeIds, 0),
      objectives: ['Use one coping skill daily for 2 weeks'],
    });
    const response = await call(t, await facilitator(), 'GET', noteUrl(group.sessionId));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.note).toBeNull();
    expect(body.canWrite).toBe(true);
    expect(body.session).toMatchObject({ id: group.sessionId, localDate: GROUP_DAY, kind: 'group', lengthMinutes: 180 });
    const rows = new Map(body.roster.map((row: { patientId: string }) => [row.patientId, row]));
    expect(rows.get(at(group.patientIds, 0))).toMatchObject({
      status: 'present',
      minutes: 180,
      attendee: true,
      objectives: [{ id: objective, statement: 'Use one coping skill daily for 2 weeks' }],
    });
    expect(rows.get(at(group.patientIds, 1))).toMatchObject({ status: 'late', minutes: 150, attendee: true, objectives: [] });
    expect(rows.get(at(group.patientIds, 2))).toMatchObject({ status: 'absent_excused', attendee: false, objectives: [] });
    expect(rows.get(at(group.patientIds, 3))).toMatchObject({ status: null, minutes: null, attendee: false });
    const viewed = await t.db
      .selectFrom('audit_events')
      .select('patient_id')
      .where('action', '=', 'group_note.viewed')
      .where('entity_id', '=', group.sessionId)
      .execute();
    expect(viewed.map((row) => row.patient_id).sort()).toEqual([...group.patientIds].sort());
  });

  it('answers 404 for an unknown session', async () => {
    expect((await call(t, await facilitator(), 'GET', noteUrl(crypto.randomUUID()))).statusCode).toBe(404);
  });

  it.each(['admissions', 'front_desk', 'billing', 'admin', 'auditor'] as const)('refuses %s (403)', async (role) => {
    const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present'] });
    const session = await sessionFor(t, org.users[role], org.organizationId);
    expect((await call(t, session, 'GET', noteUrl(group.sessionId))).statusCode).toBe(403);
    expect((await call(t, session, 'GET', '/api/v1/group-notes/to-write')).statusCode).toBe(403);
  });
});

describe('saving the draft', () => {
  it('creates it from version 0, saves again from version 1, and refuses a stale save with both versions (412)', async () => {
    const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present', 'present'] });
    const clinician = await facilitator();
    const entries = group.patientIds.map((patientId, index) => sectionFor(patientId, index));
    const first = await call(t, clinician, 'PUT', noteUrl(group.sessionId), { version: 0, summary: GROUP_SUMMARY, entries: [] });
    expect(first.statusCode).toBe(200);
    expect(first.json().note).toMatchObject({ version: 1, status: 'draft', entries: [], author: { id: org.users.clinician.id } });

    const second = await call(t, clinician, 'PUT', noteUrl(group.sessionId), { version: 1, summary: GROUP_SUMMARY, entries });
    expect(second.statusCode).toBe(200);
    expect(second.json().note.version).toBe(2);
    expect(second.json().note.entries).toHaveLength(2);

    const director = await sessionFor(t, org.users.director, org.organizationId);
    const stale = await call(t, director, 'PUT', noteUrl(group.sessionId), {
      version: 1,
      summary: { ...GROUP_SUMMARY, topic: 'Overwritten' },
      entries: [],
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect(stale.json().error.details.current).toMatchObject({ version: 2, summary: GROUP_SUMMARY });
    expect(stale.json().error.details.current.entries).toHaveLength(2);
    expect((await groupNoteRow(group.sessionId))?.summary).toEqual(GROUP_SUMMARY);

    // A second "first save" (someone else started from no note) is stale too: one note per session.
    const again = await call(t, director, 'PUT', noteUrl(group.sessionId), { version: 0, summary: GROUP_SUMMARY, entries: [] });
    expect(again.statusCode).toBe(412);
    expect(await auditActions(t.db, org.organizationId)).toContain('group_note.draft_saved');
  });

  it('moves a section’s updatedAt only when its text changed, and drops the section of someone left out', async () => {
    const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present', 'present', 'present'] });
    const clinician = await facilitator();
    const [first, second, third] = group.patientIds.map((patientId, index) => sectionFor(patientId, index));
    const savedAt = t.clock.now().toISOString();
    await call(t, clinician, 'PUT', noteUrl(group.sessionId), { version: 0, summary: GROUP_SUMMARY, entries: [first, second, third] });
    t.clock.advance(60_000);
    const changed = { ...second, progress: 'Progress 2: named two triggers' };
    const saved = await call(t, clinician, 'PUT', noteUrl(group.sessionId), {
      version: 1,
      summary: GROUP_SUMMARY,
      entries: [first, changed],
    });
    const entries = new Map(saved.json().note.entries.map((entry: { patientId: string }) => [entry.patientId, entry]));
    expect(entries.size).toBe(2);
    expect(entries.get(at(group.patientIds, 0))).toMatchObject({ updatedAt: savedAt });
    expect(entries.get(at(group.patientIds, 1))).toMatchObject({ progress: changed.progress, updatedAt: t.clock.now().toISOString() });
    t.clock.current = AFTER_GROUP;
  });

  it('accepts the version in If-Match, and asks for one when neither is sent (400 naming version)', async () => {
    const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present'] });
    const clinician = await facilitator();
    const body = { summary: GROUP_SUMMARY, entries: [] };
    expect((await call(t, clinician, 'PUT', noteUrl(group.sessionId), body, { 'if-match': '"0"' })).statusCode).toBe(200);
    const missing = await call(t, clinician, 'PUT', noteUrl(group.sessionId), body);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('version');
  });

  it('refuses a section for someone not on the roster (422) and a patient listed twice (400)', async () => {
    const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present'] });
    const stranger = await createPatient(t.db, org);
    const clinician = await facilitator();
    const notOnRoster = await call(t, clinician, 'PUT', noteUrl(group.sessionId), {
      version: 0,
      summary: GROUP_SUMMARY,
      entries: [sectionFor(stranger, 0)],
    });
    expect(notOnRoster.statusCode).toBe(422);
    expect(notOnRoster.json().error.details[0]).toMatchObject({ patientId: stranger, rule: 'entry_not_attendee' });
    const twice = await call(t, clinician, 'PUT', noteUrl(group.sessionId), {
      version: 0,
      summary: GROUP_SUMMARY,
      entries: [sectionFor(at(group.patientIds, 0), 0), sectionFor(at(group.patientIds, 0), 1)],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toContain('entries.1.patientId');
    expect(await groupNoteRow(group.sessionId)).toBeUndefined();
  });

  it('lets only the session’s facilitators, its substitute and directors write (403 for another clinician)', async () => {
    const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.psychiatrist.id, statuses: ['present'] });
    const body = { version: 0, summary: GROUP_SUMMARY, entries: [] };
    const clinician = await facilitator();
    const read = await call(t, clinician, 'GET', noteUrl(group.sessionId));
    expect(read.statusCode).toBe(200);
    expect(read.json().canWrite).toBe(false);
    const refused = await call(t, clinician, 'PUT', noteUrl(group.sessionId), body);
    expect(refused.statusCode).toBe(403);
    expect((await call(t, clinician, 'POST', `${noteUrl(group.sessionId)}/sign`, { version: 1 })).statusCode).toBe(403);
    expect(await groupNoteRow(group.sessionId)).toBeUndefined();

    await t.db
      .updateTable('sessions_of_care')
      .set({ substitute_facilitator_id: org.users.clinician.id })
      .where('id', '=', group.sessionId)
      .execute();
    expect((await call(t, clinician, 'PUT', noteUrl(group.sessionId), body)).statusCode).toBe(200);
    const director = await sessionFor(t, org.users.director, org.organizationId);
    expect((await call(t, director, 'PUT', noteUrl(group.sessionId), { ...body, version: 1 })).statusCode).toBe(200);
    expect(await groupNoteRow(group.sessionId)).toMatchObject({ author_id: org.users.clinician.id, version: 2, status: 'draft' });
  });

  it('refuses a cancelled session and an individual appointment (422)', async () => {
    const cancelled = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: [] });
    await t.db
      .updateTable('sessions_of_care')
      .set({ status: 'cancelled', cancel_reason: 'Snow day', cancelled_by: 'staff' })
      .where('id', '=', cancelled.sessionId)
      .execute();
    const patientId = await createPatient(t.db, org);
    const appointment = await createSession(t.db, org, {
      kind: 'individual_therapy',
      patientId,
      startsAt: '2026-11-03T15:00:00Z',
      minutes: 50,
      localDate: '2026-11-03',
      clinicianIds: [org.users.clinician.id],
      capacity: 1,
    });
    const clinician = await facilitator();
    const body = { version: 0, summary: GROUP_SUMMARY, entries: [] };
    const refusedCancelled = await call(t, clinician, 'PUT', noteUrl(cancelled.sessionId), body);
    expect(refusedCancelled.statusCode).toBe(422);
    expect(refusedCancelled.json().error.message).toMatch(/cancelled/);
    const refusedAppointment = await call(t, clinician, 'PUT', noteUrl(appointment), body);
    expect(refusedAppointment.statusCode).toBe(422);
    expect(refusedAppointment.json().error.message).toMatch(/group sessions/);
    expect(await groupNoteRow(cancelled.sessionId)).toBeUndefined();
    expect(await groupNoteRow(appointment)).toBeUndefined();
  });
});

/** A facilitator's draft with one distinct section per given patient index; returns the draft's version. */
async function draft(
  sessionId: string,
  patientIds: string[],
  indexes: number[],
  objectiveIds: Record<number, string[]> = {},
): Promise<number> {
  const entries = indexes.map((index) => sectionFor(at(patientIds, index), index, objectiveIds[index] ?? []));
  const response = await call(t, await facilitator(), 'PUT', noteUrl(sessionId), { version: 0, summary: GROUP_SUMMARY, entries });
  expect(response.statusCode).toBe(200);
  return response.json().note.version;
}

describe('signing', () => {
  it('writes exactly one signed note per attendee with the roster’s status and minutes, and locks the group note', async () => {
    const group = await checkedInGroup(t.db, org, {
      facilitatorId: org.users.clinician.id,
      statuses: ['present', 'late', 'left_early', 'absent_unexcused'],
      minutes: [180, 150, 90, 0],
    });
    const objectives = await signedPlan(t.db, org, {
      patientId: at(group.patientIds, 1),
      episodeId: at(group.episodeIds, 1),
      objectives: ['Attend 3 groups a week', 'Name two triggers'],
    });
    const version = await draft(group.sessionId, group.patientIds, [0, 1, 2], { 1: [at(objectives, 1)] });
    const clinician = await facilitator();
    const signed = await call(t, clinician, 'POST', `${noteUrl(group.sessionId)}/sign`, { version });
    expect(signed.statusCode).toBe(200);
    expect(signed.json().note).toMatchObject({ status: 'signed', notesWritten: 3, signedBy: { id: org.users.clinician.id } });

    const notes = await clinicalNotes(group.sessionId);
    expect(notes).toHaveLength(3);
    const byPatient = new Map(notes.map((note) => [note.patient_id, note]));
    expect(byPatient.has(at(group.patientIds, 3))).toBe(false);
    for (const [index, status, minutes] of [
      [0, 'present', 180],
      [1, 'late', 150],
      [2, 'left_early', 90],
    ] as const) {
      const note = byPatient.get(at(group.patientIds, index));
      const section = sectionFor(at(group.patientIds, index), index);
      expect(note).toMatchObject({
        note_type: 'group',
        status: 'signed',
        signed_by: org.users.clinician.id,
        episode_id: at(group.episodeIds, index),
        service_date: GROUP_DAY,
        duration_minutes: minutes,
        part2: false,
      });
      expect(note?.content).toEqual({
        ...GROUP_SUMMARY,
        attendanceStatus: status,
        minutes: String(minutes),
        participation: section.participation,
        response: section.response,
        progress: section.progress,
      });
    }
    expect(byPatient.get(at(group.patientIds, 1))?.addressed_objective_ids).toEqual([at(objectives, 1)]);
    expect((await groupNoteRow(group.sessionId))?.status).toBe('signed');
    const signedEvents = await t.db
      .selectFrom('audit_events')
      .select(['patient_id', 'entity_id'])
      .where('action', '=', 'group_note.signed')
      .where('organization_id', '=', org.organizationId)
      .where(
        'entity_id',
        'in',
        notes.map((note) => note.id),
      )
      .execute();
    expect(signedEvents).toHaveLength(3);

    // Signed means final: no second signing, no more saves.
    expect((await call(t, clinician, 'POST', `${noteUrl(group.sessionId)}/sign`, { version: version + 1 })).statusCode).toBe(409);
    const save = await call(t, clinician, 'PUT', noteUrl(group.sessionId), { version: version + 1, summary: GROUP_SUMMARY, entries: [] });
    expect(save.statusCode).toBe(409);
    const view = await call(t, clinician, 'GET', noteUrl(group.sessionId));
    expect(view.json().note).toMatchObject({ status: 'signed', notesWritten: 3 });
  });

  it.each([
    ['a section for an absent patient', ['present', 'present', 'absent_excused'] as const, [0, 1, 2], 'entry_not_attendee', 2],
    ['an attendee without a section', ['present', 'present', 'late'] as const, [0, 1], 'entry_missing', 2],
  ])('refuses %s with 422 naming the rule and the patient, and writes nothing', async (_name, statuses, indexes, rule, patientIndex) => {
    const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: [...statuses] });
    const version = await draft(group.sessionId, group.patientIds, indexes);
    const response = await call(t, await facilitator(), 'POST', `${noteUrl(group.sessionId)}/sign`, { version });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('RULE_VIOLATION');
    expect(response.json().error.message).toMatch(/disagrees with the roster/);
    expect(response.json().error.details).toContainEqual(expect.objectContaining({ rule, patientId: at(group.patientIds, patientIndex) }));
    expect(await clinicalNotes(group.sessionId)).toEqual([]);
    expect(await groupNoteRow(group.sessionId)).toMatchObject({ status: 'draft', version });
  });

  it('fails naming the patient who was checked in after the draft was written', async () => {
    const group = await checkedInGroup(t.db, org, {
      facilitatorId: org.users.clinician.id,
      statuses: ['present', 'present', 'absent_unexcused'],
    });
    const version = await draft(group.sessionId, group.patientIds, [0, 1]);
    await t.db.deleteFrom('attendance').where('patient_id', '=', at(group.patientIds, 2)).execute();
    await recordAttendance(t.db, org, group, 2, 'late', 120);
    const response = await call(t, await facilitator(), 'POST', `${noteUrl(group.sessionId)}/sign`, { version });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual([
      expect.objectContaining({ path: `entries.${at(group.patientIds, 2)}`, rule: 'entry_missing', patientId: at(group.patientIds, 2) }),
    ]);
    expect(await clinicalNotes(group.sessionId)).toEqual([]);
  });

  it('refuses while an expected patient has no attendance recorded', async () => {
    const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present', null] });
    const version = await draft(group.sessionId, group.patientIds, [0]);
    const response = await call(t, await facilitator(), 'POST', `${noteUrl(group.sessionId)}/sign`, { version });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual([
      expect.objectContaining({ rule: 'attendance_incomplete', patientId: at(group.patientIds, 1) }),
    ]);
  });

  it('refuses identical individualized text across attendees, whatever the case and spacing (422)', async () => {
    const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present', 'present'] });
    const [a, b] = group.patientIds.map((patientId, index) => sectionFor(patientId, index));
    const entries = [
      { ...a, response: 'Engaged well with the material.' },
      { ...b, response: '  engaged WELL with the material ' },
    ];
    const saved = await call(t, await facilitator(), 'PUT', noteUrl(group.sessionId), { version: 0, summary: GROUP_SUMMARY, entries });
    const response = await call(t, await facilitator(), 'POST', `${noteUrl(group.sessionId)}/sign`, { version: saved.json().note.version });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toMatch(/must differ between attendees/);
    expect(
      response
        .json()
        .error.details.map((issue: { path: string }) => issue.path)
        .sort(),
    ).toEqual(group.patientIds.map((patientId) => `entries.${patientId}.response`).sort());
    // Error bodies carry ids and rules, never the note's text.
    expect(response.body).not.toContain('Engaged');
    expect(await clinicalNotes(group.sessionId)).toEqual([]);
  });

  it('refuses to sign once the session was cancelled (422), and a session without a draft (404)', async () => {
    const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present'] });
    const version = await draft(group.sessionId, group.patientIds, [0]);
    await t.db
      .updateTable('sessions_of_care')
      .set({ status: 'cancelled', cancel_reason: 'Facilitator ill', cancelled_by: 'staff' })
      .where('id', '=', group.sessionId)
      .execute();
    const cancelled = await call(t, await facilitator(), 'POST', `${noteUrl(group.sessionId)}/sign`, { version });
    expect(cancelled.statusCode).toBe(422);
    expect(cancelled.json().error.message).toMatch(/cancelled/);
    expect(await clinicalNotes(group.sessionId)).toEqual([]);
    const other = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present'] });
    expect((await call(t, await facilitator(), 'POST', `${noteUrl(other.sessionId)}/sign`, { version: 1 })).statusCode).toBe(404);
  });

  it('refuses a stale version (412) and a missing summary (422)', async () => {
    const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present'] });
    const version = await draft(group.sessionId, group.patientIds, [0]);
    const stale = await call(t, await facilitator(), 'POST', `${noteUrl(group.sessionId)}/sign`, { version: version + 5 });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.version).toBe(version);
    await call(t, await facilitator(), 'PUT', noteUrl(group.sessionId), {
      version,
      summary: { ...GROUP_SUMMARY, interventions: ' ' },
      entries: [sectionFor(at(group.patientIds, 0), 0)],
    });
    const missing = await call(t, await facilitator(), 'POST', `${noteUrl(group.sessionId)}/sign`, { version: version + 1 });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details).toEqual([expect.objectContaining({ path: 'summary.interventions', rule: 'summary_required' })]);
    expect(await clinicalNotes(group.sessionId)).toEqual([]);
    expect(await groupNoteRow(group.sessionId)).toMatchObject({ status: 'draft', version: version + 1 });
  });

  it('tags the group note and every attendee note of a Part 2 program', async () => {
    const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present', 'late'], part2: true });
    const version = await draft(group.sessionId, group.patientIds, [0, 1]);
    expect((await call(t, await facilitator(), 'POST', `${noteUrl(group.sessionId)}/sign`, { version })).statusCode).toBe(200);
    expect((await groupNoteRow(group.sessionId))?.part2).toBe(true);
    const notes = await clinicalNotes(group.sessionId);
    expect(notes.map((note) => note.part2)).toEqual([true, true]);
  });

  it('lists attendance corrected after signing, and a late check-in, for an addendum', async () => {
    const group = await checkedInGroup(t.db, org, {
      facilitatorId: org.users.clinician.id,
      statuses: ['present', 'late', null],
      minutes: [180, 150],
    });
    await t.db.deleteFrom('episode_enrolments').where('episode_id', '=', at(group.episodeIds, 2)).execute();
    const version = await draft(group.sessionId, group.patientIds, [0, 1]);
    expect((await call(t, await facilitator(), 'POST', `${noteUrl(group.sessionId)}/sign`, { version })).statusCode).toBe(200);
    expect((await call(t, await facilitator(), 'GET', noteUrl(group.sessionId))).json().rosterChanges).toEqual([]);

    await t.db
      .updateTable('attendance')
      .set({ status: 'left_early', minutes: 90 })
      .where('patient_id', '=', at(group.patientIds, 1))
      .execute();
    await recordAttendance(t.db, org, group, 2, 'present');
    const view = (await call(t, await facilitator(), 'GET', noteUrl(group.sessionId))).json();
    expect(view.rosterChanges).toEqual([
      { patientId: at(group.patientIds, 1), name: 'Pat1 Group-B', message: 'note says late, 150 min; roster now says left_early, 90 min' },
      { patientId: at(group.patientIds, 2), name: 'Pat2 Group-C', message: 'checked in (present, 180 min) after signing: no group note' },
    ]);
  });

  it('never changes a signed group note, its sections or the notes it wrote, even in SQL', async () => {
    const group = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present', 'present'] });
    const version = await draft(group.sessionId, group.patientIds, [0, 1]);
    await call(t, await facilitator(), 'POST', `${noteUrl(group.sessionId)}/sign`, { version });
    const note = await groupNoteRow(group.sessionId);
    await expect(sql`UPDATE group_notes SET summary = '{}' WHERE id = ${note?.id}`.execute(t.db)).rejects.toThrow(/never changed/);
    await expect(sql`UPDATE group_note_entries SET progress = 'copied' WHERE group_note_id = ${note?.id}`.execute(t.db)).rejects.toThrow(
      /never changed/,
    );
    await expect(sql`DELETE FROM group_note_entries WHERE group_note_id = ${note?.id}`.execute(t.db)).rejects.toThrow(/never changed/);
    await expect(sql`UPDATE clinical_notes SET content = '{}' WHERE group_note_id = ${note?.id}`.execute(t.db)).rejects.toThrow(
      /never changed/,
    );
    await expect(sql`DELETE FROM clinical_notes WHERE group_note_id = ${note?.id}`.execute(t.db)).rejects.toThrow(/never deleted/);
  });
});

describe('group notes to write', () => {
  it('lists past groups with attendees and no signed note: my own for a clinician, all for a director', async () => {
    const mine = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['present'] });
    const theirs = await checkedInGroup(t.db, org, { facilitatorId: org.users.psychiatrist.id, statuses: ['late'] });
    const nobodyCame = await checkedInGroup(t.db, org, { facilitatorId: org.users.clinician.id, statuses: ['absent_excused'] });
    const listed = async (session: TestSession) =>
      (await call(t, session, 'GET', '/api/v1/group-notes/to-write')).json().sessions.map((s: { sessionId: string }) => s.sessionId);

    const clinician = await facilitator();
    expect(await listed(clinician)).toContain(mine.sessionId);
    expect(await listed(clinician)).not.toContain(theirs.sessionId);
    expect(await listed(clinician)).not.toContain(nobodyCame.sessionId);
    const director = await sessionFor(t, org.users.director, org.organizationId);
    expect(await listed(director)).toEqual(expect.arrayContaining([mine.sessionId, theirs.sessionId]));

    const version = await draft(mine.sessionId, mine.patientIds, [0]);
    const withDraft = (await call(t, clinician, 'GET', '/api/v1/group-notes/to-write')).json().sessions;
    expect(withDraft.find((s: { sessionId: string }) => s.sessionId === mine.sessionId)).toMatchObject({
      attendees: 1,
      draft: { version },
    });
    await call(t, clinician, 'POST', `${noteUrl(mine.sessionId)}/sign`, { version });
    expect(await listed(clinician)).not.toContain(mine.sessionId);
  });
});
