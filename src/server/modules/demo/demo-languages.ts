// Demo: the language recorded for a few synthetic patients' link pages (decision 0033). Spanish for
// the patient with the demo safety plan and for the one whose treatment plan awaits their
// signature, so both link pages open in Spanish from the chart; English for three others; the
// rest stay "not recorded", as most real records start.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

const ENGLISH_COUNT = 3;

export async function seedDemoLanguages(trx: Transaction<Database>, input: { organizationId: string }): Promise<void> {
  const withSafetyPlan = await trx
    .selectFrom('safety_plans')
    .select('patient_id')
    .where('organization_id', '=', input.organizationId)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  const awaitingSignature = await trx
    .selectFrom('treatment_plans')
    .select('patient_id')
    .where('organization_id', '=', input.organizationId)
    .where('clinician_signed_at', 'is not', null)
    .where('patient_signed_at', 'is', null)
    .where('patient_declined_reason', 'is', null)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  const spanish = [withSafetyPlan?.patient_id, awaitingSignature?.patient_id].filter((id) => id !== undefined);
  if (spanish.length > 0) {
    await trx
      .updateTable('patients')
      .set({ preferred_language: 'es' })
      .where('organization_id', '=', input.organizationId)
      .where('id', 'in', spanish)
      .execute();
  }
  const others = await trx
    .selectFrom('patients')
    .select('id')
    .where('organization_id', '=', input.organizationId)
    .where('preferred_language', 'is', null)
    .orderBy('legal_last_name')
    .orderBy('legal_first_name')
    .orderBy('id')
    .limit(ENGLISH_COUNT)
    .execute();
  if (others.length === 0) return;
  await trx
    .updateTable('patients')
    .set({ preferred_language: 'en' })
    .where(
      'id',
      'in',
      others.map((row) => row.id),
    )
    .execute();
}
