import { afterAll, beforeAll, expect, it } from 'vitest';
import { testAppOnFreshDatabase, type TestApp } from '../../../../test/support.js';
import { seedDemo } from './demo.service.js';

let t: TestApp;

beforeAll(async () => {
  t = await testAppOnFreshDatabase(new Date('2026-11-10T16:00:00Z'));
  await seedDemo(t.deps);
});
afterAll(() => t.close());

it('gives every demo program the default schedule', async () => {
  const programs = await t.db.selectFrom('programs').select('id').execute();
  const rules = await t.db.selectFrom('measure_schedules').select(['program_id', 'instrument_code', 'every_days']).execute();
  expect(programs.length).toBeGreaterThan(0);
  expect(rules).toHaveLength(programs.length * 2);
  expect(new Set(rules.map((r) => r.every_days))).toEqual(new Set([7]));
});

it('stores weekly PHQ-9 series that improve, stay flat and deteriorate, scored, without a new alert', async () => {
  const rows = await t.db
    .selectFrom('measure_responses')
    .select(['patient_id', 'total', 'complete', 'source', 'administered_at'])
    .where('instrument_code', '=', 'phq-9')
    .orderBy('administered_at')
    .execute();
  const byPatient = new Map<string, number[]>();
  for (const row of rows) byPatient.set(row.patient_id, [...(byPatient.get(row.patient_id) ?? []), row.total ?? -1]);
  const series = [...byPatient.values()].filter((totals) => totals.length >= 3);
  const change = series.map((totals) => (totals.at(-1) ?? 0) - (totals[0] ?? 0));
  expect(change.some((c) => c <= -5)).toBe(true);
  expect(change.some((c) => Math.abs(c) <= 1)).toBe(true);
  expect(change.some((c) => c >= 5)).toBe(true);
  expect(rows.every((row) => row.complete && row.source === 'staff_entry')).toBe(true);
  const alerts = await t.db.selectFrom('safety_alerts').select('source').execute();
  expect(alerts.map((a) => a.source)).toEqual(['staff']);
});
