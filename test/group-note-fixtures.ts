import { randomUUID } from 'node:crypto';
import type { AttendanceStatus } from '../src/domain/intensity/attendance.js';
import type { Db } from '../src/server/db/database.js';
import { groupWithPatients, type GroupFixture } from './attendance-fixtures.js';
import { insertSignedPlan } from './notes-fixtures.js';
import type { TestOrg } from './support.js';

// A checked-in group for the group-note tests: the attendance fixture's group (Wednesday
// 2026-11-04, 180 min) facilitated by the given user, with attendance recorded as asked. Every
// value is synthetic.

export async function checkedInGroup(
  db: Db,
  org: TestOrg,
  options: { facilitatorId: string; statuses: (AttendanceStatus | null)[]; minutes?: number[]; part2?: boolean },
): Promise<GroupFixture> {
  const group = await groupWithPatients(db, org, { patients: options.statuses.length });
  if (options.part2) await db.updateTable('programs').set({ is_part2: true }).where('id', '=', group.programId).execute();
  await db
    .updateTable('sessions_of_care')
    .set({ clinician_ids: [options.facilitatorId] })
    .where('id', '=', group.sessionId)
    .execute();
  for (const [index, status] of options.statuses.entries()) {
    if (status === null) continue;
    await recordAttendance(db, org, group, index, status, options.minutes?.[index]);
  }
  return group;
}

export async function recordAttendance(
  db: Db,
  org: TestOrg,
  group: GroupFixture,
  index: number,
  status: AttendanceStatus,
  minutes?: number,
): Promise<void> {
  const attended = status === 'present' || status === 'late' || status === 'left_early';
  await db
    .insertInto('attendance')
    .values({
      organization_id: org.organizationId,
      session_id: group.sessionId,
      patient_id: group.patientIds[index] ?? '',
      episode_id: group.episodeIds[index] ?? null,
      status,
      minutes: minutes ?? (attended ? 180 : 0),
      mode: 'in_person',
      recorded_by: org.users.front_desk.id,
      recorded_at: new Date('2026-11-04T15:05:00Z'),
    })
    .execute();
}

/** A clinician-signed plan version for the episode with the given objectives (all open). Returns their ids. */
export async function signedPlan(
  db: Db,
  org: { organizationId: string; users: { clinician: { id: string } } },
  input: { patientId: string; episodeId: string; objectives: string[] },
): Promise<string[]> {
  const objectives = input.objectives.map((statement) => ({ id: randomUUID(), statement }));
  await insertSignedPlan(db, org, { patientId: input.patientId, episodeId: input.episodeId, signedBy: org.users.clinician.id, objectives });
  return objectives.map((objective) => objective.id);
}

/** A distinct individualized section for the patient at `index`. */
export function sectionFor(patientId: string, index: number, objectiveIds: string[] = []) {
  return {
    patientId,
    participation: `Patient ${index + 1} shared example number ${index + 1} from the week`,
    response: `Response ${index + 1}: tried the thought record with prompt ${index + 1}`,
    progress: `Progress ${index + 1}: one step on objective ${index + 1}`,
    addressedObjectiveIds: objectiveIds,
  };
}

export const GROUP_SUMMARY = {
  topic: 'Noticing thinking traps',
  modality: 'CBT',
  interventions: 'Psychoeducation; thought record practice in pairs',
  summary: 'The group practised catching all-or-nothing thinking in work situations.',
};
