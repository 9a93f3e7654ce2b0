import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestApp, testAppOnFreshDatabase } from '../../../../test/support.js';
import { seedDemo } from './demo.service.js';

let t: TestApp;

beforeAll(async () => {
  t = await testAppOnFreshDatabase(new Date('2026-11-10T16:00:00Z'));
});
afterAll(() => t.close());

it('records Spanish for the safety-plan patient and the patient asked to sign a plan, English for three others', async () => {
  await seedDemo(t.deps);
  const patients = await t.db.selectFrom('patients').select(['id', 'preferred_language']).execute();
  const spanish = patients.filter((p) => p.preferred_language === 'es').map((p) => p.id);
  expect(patients.filter((p) => p.preferred_language === 'en')).toHaveLength(3);
  expect(patients.filter((p) => p.preferred_language === null).length).toBeGreaterThan(0);

  const safety = await t.db.selectFrom('safety_plans').select('patient_id').executeTakeFirstOrThrow();
  const awaiting = await t.db
    .selectFrom('treatment_plans')
    .select('patient_id')
    .where('clinician_signed_at', 'is not', null)
    .where('patient_signed_at', 'is', null)
    .where('patient_declined_reason', 'is', null)
    .executeTakeFirstOrThrow();
  expect(spanish.sort()).toEqual([...new Set([safety.patient_id, awaiting.patient_id])].sort());
});
