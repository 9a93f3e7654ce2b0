// Synthetic level-of-care assessments for two demo patients in care: one confirmed, one where the
// clinician chose another level with a reason. Inquiries and their assessments belong to the
// admissions demo data, not here.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { insertAssessment } from '../level-of-care/level-of-care.repository.js';
import { newAssessment, type AssessInput } from '../level-of-care/level-of-care.service.js';

const rate = (risk: number, functional: number, coOccurring: number, environment: number, history: number, engagement: number) => [
  { dimensionId: 'risk_of_harm', rating: risk },
  { dimensionId: 'functional_status', rating: functional },
  { dimensionId: 'co_occurring_conditions', rating: coOccurring },
  { dimensionId: 'recovery_environment', rating: environment },
  { dimensionId: 'treatment_history', rating: history },
  { dimensionId: 'engagement', rating: engagement },
];

const DEMO_ASSESSMENTS: AssessInput[] = [
  {
    ratings: rate(1, 2, 1, 1, 2, 1).map((r) =>
      r.dimensionId === 'functional_status' ? { ...r, note: 'Missing work two days a week (demo)' } : r,
    ),
    finalLevel: 'IOP',
    note: 'Admission assessment: mornings suit the work schedule (demo).',
  },
  {
    ratings: rate(2, 2, 2, 4, 2, 1),
    finalLevel: 'IOP',
    overrideReason: 'Staying with a sister until a lease starts next month; daily check-in calls arranged (demo).',
    note: 'Admission assessment (demo).',
  },
];

export async function seedDemoAssessments(
  trx: Transaction<Database>,
  input: { organizationId: string; clinicianId: string },
): Promise<void> {
  const patients = await trx
    .selectFrom('episodes')
    .select(['id', 'patient_id', 'admitted_on'])
    .where('organization_id', '=', input.organizationId)
    .where('status', '=', 'open')
    .orderBy('created_at')
    .limit(DEMO_ASSESSMENTS.length)
    .execute();
  for (const [index, episode] of patients.entries()) {
    const assessment = DEMO_ASSESSMENTS[index];
    if (!assessment) continue;
    // Assessed the working day before admission, mid-morning on the US west coast.
    const assessedAt = new Date(`${episode.admitted_on}T17:00:00Z`);
    assessedAt.setUTCDate(assessedAt.getUTCDate() - 1);
    const { row } = newAssessment(
      input.organizationId,
      { inquiryId: null, patientId: episode.patient_id, episodeId: episode.id },
      assessment,
      input.clinicianId,
      assessedAt,
    );
    await insertAssessment(trx, row);
  }
}
