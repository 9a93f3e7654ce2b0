import { sql, type Kysely } from 'kysely';
import type { AttendanceStatus } from '../../../domain/intensity/attendance.js';
import type { AttendanceFact } from '../../../domain/intensity/weekly-intensity.js';
import type { PlannedSession } from '../../../domain/intensity/week-forecast.js';
import type { IntensityRules } from '../../../domain/programs/intensity-rules.js';
import type { IsoWeek } from '../../../domain/scheduling/local-time.js';
import type { Database } from '../../db/schema.js';
import { wideWeekBounds } from './iso-week.js';

type Q = Kysely<Database>;

// Intensity reads. Counting rules are docs/domain/intensity.md section 4; the weekly aggregate is
// tested against the domain's weeklyIntensity on generated data (intensity-sql.int.test.ts).

/** The episode a week is judged by, with its program's rules and zone. */
export type WeekEpisode = {
  patientId: string;
  patientName: string;
  episodeId: string;
  episodeStatus: 'open' | 'closed';
  programId: string;
  programName: string;
  siteId: string;
  levelOfCare: string;
  timeZone: string;
  rules: IntensityRules;
};

export type DayAggregate = { date: string; minutes: number; services: number };

export type WeeklyAggregateRow = WeekEpisode & { days: DayAggregate[] };

const ATTENDED = sql`('present', 'late', 'left_early')`;

/**
 * Planner costs for the rest of the transaction (decision 0013). With the default
 * random_page_cost of 4 PostgreSQL prices the ~12 attendance rows of each session in the week as
 * random disk reads and scans all 1.4 million rows instead; attendance is read from memory or SSD.
 * Parallel workers are left to other requests: a report must not take every core from check-ins.
 */
export async function preferIndexedPlans(db: Q): Promise<void> {
  await sql`SET LOCAL random_page_cost = 1.1`.execute(db);
  await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(db);
}

/**
 * The weekly report in one statement. Per patient, the episode that covers the week (an open one
 * first, then the latest admitted) gives the program, its rules and its zone; attendance counts on
 * the local date its session starts in that zone; absences add 0 minutes but still list the day.
 */
export async function weeklyAggregate(db: Q, organizationId: string, week: IsoWeek, filters: WeeklyFilters): Promise<WeeklyAggregateRow[]> {
  const result = await weeklyAggregateQuery(organizationId, week, filters).execute(db);
  return result.rows.map((row) => ({ ...toWeekEpisode(row), days: row.days }));
}

export type WeeklyFilters = { siteId?: string | undefined; programId?: string | undefined };

/** The statement itself, exported so the benchmark can EXPLAIN it. */
export function weeklyAggregateQuery(organizationId: string, week: IsoWeek, filters: WeeklyFilters) {
  const wide = wideWeekBounds(week);
  return sql<RawRow>`
    WITH ep AS (
      SELECT DISTINCT ON (e.patient_id)
        e.patient_id, e.id AS episode_id, e.status AS episode_status, e.program_id, e.level_of_care,
        p.name AS program_name, p.site_id, st.time_zone,
        p.weekly_floor_minutes, p.weekly_ceiling_minutes, p.min_days_per_week, p.min_billable_days_per_week, p.min_billable_day_minutes,
        (${week.monday}::date::timestamp AT TIME ZONE st.time_zone) AS week_from,
        ((${week.monday}::date + 7)::timestamp AT TIME ZONE st.time_zone) AS week_to
      FROM episodes e
      JOIN programs p ON p.id = e.program_id
      JOIN sites st ON st.id = p.site_id
      WHERE e.organization_id = ${organizationId}
        AND e.admitted_on <= ${week.sunday}::date
        AND (e.discharged_on IS NULL OR e.discharged_on >= ${week.monday}::date)
        ${filters.siteId === undefined ? sql`` : sql`AND p.site_id = ${filters.siteId}`}
        ${filters.programId === undefined ? sql`` : sql`AND e.program_id = ${filters.programId}`}
      ORDER BY e.patient_id, (e.status = 'open') DESC, e.admitted_on DESC, e.id
    ),
    days AS (
      SELECT ep.patient_id,
        (s.starts_at AT TIME ZONE ep.time_zone)::date AS local_date,
        sum(CASE WHEN a.status IN ${ATTENDED} THEN a.minutes ELSE 0 END)::int AS minutes,
        (count(*) FILTER (WHERE a.status IN ${ATTENDED} AND a.minutes > 0))::int AS services
      FROM sessions_of_care s
      JOIN attendance a ON a.session_id = s.id
      JOIN ep ON ep.patient_id = a.patient_id
      WHERE s.organization_id = ${organizationId} AND a.organization_id = ${organizationId}
        AND s.starts_at >= ${wide.from} AND s.starts_at < ${wide.to}
        AND s.starts_at >= ep.week_from AND s.starts_at < ep.week_to
      GROUP BY ep.patient_id, 2
    ),
    weeks AS (
      SELECT patient_id, json_agg(json_build_object('date', local_date, 'minutes', minutes, 'services', services) ORDER BY local_date) AS days
      FROM days GROUP BY patient_id
    )
    SELECT ep.*, pt.legal_first_name, pt.legal_last_name, pt.preferred_name, coalesce(w.days, '[]'::json) AS days
    FROM ep
    JOIN patients pt ON pt.id = ep.patient_id
    LEFT JOIN weeks w ON w.patient_id = ep.patient_id
    ORDER BY pt.legal_last_name, pt.legal_first_name, ep.patient_id
  `;
}

type EpisodeRaw = {
  patient_id: string;
  episode_id: string;
  episode_status: 'open' | 'closed';
  program_id: string;
  level_of_care: string;
  program_name: string;
  site_id: string;
  time_zone: string;
  weekly_floor_minutes: number;
  weekly_ceiling_minutes: number | null;
  min_days_per_week: number;
  min_billable_days_per_week: number;
  min_billable_day_minutes: number;
  legal_first_name: string;
  legal_last_name: string;
  preferred_name: string | null;
};

type RawRow = EpisodeRaw & { days: DayAggregate[] };

function toWeekEpisode(row: EpisodeRaw): WeekEpisode {
  return {
    patientId: row.patient_id,
    patientName: `${row.preferred_name ?? row.legal_first_name} ${row.legal_last_name}`,
    episodeId: row.episode_id,
    episodeStatus: row.episode_status,
    programId: row.program_id,
    programName: row.program_name,
    siteId: row.site_id,
    levelOfCare: row.level_of_care,
    timeZone: row.time_zone,
    rules: {
      weeklyFloorMinutes: row.weekly_floor_minutes,
      weeklyCeilingMinutes: row.weekly_ceiling_minutes,
      minDaysPerWeek: row.min_days_per_week,
      minBillableDaysPerWeek: row.min_billable_days_per_week,
      minBillableDayMinutes: row.min_billable_day_minutes,
    },
  };
}

const EPISODE_COLUMNS = sql`
  e.patient_id, e.id AS episode_id, e.status AS episode_status, e.program_id, e.level_of_care,
  p.name AS program_name, p.site_id, st.time_zone,
  p.weekly_floor_minutes, p.weekly_ceiling_minutes, p.min_days_per_week, p.min_billable_days_per_week, p.min_billable_day_minutes,
  pt.legal_first_name, pt.legal_last_name, pt.preferred_name`;

/**
 * The patient's episode for a week: one covering the week (open first, then latest admitted), or,
 * without a week, the open episode admitted last (then the latest of any).
 */
export async function episodeOfPatient(
  db: Q,
  organizationId: string,
  patientId: string,
  week: IsoWeek | null,
): Promise<WeekEpisode | undefined> {
  const result = await sql<EpisodeRaw>`
    SELECT ${EPISODE_COLUMNS}
    FROM episodes e
    JOIN programs p ON p.id = e.program_id
    JOIN sites st ON st.id = p.site_id
    JOIN patients pt ON pt.id = e.patient_id
    WHERE e.organization_id = ${organizationId} AND e.patient_id = ${patientId}
      ${week === null ? sql`` : sql`AND e.admitted_on <= ${week.sunday}::date AND (e.discharged_on IS NULL OR e.discharged_on >= ${week.monday}::date)`}
    ORDER BY (e.status = 'open') DESC, e.admitted_on DESC, e.id
    LIMIT 1
  `.execute(db);
  const row = result.rows[0];
  return row && toWeekEpisode(row);
}

/** Every open episode of the organization (one per patient, as above), for the dashboard. */
export async function openEpisodes(db: Q, organizationId: string): Promise<WeekEpisode[]> {
  const result = await sql<EpisodeRaw>`
    SELECT DISTINCT ON (e.patient_id) ${EPISODE_COLUMNS}
    FROM episodes e
    JOIN programs p ON p.id = e.program_id
    JOIN sites st ON st.id = p.site_id
    JOIN patients pt ON pt.id = e.patient_id
    WHERE e.organization_id = ${organizationId} AND e.status = 'open'
    ORDER BY e.patient_id, e.admitted_on DESC, e.id
  `.execute(db);
  return result.rows.map(toWeekEpisode);
}

/** A span of time per patient: attendance and planned sessions are read within it. */
export type PatientWindow = { patientId: string; from: Date; to: Date };

function windowArrays(windows: readonly PatientWindow[]) {
  let min = Infinity;
  let max = -Infinity;
  for (const window of windows) {
    min = Math.min(min, window.from.getTime());
    max = Math.max(max, window.to.getTime());
  }
  return {
    ids: windows.map((window) => window.patientId),
    froms: windows.map((window) => window.from.toISOString()),
    tos: windows.map((window) => window.to.toISOString()),
    min: new Date(min),
    max: new Date(max),
  };
}

/** Attendance rows of sessions starting inside each patient's window. */
export async function attendanceFacts(
  db: Q,
  organizationId: string,
  windows: readonly PatientWindow[],
): Promise<Map<string, AttendanceFact[]>> {
  const byPatient = new Map<string, AttendanceFact[]>();
  if (windows.length === 0) return byPatient;
  const w = windowArrays(windows);
  const result = await sql<{ patient_id: string; starts_at: Date; minutes: number; status: AttendanceStatus }>`
    WITH w AS (SELECT * FROM unnest(${w.ids}::uuid[], ${w.froms}::timestamptz[], ${w.tos}::timestamptz[]) AS w(patient_id, from_at, to_at))
    SELECT a.patient_id, s.starts_at, a.minutes, a.status
    FROM w
    JOIN attendance a ON a.patient_id = w.patient_id AND a.organization_id = ${organizationId}
    JOIN sessions_of_care s ON s.id = a.session_id
    WHERE s.organization_id = ${organizationId}
      AND s.starts_at >= ${w.min} AND s.starts_at < ${w.max}
      AND s.starts_at >= w.from_at AND s.starts_at < w.to_at
    ORDER BY s.starts_at
  `.execute(db);
  for (const row of result.rows) {
    const list = byPatient.get(row.patient_id) ?? [];
    list.push({ sessionStartUtc: row.starts_at.toISOString(), minutes: row.minutes, status: row.status });
    byPatient.set(row.patient_id, list);
  }
  return byPatient;
}

/**
 * Sessions still planned for each patient inside the window: group occurrences of templates the
 * patient is enrolled in on the session's date (episode open that day) and the patient's own
 * appointments; not cancelled; without an attendance row for the patient yet.
 */
export async function plannedSessions(
  db: Q,
  organizationId: string,
  windows: readonly PatientWindow[],
): Promise<Map<string, PlannedSession[]>> {
  const byPatient = new Map<string, PlannedSession[]>();
  if (windows.length === 0) return byPatient;
  const w = windowArrays(windows);
  const result = await sql<{ patient_id: string; session_id: string; starts_at: Date; ends_at: Date }>`
    WITH w AS (SELECT * FROM unnest(${w.ids}::uuid[], ${w.froms}::timestamptz[], ${w.tos}::timestamptz[]) AS w(patient_id, from_at, to_at)),
    candidates AS (
      SELECT w.patient_id, s.id AS session_id, s.starts_at, s.ends_at
      FROM w
      JOIN episodes e ON e.patient_id = w.patient_id AND e.organization_id = ${organizationId}
      JOIN episode_enrolments en ON en.episode_id = e.id
      JOIN sessions_of_care s ON s.template_id = en.template_id
      WHERE s.organization_id = ${organizationId} AND s.status = 'scheduled'
        AND s.starts_at >= ${w.min} AND s.starts_at < ${w.max}
        AND s.starts_at >= w.from_at AND s.starts_at < w.to_at
        AND en.starts_on <= s.local_date AND (en.ends_on IS NULL OR en.ends_on >= s.local_date)
        AND e.admitted_on <= s.local_date AND (e.discharged_on IS NULL OR e.discharged_on >= s.local_date)
      UNION
      SELECT w.patient_id, s.id, s.starts_at, s.ends_at
      FROM w
      JOIN sessions_of_care s ON s.patient_id = w.patient_id
      WHERE s.organization_id = ${organizationId} AND s.status = 'scheduled'
        AND s.starts_at >= w.from_at AND s.starts_at < w.to_at
    )
    SELECT c.* FROM candidates c
    WHERE NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = c.session_id AND a.patient_id = c.patient_id)
    ORDER BY c.starts_at
  `.execute(db);
  for (const row of result.rows) {
    const list = byPatient.get(row.patient_id) ?? [];
    list.push({ startUtc: row.starts_at.toISOString(), minutes: Math.round((row.ends_at.getTime() - row.starts_at.getTime()) / 60_000) });
    byPatient.set(row.patient_id, list);
  }
  return byPatient;
}

export async function patientExists(db: Q, organizationId: string, patientId: string): Promise<boolean> {
  const row = await db
    .selectFrom('patients')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', patientId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function siteExists(db: Q, organizationId: string, siteId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sites')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', siteId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function programExists(db: Q, organizationId: string, programId: string): Promise<boolean> {
  const row = await db
    .selectFrom('programs')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', programId)
    .executeTakeFirst();
  return row !== undefined;
}
