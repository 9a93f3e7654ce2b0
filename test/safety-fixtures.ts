import type { Db } from '../src/server/db/database.js';
import type { SafetyAlertSeverityColumn } from '../src/server/db/schema.js';

// Safety alerts inserted directly, for tests of other modules (tenant isolation). Synthetic.

export async function createAlert(
  db: Db,
  org: { organizationId: string },
  input: { patientId: string; severity?: SafetyAlertSeverityColumn; createdAt?: Date },
): Promise<string> {
  const createdAt = input.createdAt ?? new Date();
  const row = await db
    .insertInto('safety_alerts')
    .values({
      organization_id: org.organizationId,
      patient_id: input.patientId,
      inquiry_id: null,
      source: 'staff',
      source_ref: null,
      severity: input.severity ?? 'acute',
      reason_code: 'staff_concern',
      note: 'Synthetic alert',
      raised_by: null,
      created_at: createdAt,
      escalate_at: new Date(createdAt.getTime() + 30 * 60_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
