import { sql, type Kysely } from 'kysely';

// The language a patient's own pages open in (decision 0033): the questionnaire, safety-plan and
// plan-signing link pages. Null means "not recorded", and those pages open in English as before.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE patients
      ADD COLUMN preferred_language text NULL CHECK (preferred_language IN ('en', 'es'))
  `.execute(db);
}
