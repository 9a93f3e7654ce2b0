// Small builders for level-of-care tests. Inquiries are made with a plain insert: the admissions
// module owns their creation, and these tests need only a row in a given stage.
import type { Db } from '../src/server/db/database.js';

type Org = { organizationId: string };

export async function createInquiry(
  db: Db,
  org: Org,
  input: { stage?: 'new' | 'screening' | 'closed' | 'admitted'; patientId?: string; episodeId?: string } = {},
): Promise<string> {
  const stage = input.stage ?? 'screening';
  const row = await db
    .insertInto('inquiries')
    .values({
      organization_id: org.organizationId,
      stage,
      source: 'staff',
      for_whom: 'self',
      contact_name: 'Synthetic Caller',
      phone: '+15035550100',
      consent_to_contact: true,
      privacy_notice_version: 'test-1',
      closed_reason: stage === 'closed' ? 'Chose another provider' : null,
      patient_id: stage === 'admitted' ? (input.patientId ?? null) : null,
      episode_id: stage === 'admitted' ? (input.episodeId ?? null) : null,
      admitted_at: stage === 'admitted' ? new Date('2026-11-02T15:00:00Z') : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Ratings for the default pack, every dimension at `base` except those given. */
export function locRatings(changes: Record<string, number> = {}, base = 0) {
  return ['risk_of_harm', 'functional_status', 'co_occurring_conditions', 'recovery_environment', 'treatment_history', 'engagement'].map(
    (dimensionId) => ({ dimensionId, rating: changes[dimensionId] ?? base }),
  );
}
