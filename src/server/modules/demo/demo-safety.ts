// Synthetic safety data for the demo (issue #5): one unacknowledged acute alert and a safety plan
// (version 1) for the first demo patient in care. Every value is invented.
import type { Transaction } from 'kysely';
import type { AppDeps } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { raiseAlert } from '../safety/alerts.service.js';
import { insertPlan } from '../safety/safety-plan.repository.js';

export const DEMO_SAFETY_PLAN = {
  warningSigns: ['Sleeping less than five hours (demo)', 'Skipping meals and staying in my room'],
  internalCoping: ['Walk around the block with headphones', 'Box breathing for five minutes'],
  socialDistraction: ['Coffee at the library café', 'Call my cousin about the game'],
  peopleToAsk: ['Sister Maya 555-0100 (demo)', 'Neighbour Luis 555-0111 (demo)'],
  professionals: ['Clinic front desk 555-0123 (demo)', 'Call or text 988', 'Crisis Text Line: text HOME to 741741'],
  safeEnvironment: ['Medications kept by my sister', 'No alcohol in the house'],
};

export async function seedDemoSafety(
  deps: Pick<AppDeps, 'audit'>,
  trx: Transaction<Database>,
  input: { organizationId: string; clinicianId: string; now: Date },
): Promise<void> {
  const episode = await trx
    .selectFrom('episodes')
    .select(['patient_id'])
    .where('organization_id', '=', input.organizationId)
    .where('status', '=', 'open')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  if (!episode) return;
  const weekAgo = new Date(input.now.getTime() - 7 * 24 * 3600_000);
  await insertPlan(trx, {
    organizationId: input.organizationId,
    patientId: episode.patient_id,
    version: 1,
    plan: DEMO_SAFETY_PLAN,
    createdBy: input.clinicianId,
    createdAt: weekAgo,
  });
  await raiseAlert(deps, trx, {
    organizationId: input.organizationId,
    subject: { patientId: episode.patient_id },
    source: 'staff',
    severity: 'acute',
    reasonCode: 'staff_concern',
    note: 'Said in group that they have been thinking about not waking up (demo).',
    raisedBy: input.clinicianId,
    now: new Date(input.now.getTime() - 10 * 60_000),
    requestId: null,
    clientIp: null,
  });
}
