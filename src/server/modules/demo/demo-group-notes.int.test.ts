import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestApp, testAppOnFreshDatabase } from '../../../../test/support.js';
import { seedDemo } from './demo.service.js';

let t: TestApp;

beforeAll(async () => {
  t = await testAppOnFreshDatabase(new Date('2026-11-10T16:00:00Z'));
});
afterAll(() => t.close());

it('seeds a signed group note with its own text per attendee, one chart note each, and a draft for a later group', async () => {
  await seedDemo(t.deps);
  // The demo clinician's own notes (the trainee's note awaiting co-signature is demo-group-note-cosign's).
  const notes = await t.db
    .selectFrom('group_notes')
    .innerJoin('users', 'users.id', 'group_notes.author_id')
    .select(['group_notes.id', 'session_id', 'group_notes.status', 'signed_at'])
    .where('users.email', '=', 'clinician@demo.openiop.org')
    .orderBy('group_notes.created_at')
    .execute();
  expect(notes.map((note) => note.status)).toEqual(['signed', 'draft']);
  const [signed] = notes;
  const attendees = await t.db
    .selectFrom('attendance')
    .select('patient_id')
    .where('session_id', '=', signed?.session_id ?? '')
    .where('status', 'in', ['present', 'late', 'left_early'])
    .execute();
  const written = await t.db
    .selectFrom('clinical_notes')
    .select(['patient_id', 'content', 'status'])
    .where('group_note_id', '=', signed?.id ?? '')
    .execute();
  expect(written.map((note) => note.patient_id).sort()).toEqual(attendees.map((row) => row.patient_id).sort());
  expect(written.length).toBeGreaterThanOrEqual(2);
  const participation = written.map((note) => (note.content as { participation: string }).participation);
  expect(new Set(participation).size).toBe(participation.length);
  expect(written.every((note) => note.status === 'signed')).toBe(true);
});
