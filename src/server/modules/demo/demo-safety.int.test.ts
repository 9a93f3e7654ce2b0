import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestApp, testAppOnFreshDatabase } from '../../../../test/support.js';
import { seedDemo } from './demo.service.js';

let t: TestApp;

beforeAll(async () => {
  t = await testAppOnFreshDatabase(new Date('2026-11-10T16:00:00Z'));
});
afterAll(() => t.close());

it('seeds one unacknowledged acute alert and a safety plan for a demo patient in care', async () => {
  await seedDemo(t.deps);
  const alerts = await t.db.selectFrom('safety_alerts').selectAll().execute();
  expect(alerts).toHaveLength(1);
  expect(alerts[0]).toMatchObject({ severity: 'acute', acknowledged_at: null, escalated_at: null });
  const plans = await t.db.selectFrom('safety_plans').select(['patient_id', 'version']).execute();
  expect(plans).toEqual([{ patient_id: alerts[0]?.patient_id, version: 1 }]);
});
