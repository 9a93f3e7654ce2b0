import type { Db } from '../src/server/db/database.js';
import { admit, createPatient, createProgram, createRoom, createSession, createTemplate, enrol } from './factories.js';
import type { TestOrg } from './support.js';

// A group with enrolled patients and one session, for the attendance, intensity and dashboard
// tests. Every value is synthetic. North site is America/Chicago; the session is Wednesday
// 2026-11-04 09:00-12:00 local (15:00Z-18:00Z).

export const GROUP_DAY = '2026-11-04';
export const GROUP_START = '2026-11-04T15:00:00.000Z';
export const AFTER_GROUP = new Date('2026-11-04T20:00:00.000Z');

export type GroupFixture = {
  programId: string;
  templateId: string;
  roomId: string;
  sessionId: string;
  patientIds: string[];
  episodeIds: string[];
};

export async function groupWithPatients(
  db: Db,
  org: TestOrg,
  options: { patients?: number; durationMinutes?: number; siteId?: string; status?: 'scheduled' | 'cancelled' } = {},
): Promise<GroupFixture> {
  const siteId = options.siteId ?? org.siteIds[0];
  const programId = await createProgram(db, org, siteId ? { siteId } : {});
  const roomId = await createRoom(db, org, siteId ? { siteId } : {});
  const minutes = options.durationMinutes ?? 180;
  const templateId = await createTemplate(db, org, { programId, roomId, durationMinutes: minutes, daysOfWeek: [1, 2, 3, 4] });
  const patientIds: string[] = [];
  const episodeIds: string[] = [];
  for (let index = 0; index < (options.patients ?? 3); index += 1) {
    const patientId = await createPatient(db, org, { firstName: `Pat${index}`, lastName: `Group-${String.fromCharCode(65 + index)}` });
    const episodeId = await admit(db, org, { patientId, programId, admittedOn: '2026-11-02' });
    await enrol(db, org, { episodeId, templateId, startsOn: '2026-11-02' });
    patientIds.push(patientId);
    episodeIds.push(episodeId);
  }
  const sessionId = await createSession(db, org, {
    ...(siteId ? { siteId } : {}),
    programId,
    templateId,
    occurrenceDate: GROUP_DAY,
    startsAt: GROUP_START,
    minutes,
    localDate: GROUP_DAY,
    roomId,
    ...(options.status ? { status: options.status } : {}),
  });
  return { programId, templateId, roomId, sessionId, patientIds, episodeIds };
}

export function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`no item at ${index}`);
  return value;
}
