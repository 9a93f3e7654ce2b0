import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestApp, testAppOnFreshDatabase } from '../../../../test/support.js';
import { seedDemo } from './demo.service.js';

let t: TestApp;

beforeAll(async () => {
  t = await testAppOnFreshDatabase(new Date('2026-11-10T16:00:00Z'));
});
afterAll(() => t.close());

it('seeds two demo patients in care with a past level-of-care assessment, one of them an override with its reason', async () => {
  await seedDemo(t.deps);
  const rows = await t.db
    .selectFrom('loc_assessments as a')
    .innerJoin('episodes as e', 'e.id', 'a.episode_id')
    .select([
      'a.patient_id',
      'e.patient_id as episode_patient',
      'e.status',
      'a.recommended_level',
      'a.final_level',
      'a.override_reason',
      'a.pack_id',
    ])
    .execute();
  expect(rows).toHaveLength(2);
  for (const row of rows) expect(row).toMatchObject({ episode_patient: row.patient_id, status: 'open', pack_id: 'openiop_default' });
  expect(rows.map((row) => [row.recommended_level, row.final_level])).toEqual(
    expect.arrayContaining([
      ['IOP', 'IOP'],
      ['PHP', 'IOP'],
    ]),
  );
  expect(rows.find((row) => row.recommended_level === 'PHP')?.override_reason).toContain('lease');
});
