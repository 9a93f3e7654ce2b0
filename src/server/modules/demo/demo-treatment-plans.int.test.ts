import { afterAll, beforeAll, expect, it } from 'vitest';
import { planCompletenessIssues } from '../../../domain/treatment-plans/plan-validation.js';
import type { TreatmentPlanContent } from '../../../domain/treatment-plans/plan-content.js';
import { type TestApp, testAppOnFreshDatabase } from '../../../../test/support.js';
import { seedDemo } from './demo.service.js';

let t: TestApp;

beforeAll(async () => {
  t = await testAppOnFreshDatabase(new Date('2026-11-10T16:00:00Z'));
});
afterAll(() => t.close());

it('seeds complete signed plans for most open episodes, one overdue, one awaiting the patient, one draft and one episode without a plan', async () => {
  await seedDemo(t.deps);
  const open = await t.db.selectFrom('episodes').select('id').where('status', '=', 'open').execute();
  const plans = await t.db.selectFrom('treatment_plans').selectAll().execute();
  expect(plans).toHaveLength(open.length - 1);
  const drafts = plans.filter((p) => p.clinician_signed_at === null);
  expect(drafts).toHaveLength(1);
  expect(plans.filter((p) => p.clinician_signed_at !== null && p.patient_signed_at === null)).toHaveLength(1);
  expect(plans.filter((p) => p.review_due_on !== null && p.review_due_on < '2026-11-10')).not.toHaveLength(0);
  const staffIds = new Set((await t.db.selectFrom('users').select('id').execute()).map((u) => u.id));
  for (const plan of plans.filter((p) => p.clinician_signed_at !== null)) {
    const issues = planCompletenessIssues(plan.content as TreatmentPlanContent, {
      today: '2026-11-01',
      responsibleStaffIds: staffIds,
      plannedDaysPerWeek: plan.planned_days_per_week,
      plannedMinutesPerWeek: plan.planned_minutes_per_week,
    });
    expect(issues).toEqual([]);
  }
  expect(JSON.stringify(plans.map((p) => p.content))).toMatch(/F33\.1|F41\.1|F10\.20/);
});
