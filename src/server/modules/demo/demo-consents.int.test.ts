import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestApp, testAppOnFreshDatabase } from '../../../../test/support.js';
import { DEMO_CONSENT_RECIPIENT } from './demo-consents.js';
import { seedDemo } from './demo.service.js';

let t: TestApp;

beforeAll(async () => {
  t = await testAppOnFreshDatabase(new Date('2026-11-10T16:00:00Z'));
});
afterAll(() => t.close());

it('seeds an active, a draft and a revoked consent one logged disclosure and one API share, fetched once and revoked, for a patient of a Part 2 program', async () => {
  await seedDemo(t.deps);
  const consents = await t.db.selectFrom('part2_consents').select(['patient_id', 'status', 'recipients']).orderBy('status').execute();
  expect(consents.map((consent) => consent.status)).toEqual(['active', 'draft', 'revoked']);
  const patientId = consents[0]?.patient_id ?? '';
  expect(consents.every((consent) => consent.patient_id === patientId)).toBe(true);
  expect(consents[0]?.recipients).toEqual([DEMO_CONSENT_RECIPIENT]);
  const program = await t.db
    .selectFrom('episodes as e')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .select('p.is_part2')
    .where('e.patient_id', '=', patientId)
    .executeTakeFirstOrThrow();
  expect(program.is_part2).toBe(true);
  const disclosures = await t.db.selectFrom('disclosures').selectAll().orderBy('disclosed_at').execute();
  const shares = await t.db.selectFrom('record_shares').selectAll().execute();
  expect(shares).toEqual([expect.objectContaining({ patient_id: patientId, fetch_count: 1, revoked_by: expect.any(String) })]);
  expect(disclosures).toEqual([
    expect.objectContaining({ patient_id: patientId, basis: 'consent', notice_included: true, channel: 'pdf' }),
    expect.objectContaining({
      patient_id: patientId,
      basis: 'consent',
      notice_included: true,
      channel: 'api_share',
      share_id: shares[0]?.id,
    }),
  ]);
  const notes = await t.db.selectFrom('clinical_notes').select(['patient_id', 'part2']).where('patient_id', '=', patientId).execute();
  expect(notes).toContainEqual({ patient_id: patientId, part2: true });
});
