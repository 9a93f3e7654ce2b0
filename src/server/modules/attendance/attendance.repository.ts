import { sql, type Kysely } from 'kysely';
import type { AttendanceStatus } from '../../../domain/intensity/attendance.js';
import type { Database, SessionKind } from '../../db/schema.js';

type Q = Kysely<Database>;

export type AttendanceMode = 'in_person' | 'telehealth';

export type SessionRecord = {
  id: string;
  siteId: string;
  siteName: string;
  timeZone: string;
  programId: string | null;
  kind: SessionKind;
  templateId: string | null;
  patientId: string | null;
  episodeId: string | null;
  title: string;
  startsAt: Date;
  endsAt: Date;
  localDate: string;
  telehealth: boolean;
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  dayClosedAt: Date | null;
  /** Real elapsed minutes from start to end: the most a patient can attend. */
  lengthMinutes: number;
};

export type AttendanceRecord = {
  id: string;
  sessionId: string;
  patientId: string;
  episodeId: string | null;
  status: AttendanceStatus;
  minutes: number;
  mode: AttendanceMode;
  walkIn: boolean;
  recordedBy: string;
  recordedAt: Date;
  version: number;
  updatedAt: Date;
};

export type ExpectedPatient = { patientId: string; episodeId: string | null };

/**
 * The session, scoped to the organization. `lock: 'share'` holds the row against a concurrent
 * close-day (an UPDATE) until this transaction ends, while other check-ins proceed side by side.
 */
export async function findSession(
  db: Q,
  organizationId: string,
  sessionId: string,
  options: { lock?: 'share' | 'update' } = {},
): Promise<SessionRecord | undefined> {
  let query = db
    .selectFrom('sessions_of_care as s')
    .innerJoin('sites as st', 'st.id', 's.site_id')
    .select([
      's.id',
      's.site_id',
      'st.name as site_name',
      'st.time_zone',
      's.program_id',
      's.kind',
      's.template_id',
      's.patient_id',
      's.episode_id',
      's.title',
      's.starts_at',
      's.ends_at',
      's.local_date',
      's.telehealth',
      's.status',
      's.cancel_reason',
      's.day_closed_at',
    ])
    .where('s.organization_id', '=', organizationId)
    .where('s.id', '=', sessionId);
  if (options.lock === 'share') query = query.forShare('s');
  if (options.lock === 'update') query = query.forUpdate('s');
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    siteId: row.site_id,
    siteName: row.site_name,
    timeZone: row.time_zone,
    programId: row.program_id,
    kind: row.kind,
    templateId: row.template_id,
    patientId: row.patient_id,
    episodeId: row.episode_id,
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    localDate: row.local_date,
    telehealth: row.telehealth,
    status: row.status,
    cancelReason: row.cancel_reason,
    dayClosedAt: row.day_closed_at,
    lengthMinutes: Math.round((row.ends_at.getTime() - row.starts_at.getTime()) / 60_000),
  };
}

/**
 * Who is expected at a session: for a group occurrence, every episode enrolled in its template on
 * the session's local date and open on that date (admitted on or before, not discharged before);
 * for an individual appointment, its patient. Decision 0013 explains "open on that date".
 */
export async function expectedPatients(db: Q, organizationId: string, session: SessionRecord): Promise<ExpectedPatient[]> {
  if (session.patientId !== null) return [{ patientId: session.patientId, episodeId: session.episodeId }];
  if (session.templateId === null) return [];
  const rows = await db
    .selectFrom('episode_enrolments as en')
    .innerJoin('episodes as e', 'e.id', 'en.episode_id')
    .select(['e.patient_id', 'e.id as episode_id'])
    .distinctOn('e.patient_id')
    .where('en.organization_id', '=', organizationId)
    .where('en.template_id', '=', session.templateId)
    .where('en.starts_on', '<=', session.localDate)
    .where((eb) => eb.or([eb('en.ends_on', 'is', null), eb('en.ends_on', '>=', session.localDate)]))
    .where('e.admitted_on', '<=', session.localDate)
    .where((eb) => eb.or([eb('e.discharged_on', 'is', null), eb('e.discharged_on', '>=', session.localDate)]))
    .orderBy('e.patient_id')
    .orderBy(sql`e.status = 'open'`, 'desc')
    .orderBy('e.admitted_on', 'desc')
    .execute();
  return rows.map((row) => ({ patientId: row.patient_id, episodeId: row.episode_id }));
}

/** Each patient's episode in `programId` that is open on `localDate`: a walk-in needs one. */
export async function episodesInProgram(
  db: Q,
  organizationId: string,
  programId: string,
  localDate: string,
  patientIds: readonly string[],
): Promise<Map<string, string>> {
  if (patientIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('episodes')
    .select(['patient_id', 'id'])
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('patient_id', 'in', patientIds)
    .where('admitted_on', '<=', localDate)
    .where((eb) => eb.or([eb('discharged_on', 'is', null), eb('discharged_on', '>=', localDate)]))
    .orderBy('admitted_on')
    .execute();
  return new Map(rows.map((row) => [row.patient_id, row.id]));
}

export async function existingPatientIds(db: Q, organizationId: string, patientIds: readonly string[]): Promise<Set<string>> {
  if (patientIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('patients')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', 'in', patientIds)
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Names for display: the preferred first name when there is one, then the legal last name. */
export async function patientNames(db: Q, organizationId: string, patientIds: readonly string[]): Promise<Map<string, string>> {
  if (patientIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('patients')
    .select(['id', 'legal_first_name', 'legal_last_name', 'preferred_name'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', patientIds)
    .execute();
  return new Map(rows.map((row) => [row.id, `${row.preferred_name ?? row.legal_first_name} ${row.legal_last_name}`]));
}

const ATTENDANCE_COLUMNS = [
  'id',
  'session_id',
  'patient_id',
  'episode_id',
  'status',
  'minutes',
  'mode',
  'walk_in',
  'recorded_by',
  'recorded_at',
  'version',
  'updated_at',
] as const;

type AttendanceRow = {
  id: string;
  session_id: string;
  patient_id: string;
  episode_id: string | null;
  status: AttendanceStatus;
  minutes: number;
  mode: AttendanceMode;
  walk_in: boolean;
  recorded_by: string;
  recorded_at: Date;
  version: number;
  updated_at: Date;
};

function toAttendance(row: AttendanceRow): AttendanceRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    patientId: row.patient_id,
    episodeId: row.episode_id,
    status: row.status,
    minutes: row.minutes,
    mode: row.mode,
    walkIn: row.walk_in,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export async function attendanceOfSession(db: Q, organizationId: string, sessionId: string): Promise<AttendanceRecord[]> {
  const rows = await db
    .selectFrom('attendance')
    .select(ATTENDANCE_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('session_id', '=', sessionId)
    .execute();
  return rows.map(toAttendance);
}

export type NewAttendance = {
  organizationId: string;
  sessionId: string;
  patientId: string;
  episodeId: string | null;
  status: AttendanceStatus;
  minutes: number;
  mode: AttendanceMode;
  walkIn: boolean;
  recordedBy: string;
  now: Date;
};

/**
 * Inserts the row unless one exists for (session, patient). A concurrent insert of the same pair
 * waits on the unique key and then inserts nothing, so two devices never make two rows.
 */
export async function insertAttendanceIfAbsent(db: Q, input: NewAttendance): Promise<AttendanceRecord | undefined> {
  const row = await db
    .insertInto('attendance')
    .values({
      organization_id: input.organizationId,
      session_id: input.sessionId,
      patient_id: input.patientId,
      episode_id: input.episodeId,
      status: input.status,
      minutes: input.minutes,
      mode: input.mode,
      walk_in: input.walkIn,
      recorded_by: input.recordedBy,
      recorded_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) => oc.columns(['session_id', 'patient_id']).doNothing())
    .returning(ATTENDANCE_COLUMNS)
    .executeTakeFirst();
  return row && toAttendance(row);
}

export async function lockAttendance(
  db: Q,
  organizationId: string,
  sessionId: string,
  patientId: string,
): Promise<AttendanceRecord | undefined> {
  const row = await db
    .selectFrom('attendance')
    .select(ATTENDANCE_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('session_id', '=', sessionId)
    .where('patient_id', '=', patientId)
    .forUpdate()
    .executeTakeFirst();
  return row && toAttendance(row);
}

export async function updateAttendance(
  db: Q,
  id: string,
  changes: { status: AttendanceStatus; minutes: number; mode: AttendanceMode; recordedBy: string; now: Date },
): Promise<AttendanceRecord> {
  const row = await db
    .updateTable('attendance')
    .set((eb) => ({
      status: changes.status,
      minutes: changes.minutes,
      mode: changes.mode,
      recorded_by: changes.recordedBy,
      recorded_at: changes.now,
      updated_at: changes.now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .returning(ATTENDANCE_COLUMNS)
    .executeTakeFirstOrThrow();
  return toAttendance(row);
}

export type AttendanceSnapshot = { status: AttendanceStatus; minutes: number; mode: AttendanceMode } | null;

export async function insertCorrection(
  db: Q,
  input: {
    organizationId: string;
    attendanceId: string;
    reason: string;
    before: AttendanceSnapshot;
    after: AttendanceSnapshot;
    correctedBy: string;
    now: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('attendance_corrections')
    .values({
      organization_id: input.organizationId,
      attendance_id: input.attendanceId,
      reason: input.reason,
      before: JSON.stringify(input.before),
      after: JSON.stringify(input.after),
      corrected_by: input.correctedBy,
      corrected_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function closeSessionDay(db: Q, organizationId: string, sessionId: string, now: Date): Promise<Date> {
  const row = await db
    .updateTable('sessions_of_care')
    .set({ day_closed_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', sessionId)
    .returning('day_closed_at')
    .executeTakeFirstOrThrow();
  return row.day_closed_at ?? now;
}
