import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, sessionFor, type TestApp, testAppOnFreshDatabase } from '../../../../test/support.js';
import { seedDemo } from './demo.service.js';

let t: TestApp;

beforeAll(async () => {
  t = await testAppOnFreshDatabase(new Date('2026-11-10T16:00:00Z'));
});
afterAll(() => t.close());

it('seeds a trainee’s group note awaiting the supervisor, who sees it in their work list and co-signs it', async () => {
  await seedDemo(t.deps);
  const users = await t.db
    .selectFrom('users')
    .select(['id', 'email', 'organization_id'])
    .where('email', 'in', ['therapist4@demo.openiop.org', 'clinician@demo.openiop.org'])
    .execute();
  const trainee = users.find((user) => user.email.startsWith('therapist4'));
  const supervisor = users.find((user) => user.email.startsWith('clinician'));
  if (!trainee || !supervisor) throw new Error('demo users missing');
  const awaiting = await t.db
    .selectFrom('group_notes')
    .select(['id', 'session_id', 'signed_by', 'cosigner_id'])
    .where('status', '=', 'awaiting_cosign')
    .execute();
  expect(awaiting).toEqual([expect.objectContaining({ signed_by: trainee.id, cosigner_id: supervisor.id })]);
  const [note] = awaiting;
  const written = await t.db
    .selectFrom('clinical_notes')
    .select(['status', 'cosigner_id'])
    .where('group_note_id', '=', note?.id ?? '')
    .execute();
  expect(written.length).toBeGreaterThanOrEqual(2);
  expect(written.every((row) => row.status === 'awaiting_cosign' && row.cosigner_id === supervisor.id)).toBe(true);

  const session = await sessionFor(t, supervisor, supervisor.organization_id);
  const mine = (await call(t, session, 'GET', '/api/v1/notes/mine')).json();
  expect(mine.groupNotesAwaitingMyCosign).toEqual([expect.objectContaining({ groupNoteId: note?.id, attendees: written.length })]);
  const cosigned = await call(t, session, 'POST', `/api/v1/sessions/${note?.session_id ?? ''}/group-note/cosign`);
  expect(cosigned.statusCode).toBe(200);
  expect(cosigned.json().note).toMatchObject({ status: 'signed', cosignedBy: { id: supervisor.id } });
});
