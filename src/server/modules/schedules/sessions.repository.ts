import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database, SessionKind } from '../../db/schema.js';

type Q = Kysely<Database>;

export type SessionStatus = 'scheduled' | 'cancelled';

export type SessionRecord = {
  id: string;
  organizationId: string;
  siteId: string;
  timeZone: string;
  programId: string | null;
  kind: SessionKind;
  templateId: string | null;
  occurrenceDate: string | null;
  patientId: string | null;
  episodeId: string | null;
  title: string;
  modality: string | null;
  startsAt: Date;
  endsAt: Date;
  localDate: string;
  roomId: string | null;
  telehealth: boolean;
  capacity: number;
  clinicianIds: string[];
  substituteFacilitatorId: string | null;
  moved: boolean;
  status: SessionStatus;
  cancelReason: string | null;
  cancelledBy: 'closure' | 'staff' | null;
  dayClosedAt: Date | null;
  version: number;
  hasAttendance: boolean;
};

/** What generation and booking write; the database fills ids, versions and timestamps. */
export type SessionFields = Omit<SessionRecord, 'id' | 'organizationId' | 'timeZone' | 'dayClosedAt' | 'version' | 'hasAttendance'>;

function baseQuery(db: Q) {
  return db
    .selectFrom('sessions_of_care as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .select([
      'c.id',
      'c.organization_id',
      'c.site_id',
      's.time_zone',
      'c.program_id',
      'c.kind',
      'c.template_id',
      'c.occurrence_date',
      'c.patient_id',
      'c.episode_id',
      'c.title',
      'c.modality',
      'c.starts_at',
      'c.ends_at',
      'c.local_date',
      'c.room_id',
      'c.telehealth',
      'c.capacity',
      'c.clinician_ids',
      'c.substitute_facilitator_id',
      'c.moved',
      'c.status',
      'c.cancel_reason',
      'c.cancelled_by',
      'c.day_closed_at',
      'c.version',
      sql<boolean>`EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = c.id)`.as('has_attendance'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toSession(row: Row): SessionRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    siteId: row.site_id,
    timeZone: row.time_zone,
    programId: row.program_id,
    kind: row.kind,
    templateId: row.template_id,
    occurrenceDate: row.occurrence_date,
    patientId: row.patient_id,
    episodeId: row.episode_id,
    title: row.title,
    modality: row.modality,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    localDate: row.local_date,
    roomId: row.room_id,
    telehealth: row.telehealth,
    capacity: row.capacity,
    clinicianIds: row.clinician_ids,
    substituteFacilitatorId: row.substitute_facilitator_id,
    moved: row.moved,
    status: row.status,
    cancelReason: row.cancel_reason,
    cancelledBy: row.cancelled_by,
    dayClosedAt: row.day_closed_at,
    version: row.version,
    hasAttendance: row.has_attendance,
  };
}

function toColumns(organizationId: string, fields: SessionFields) {
  return {
    organization_id: organizationId,
    site_id: fields.siteId,
    program_id: fields.programId,
    kind: fields.kind,
    template_id: fields.templateId,
    occurrence_date: fields.occurrenceDate,
    patient_id: fields.patientId,
    episode_id: fields.episodeId,
    title: fields.title,
    modality: fields.modality,
    starts_at: fields.startsAt,
    ends_at: fields.endsAt,
    local_date: fields.localDate,
    room_id: fields.roomId,
    telehealth: fields.telehealth,
    capacity: fields.capacity,
    clinician_ids: fields.clinicianIds,
    substitute_facilitator_id: fields.substituteFacilitatorId,
    moved: fields.moved,
    status: fields.status,
    cancel_reason: fields.cancelReason,
    cancelled_by: fields.cancelledBy,
  };
}

export async function findSession(
  db: Q,
  organizationId: string,
  sessionId: string,
  options: { forUpdate?: boolean } = {},
): Promise<SessionRecord | undefined> {
  let query = baseQuery(db).where('c.organization_id', '=', organizationId).where('c.id', '=', sessionId);
  if (options.forUpdate) query = query.forUpdate('c');
  const row = await query.executeTakeFirst();
  return row && toSession(row);
}

/** A template's occurrences whose series date or actual date is in from..to. */
export async function sessionsOfTemplate(
  db: Q,
  organizationId: string,
  templateId: string,
  from: string,
  to: string,
): Promise<SessionRecord[]> {
  const rows = await baseQuery(db)
    .where('c.organization_id', '=', organizationId)
    .where('c.template_id', '=', templateId)
    .where((eb) => eb.or([eb.between('c.occurrence_date', from, to), eb.between('c.local_date', from, to)]))
    .execute();
  return rows.map(toSession);
}

/** The last series date already materialized for a template (null when none). */
export async function lastOccurrenceDate(db: Q, organizationId: string, templateId: string): Promise<string | null> {
  const row = await db
    .selectFrom('sessions_of_care')
    .select((eb) => eb.fn.max('occurrence_date').as('last'))
    .where('organization_id', '=', organizationId)
    .where('template_id', '=', templateId)
    .executeTakeFirst();
  return row?.last ?? null;
}

/** Inserts; an occurrence another writer created first is left as it is (unique template/date). */
export async function insertSessions(db: Q, organizationId: string, sessions: readonly SessionFields[], now: Date): Promise<number> {
  if (sessions.length === 0) return 0;
  const rows = await db
    .insertInto('sessions_of_care')
    .values(sessions.map((fields) => ({ ...toColumns(organizationId, fields), created_at: now, updated_at: now })))
    .onConflict((oc) => oc.columns(['template_id', 'occurrence_date']).where('template_id', 'is not', null).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

export async function insertSession(db: Q, organizationId: string, fields: SessionFields, now: Date): Promise<string> {
  const row = await db
    .insertInto('sessions_of_care')
    .values({ ...toColumns(organizationId, fields), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSession(
  db: Q,
  organizationId: string,
  sessionId: string,
  fields: Partial<SessionFields>,
  now: Date,
): Promise<void> {
  const columns = Object.fromEntries(
    Object.entries(toColumns(organizationId, fields as SessionFields)).filter(([, value]) => value !== undefined),
  );
  await db
    .updateTable('sessions_of_care')
    .set({ ...columns, version: sql<number>`version + 1`, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSessions(db: Q, organizationId: string, sessionIds: readonly string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await db
    .deleteFrom('sessions_of_care')
    .where('organization_id', '=', organizationId)
    .where('id', 'in', [...sessionIds])
    .execute();
}

/** Scheduled sessions of the organization overlapping [start, end) (half-open). */
export async function overlappingSessions(db: Q, organizationId: string, start: Date, end: Date): Promise<SessionRecord[]> {
  const rows = await baseQuery(db)
    .where('c.organization_id', '=', organizationId)
    .where('c.status', '=', 'scheduled')
    .where('c.starts_at', '<', end)
    .where('c.ends_at', '>', start)
    .execute();
  return rows.map(toSession);
}

export type SessionFilter =
  | { by: 'site'; id: string }
  | { by: 'program'; id: string }
  | { by: 'clinician'; id: string }
  | { by: 'room'; id: string }
  | { by: 'patient'; id: string }
  | { by: 'organization' };

/** Sessions whose site-local date is in from..to, filtered by one site, program, clinician, room or patient. */
export async function sessionsBetween(
  db: Q,
  organizationId: string,
  filter: SessionFilter,
  from: string,
  to: string,
): Promise<SessionRecord[]> {
  const rows = await baseQuery(db)
    .where('c.organization_id', '=', organizationId)
    .where('c.local_date', '>=', from)
    .where('c.local_date', '<=', to)
    .where((eb): Expression<SqlBool> => {
      switch (filter.by) {
        case 'site':
          return eb('c.site_id', '=', filter.id);
        case 'program':
          return eb('c.program_id', '=', filter.id);
        case 'room':
          return eb('c.room_id', '=', filter.id);
        case 'clinician':
          return sql<SqlBool>`${filter.id}::uuid = ANY(c.clinician_ids)`;
        case 'patient':
          // Their own appointments, and the group sessions their weekly plan enrols them in.
          return eb.or([
            eb('c.patient_id', '=', filter.id),
            eb.exists(
              eb
                .selectFrom('episode_enrolments as en')
                .innerJoin('episodes as e', 'e.id', 'en.episode_id')
                .select(sql`1`.as('one'))
                .where('e.patient_id', '=', filter.id)
                .whereRef('en.template_id', '=', 'c.template_id')
                .whereRef('en.starts_on', '<=', 'c.local_date')
                .where((inner) => inner.or([inner('en.ends_on', 'is', null), inner('en.ends_on', '>=', inner.ref('c.local_date'))]))
                .whereRef('e.admitted_on', '<=', 'c.local_date')
                .where((inner) =>
                  inner.or([inner('e.discharged_on', 'is', null), inner('e.discharged_on', '>=', inner.ref('c.local_date'))]),
                ),
            ),
          ]);
        case 'organization':
          return sql<SqlBool>`true`;
      }
    })
    .orderBy('c.starts_at')
    .orderBy('c.id')
    .execute();
  return rows.map(toSession);
}

export type ExpectedPatient = { sessionId: string; patientId: string; episodeId: string | null };

/**
 * The patients expected at group sessions: enrolled in the session's series (weekly plan) on its
 * local date, in an episode that was open that day. Individual appointments expect their patient.
 */
export async function expectedPatientsOf(db: Q, organizationId: string, sessionIds: readonly string[]): Promise<ExpectedPatient[]> {
  if (sessionIds.length === 0) return [];
  const ids = [...new Set(sessionIds)];
  const groups = await db
    .selectFrom('sessions_of_care as c')
    .innerJoin('episode_enrolments as en', 'en.template_id', 'c.template_id')
    .innerJoin('episodes as e', 'e.id', 'en.episode_id')
    .select(['c.id as session_id', 'e.patient_id', 'e.id as episode_id'])
    .where('c.organization_id', '=', organizationId)
    .where('c.id', 'in', ids)
    .whereRef('en.starts_on', '<=', 'c.local_date')
    .where((eb) => eb.or([eb('en.ends_on', 'is', null), eb('en.ends_on', '>=', eb.ref('c.local_date'))]))
    .whereRef('e.admitted_on', '<=', 'c.local_date')
    .where((eb) => eb.or([eb('e.discharged_on', 'is', null), eb('e.discharged_on', '>=', eb.ref('c.local_date'))]))
    .distinctOn(['c.id', 'e.patient_id'])
    .orderBy('c.id')
    .orderBy('e.patient_id')
    .execute();
  const individual = await db
    .selectFrom('sessions_of_care')
    .select(['id', 'patient_id', 'episode_id'])
    .where('organization_id', '=', organizationId)
    .where('id', 'in', ids)
    .where('patient_id', 'is not', null)
    .execute();
  const result: ExpectedPatient[] = groups.map((row) => ({
    sessionId: row.session_id,
    patientId: row.patient_id,
    episodeId: row.episode_id,
  }));
  for (const row of individual) {
    if (row.patient_id !== null) result.push({ sessionId: row.id, patientId: row.patient_id, episodeId: row.episode_id });
  }
  return result;
}

/**
 * Serialises schedule writes of one organization (bookings, moves, template changes, generation) for
 * the rest of the transaction: conflict checks read other sessions and then write, and two such
 * checks running at once would each miss the other's booking.
 */
export async function lockSchedule(db: Q, organizationId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`openiop:schedule:${organizationId}`}, 0))`.execute(db);
}
