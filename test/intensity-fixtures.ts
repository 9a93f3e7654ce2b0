import type { AttendanceStatus } from '../src/domain/intensity/attendance.js';
import type { Db } from '../src/server/db/database.js';
import { admit, createPatient, createProgram, createRoom, createSession, createTemplate, enrol } from './factories.js';
import type { TestOrg } from './support.js';

// A week of a Chicago adult IOP (defaults: 9 h floor, 19 h ceiling, 3 days, 3 days of 3 h) for the
// intensity and dashboard tests. Week 2026-W45: Monday 2 to Sunday 8 November 2026 (CST, UTC-6).
// Group 09:00-12:00 local Monday to Thursday; the clock stands on Wednesday evening.
//   steady:  present Mon, Tue, Wed                 -> 9 h, compliant, on track
//   partial: present Mon, absent Tue, late 120 Wed -> 5 h, cannot meet 9 h with Thursday
//   missing: nothing yet                           -> 0 h, cannot meet
//   edge:    present Mon, Tue, absent Wed, + a 60 min individual session Friday -> at risk
// A Friday occurrence of the group is cancelled and must not count as remaining.

export const WEEK = '2026-W45';
export const WEDNESDAY_EVENING = new Date('2026-11-05T02:00:00.000Z'); // Wed 20:00 CST
const DAYS = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'];

export type IntensityFixture = {
  programId: string;
  templateId: string;
  sessionIds: string[];
  patients: { steady: string; partial: string; missing: string; edge: string };
  fridayIndividualId: string;
};

export async function insertAttendance(
  db: Db,
  org: TestOrg,
  sessionId: string,
  patientId: string,
  status: AttendanceStatus,
  minutes: number,
): Promise<void> {
  await db
    .insertInto('attendance')
    .values({
      organization_id: org.organizationId,
      session_id: sessionId,
      patient_id: patientId,
      status,
      minutes,
      mode: 'in_person',
      recorded_by: org.users.clinician.id,
      recorded_at: new Date('2026-11-02T18:00:00Z'),
    })
    .execute();
}

export async function iopWeek(db: Db, org: TestOrg): Promise<IntensityFixture> {
  const programId = await createProgram(db, org, { name: 'Adult IOP mornings' });
  const roomId = await createRoom(db, org);
  const templateId = await createTemplate(db, org, {
    programId,
    roomId,
    startTime: '09:00',
    durationMinutes: 180,
    daysOfWeek: [1, 2, 3, 4, 5],
    startsOn: '2026-10-01',
  });
  const patients = { steady: '', partial: '', missing: '', edge: '' };
  for (const name of Object.keys(patients) as (keyof typeof patients)[]) {
    const patientId = await createPatient(db, org, { firstName: name, lastName: 'Weekly' });
    const episodeId = await admit(db, org, { patientId, programId, admittedOn: '2026-10-01' });
    await enrol(db, org, { episodeId, templateId, startsOn: '2026-10-01' });
    patients[name] = patientId;
  }
  const sessionIds: string[] = [];
  for (const day of DAYS) {
    sessionIds.push(
      await createSession(db, org, {
        programId,
        templateId,
        occurrenceDate: day,
        startsAt: `${day}T15:00:00Z`,
        minutes: 180,
        localDate: day,
        roomId,
      }),
    );
  }
  await createSession(db, org, {
    programId,
    templateId,
    occurrenceDate: '2026-11-06',
    startsAt: '2026-11-06T15:00:00Z',
    minutes: 180,
    localDate: '2026-11-06',
    roomId,
    status: 'cancelled',
  });
  const fridayIndividualId = await createSession(db, org, {
    kind: 'individual_therapy',
    patientId: patients.edge,
    startsAt: '2026-11-06T20:00:00Z',
    minutes: 60,
    localDate: '2026-11-06',
  });

  const [mon, tue, wed] = sessionIds as [string, string, string, string];
  await insertAttendance(db, org, mon, patients.steady, 'present', 180);
  await insertAttendance(db, org, tue, patients.steady, 'present', 180);
  await insertAttendance(db, org, wed, patients.steady, 'present', 180);
  await insertAttendance(db, org, mon, patients.partial, 'present', 180);
  await insertAttendance(db, org, tue, patients.partial, 'absent_unexcused', 0);
  await insertAttendance(db, org, wed, patients.partial, 'late', 120);
  await insertAttendance(db, org, mon, patients.edge, 'present', 180);
  await insertAttendance(db, org, tue, patients.edge, 'present', 180);
  await insertAttendance(db, org, wed, patients.edge, 'absent_excused', 0);
  return { programId, templateId, sessionIds, patients, fridayIndividualId };
}
