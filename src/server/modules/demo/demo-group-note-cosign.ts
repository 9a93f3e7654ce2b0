// Synthetic demo data for decision 0032: a group note signed by the demo's trainee (the fourth
// therapist, whose co-signing supervisor demo-notes.ts names) that waits, with its attendee notes,
// for the supervisor's co-signature. Every value is invented.
import type { Transaction } from 'kysely';
import type { AppDeps } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { pastGroupsWithAttendees, seedSignedNote } from './demo-group-notes.js';

export async function seedDemoGroupNoteCosign(
  deps: Pick<AppDeps, 'audit'>,
  trx: Transaction<Database>,
  input: { organizationId: string; now: Date },
): Promise<void> {
  const trainee = await trx
    .selectFrom('users as u')
    .innerJoin('staff_profiles as p', 'p.user_id', 'u.id')
    .select(['u.id', 'p.cosign_supervisor_id'])
    .where('u.organization_id', '=', input.organizationId)
    .where('u.email', '=', 'therapist4@demo.openiop.org')
    .executeTakeFirst();
  if (!trainee?.cosign_supervisor_id) return;
  const [latest] = await pastGroupsWithAttendees(trx, input.organizationId, trainee.id, input.now);
  if (!latest) return;
  await seedSignedNote(deps, trx, { organizationId: input.organizationId, clinicianId: trainee.id }, latest.sessionId, {
    status: 'awaiting_cosign',
    cosignerId: trainee.cosign_supervisor_id,
  });
}
