import type { Kysely } from 'kysely';
import type { TreatmentPlanContent } from '../../../domain/treatment-plans/plan-content.js';
import type { Database } from '../../db/schema.js';

// What a note needs to know about its surroundings: the author's and reader's staff profile, the
// session it belongs to, its patient's open episode, the episode's plan versions and the organization's limit.

type Q = Kysely<Database>;

/** The note facts of a staff member's profile (no profile: no supervisor, no counseling-note access). */
export async function noteProfileOf(
  db: Q,
  organizationId: string,
  userId: string,
): Promise<{ cosignSupervisorId: string | null; counselingNotesAccess: boolean }> {
  const row = await db
    .selectFrom('staff_profiles')
    .select(['cosign_supervisor_id', 'counseling_notes_access'])
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return { cosignSupervisorId: row?.cosign_supervisor_id ?? null, counselingNotesAccess: row?.counseling_notes_access ?? false };
}

export async function findSession(
  db: Q,
  organizationId: string,
  sessionId: string,
): Promise<{ id: string; patientId: string | null; episodeId: string | null; localDate: string } | undefined> {
  const row = await db
    .selectFrom('sessions_of_care')
    .select(['id', 'patient_id', 'episode_id', 'local_date'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return row ? { id: row.id, patientId: row.patient_id, episodeId: row.episode_id, localDate: row.local_date } : undefined;
}

/** Each plan version's content of an episode, newest first. */
export async function planContents(
  db: Q,
  organizationId: string,
  episodeId: string,
): Promise<{ planVersion: number; content: TreatmentPlanContent }[]> {
  const rows = await db
    .selectFrom('treatment_plans')
    .select(['plan_version', 'content'])
    .where('organization_id', '=', organizationId)
    .where('episode_id', '=', episodeId)
    .orderBy('plan_version', 'desc')
    .execute();
  // Written only through assignIds/zod in treatment-plans.service, so the stored shape is known.
  return rows.map((r) => ({ planVersion: r.plan_version, content: r.content as TreatmentPlanContent }));
}

export async function signingLimitHours(db: Q, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('organizations')
    .select('note_signing_limit_hours')
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return row.note_signing_limit_hours;
}

/** The patient's most recent open episode, the default episode of a new note. */
export async function openEpisodeOf(db: Q, organizationId: string, patientId: string): Promise<string | null> {
  const row = await db
    .selectFrom('episodes')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .where('status', '=', 'open')
    .orderBy('admitted_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
