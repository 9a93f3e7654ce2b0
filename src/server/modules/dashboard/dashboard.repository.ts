import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

// The director dashboard's own queries: today's sessions and the last week's admissions and
// discharges (with patient names, for the list). The census comes from the episodes module.

const ATTENDED = sql`('present', 'late', 'left_early')`;

export type TodaySessionRow = {
  siteId: string;
  siteName: string;
  timeZone: string;
  today: string;
  session: {
    id: string;
    title: string;
    kind: string;
    programId: string | null;
    programName: string | null;
    startsAt: Date;
    endsAt: Date;
    status: 'scheduled' | 'cancelled';
    dayClosed: boolean;
    expected: number;
    recorded: number;
    checkedIn: number;
  } | null;
};

/**
 * Every site with its sessions on the site's own today. Expected counts follow the roster's rule
 * (enrolment and episode cover the session's date; individual sessions expect their patient).
 */
export async function todaysSessions(db: Q, organizationId: string, now: Date): Promise<TodaySessionRow[]> {
  // A site-local day lies within 36 h of now whatever the zone; the range lets the index work.
  const from = new Date(now.getTime() - 36 * 3600_000);
  const to = new Date(now.getTime() + 36 * 3600_000);
  const result = await sql<{
    site_id: string;
    site_name: string;
    time_zone: string;
    today: string;
    id: string | null;
    title: string | null;
    kind: string | null;
    program_id: string | null;
    program_name: string | null;
    starts_at: Date | null;
    ends_at: Date | null;
    status: 'scheduled' | 'cancelled' | null;
    day_closed_at: Date | null;
    expected: number | null;
    recorded: number | null;
    checked_in: number | null;
  }>`
    SELECT st.id AS site_id, st.name AS site_name, st.time_zone, (${now}::timestamptz AT TIME ZONE st.time_zone)::date AS today,
      s.id, s.title, s.kind, s.program_id, p.name AS program_name, s.starts_at, s.ends_at, s.status, s.day_closed_at,
      CASE
        WHEN s.id IS NULL THEN NULL
        WHEN s.patient_id IS NOT NULL THEN 1
        WHEN s.template_id IS NULL THEN 0
        ELSE (
          SELECT count(DISTINCT e.patient_id)::int
          FROM episode_enrolments en JOIN episodes e ON e.id = en.episode_id
          WHERE en.template_id = s.template_id
            AND en.starts_on <= s.local_date AND (en.ends_on IS NULL OR en.ends_on >= s.local_date)
            AND e.admitted_on <= s.local_date AND (e.discharged_on IS NULL OR e.discharged_on >= s.local_date)
        )
      END AS expected,
      (SELECT count(*)::int FROM attendance a WHERE a.session_id = s.id) AS recorded,
      (SELECT count(*)::int FROM attendance a WHERE a.session_id = s.id AND a.status IN ${ATTENDED}) AS checked_in
    FROM sites st
    LEFT JOIN sessions_of_care s
      ON s.site_id = st.id AND s.organization_id = st.organization_id
      AND s.starts_at >= ${from} AND s.starts_at < ${to}
      AND s.local_date = (${now}::timestamptz AT TIME ZONE st.time_zone)::date
    LEFT JOIN programs p ON p.id = s.program_id
    WHERE st.organization_id = ${organizationId}
    ORDER BY st.name, st.id, s.starts_at, s.title
  `.execute(db);
  return result.rows.map((row) => ({
    siteId: row.site_id,
    siteName: row.site_name,
    timeZone: row.time_zone,
    today: row.today,
    session:
      row.id === null || row.starts_at === null || row.ends_at === null
        ? null
        : {
            id: row.id,
            title: row.title ?? '',
            kind: row.kind ?? '',
            programId: row.program_id,
            programName: row.program_name,
            startsAt: row.starts_at,
            endsAt: row.ends_at,
            status: row.status ?? 'scheduled',
            dayClosed: row.day_closed_at !== null,
            expected: row.expected ?? 0,
            recorded: row.recorded ?? 0,
            checkedIn: row.checked_in ?? 0,
          },
  }));
}

export type EpisodeMovement = {
  episodeId: string;
  patientId: string;
  name: string;
  programId: string;
  programName: string;
  levelOfCare: string;
  date: string;
  disposition: string | null;
  /** Admitted by transfer from an earlier episode. */
  transfer: boolean;
};

/**
 * Admissions and discharges dated within the last `days` days, counted on the local today of
 * each program's site, newest first.
 */
export async function recentMovements(
  db: Q,
  organizationId: string,
  now: Date,
  kind: 'admitted' | 'discharged',
  days: number,
  limit: number,
): Promise<EpisodeMovement[]> {
  const dateColumn = kind === 'admitted' ? sql.ref('e.admitted_on') : sql.ref('e.discharged_on');
  const result = await sql<{
    id: string;
    patient_id: string;
    legal_first_name: string;
    legal_last_name: string;
    preferred_name: string | null;
    program_id: string;
    program_name: string;
    level_of_care: string;
    date: string;
    disposition: string | null;
    previous_episode_id: string | null;
  }>`
    SELECT e.id, e.patient_id, pt.legal_first_name, pt.legal_last_name, pt.preferred_name, e.program_id, p.name AS program_name,
      e.level_of_care, ${dateColumn} AS date, e.disposition, e.previous_episode_id
    FROM episodes e
    JOIN programs p ON p.id = e.program_id
    JOIN sites st ON st.id = p.site_id
    JOIN patients pt ON pt.id = e.patient_id
    WHERE e.organization_id = ${organizationId}
      AND ${dateColumn} > (${now}::timestamptz AT TIME ZONE st.time_zone)::date - ${days}::int
      AND ${dateColumn} <= (${now}::timestamptz AT TIME ZONE st.time_zone)::date
    ORDER BY ${dateColumn} DESC, pt.legal_last_name, e.id
    LIMIT ${limit}
  `.execute(db);
  return result.rows.map((row) => ({
    episodeId: row.id,
    patientId: row.patient_id,
    name: `${row.preferred_name ?? row.legal_first_name} ${row.legal_last_name}`,
    programId: row.program_id,
    programName: row.program_name,
    levelOfCare: row.level_of_care,
    date: row.date,
    disposition: row.disposition,
    transfer: row.previous_episode_id !== null,
  }));
}
