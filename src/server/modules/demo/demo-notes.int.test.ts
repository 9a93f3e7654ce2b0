import { afterAll, beforeAll, expect, it } from 'vitest';
import { call, sessionFor, type TestApp, testAppOnFreshDatabase } from '../../../../test/support.js';
import { demoEmail, seedDemo } from './demo.service.js';

let t: TestApp;

beforeAll(async () => {
  t = await testAppOnFreshDatabase(new Date('2026-11-10T16:00:00Z'));
});
afterAll(() => t.close());

it('seeds signed notes with an addendum, a draft, a late note, a note awaiting co-signature and an SUD counseling note', async () => {
  await seedDemo(t.deps);
  const notes = await t.db
    .selectFrom('clinical_notes')
    .select(['note_type', 'status', 'part2', 'cosigner_id', 'addressed_objective_ids'])
    .execute();
  const count = (predicate: (n: (typeof notes)[number]) => boolean) => notes.filter(predicate).length;
  expect(count((n) => n.note_type === 'progress_dap' && n.status === 'signed')).toBeGreaterThanOrEqual(1);
  // The signed notes of episodes with a seeded plan cite one of its objectives.
  expect(count((n) => n.status === 'signed' && n.addressed_objective_ids.length === 1)).toBeGreaterThanOrEqual(1);
  expect(count((n) => n.status === 'draft')).toBe(2);
  // Individual notes; the trainee's group note and its attendee notes are demo-group-note-cosign's.
  expect(count((n) => n.note_type !== 'group' && n.status === 'awaiting_cosign' && n.cosigner_id !== null)).toBe(1);
  expect(count((n) => n.note_type === 'sud_counseling' && n.part2)).toBe(1);
  expect(await t.db.selectFrom('note_addenda').select('kind').execute()).toEqual([{ kind: 'correction' }]);

  // The demo clinician has one late note and one awaiting their co-signature; the SUD note is withheld from them.
  const org = await t.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
  const clinician = await t.db.selectFrom('users').select('id').where('email', '=', demoEmail('clinician')).executeTakeFirstOrThrow();
  const session = await sessionFor(t, clinician, org.id);
  const late = await call(t, session, 'GET', '/api/v1/notes/timeliness');
  expect(late.json().rows).toMatchObject([{ author: { id: clinician.id }, lateCount: 1 }]);
  const mine = await call(t, session, 'GET', '/api/v1/notes/mine');
  expect(mine.json()).toMatchObject({ drafts: [{}, {}], awaitingMyCosign: [{ status: 'awaiting_cosign' }] });
});
