// The 50-site tier for the intensity benchmark, generated in SQL (generate_series), all synthetic:
// 50 sites in five US zones, 2 adult IOP programs per site, 6 one-hour groups per program (two
// cohorts of three back-to-back groups, Monday to Thursday), 25 patients per program (2,500 open
// episodes), 48 weeks of sessions up to now plus 8 days ahead, and attendance for every past
// session and enrolled patient (about 1.4 million rows) with a realistic mix of statuses.
import { sql, type Kysely } from 'kysely';
import type { Db } from '../src/server/db/database.js';
import type { Database } from '../src/server/db/schema.js';

export type Tier = { organizationId: string; siteIds: string[]; userIds: string[]; directorId: string };

export type TierShape = { sites: number; patientsPerProgram: number; weeks: number; checkInUsers: number };

export const FIFTY_SITE_TIER: TierShape = { sites: 50, patientsPerProgram: 25, weeks: 48, checkInUsers: 50 };

const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles'];

/** One transaction: the temporary cohort table lives on its one connection. */
export function generateTier(db: Db, shape: TierShape, now: Date): Promise<Tier> {
  return db.transaction().execute((trx) => generate(trx, shape, now));
}

async function generate(db: Kysely<Database>, shape: TierShape, now: Date): Promise<Tier> {
  const org = await db
    .insertInto('organizations')
    .values({ name: 'Bench 50-site tier (synthetic)' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const organizationId = org.id;
  const firstDay = new Date(now.getTime() - shape.weeks * 7 * 86_400_000).toISOString().slice(0, 10);
  const lastDay = new Date(now.getTime() + 8 * 86_400_000).toISOString().slice(0, 10);

  await sql`
    INSERT INTO sites (organization_id, name, time_zone)
    SELECT ${organizationId}, 'Site ' || lpad(i::text, 2, '0'), (${ZONES}::text[])[1 + i % ${ZONES.length}]
    FROM generate_series(1, ${shape.sites}) AS i
  `.execute(db);

  await sql`
    INSERT INTO programs (organization_id, site_id, name, level_of_care, population, focus, format, weekly_floor_minutes, weekly_ceiling_minutes,
                          min_days_per_week, min_billable_days_per_week, min_billable_day_minutes, group_capacity)
    SELECT ${organizationId}, s.id, s.name || CASE k WHEN 1 THEN ' adult IOP mornings' ELSE ' adult IOP evenings' END,
           'IOP', 'adult', 'mental_health', CASE k WHEN 1 THEN 'in_person' ELSE 'virtual' END, 540, 1140, 3, 3, 180, 13
    FROM sites s CROSS JOIN generate_series(1, 2) AS k
    WHERE s.organization_id = ${organizationId}
  `.execute(db);

  // Six one-hour groups per program: cohort 1 and 2, slots 1-3, back to back from 09:00 or 17:00.
  await sql`
    INSERT INTO group_templates (organization_id, program_id, title, modality, days_of_week, start_time, duration_minutes, telehealth, capacity, starts_on)
    SELECT ${organizationId}, p.id, 'Cohort ' || c || ' group ' || j, (ARRAY['cbt', 'dbt_skills', 'psychoeducation'])[j], ARRAY[1, 2, 3, 4]::smallint[],
           lpad(((CASE WHEN p.name LIKE '%mornings' THEN 9 ELSE 17 END) + j - 1)::text, 2, '0') || ':00', 60, true, 13, ${firstDay}::date
    FROM programs p CROSS JOIN generate_series(1, 2) AS c CROSS JOIN generate_series(1, 3) AS j
    WHERE p.organization_id = ${organizationId}
  `.execute(db);

  await sql`
    CREATE TEMP TABLE bench_patients ON COMMIT DROP AS
    SELECT p.id AS program_id, n, 1 + (n % 2) AS cohort, gen_random_uuid() AS patient_id, gen_random_uuid() AS episode_id
    FROM programs p CROSS JOIN generate_series(1, ${shape.patientsPerProgram}) AS n
    WHERE p.organization_id = ${organizationId}
  `.execute(db);
  await sql`
    INSERT INTO patients (id, organization_id, legal_first_name, legal_last_name, date_of_birth, state_of_residence)
    SELECT patient_id, ${organizationId}, (ARRAY['Alex', 'Sam', 'Jordan', 'Casey', 'Riley', 'Morgan', 'Jamie', 'Taylor'])[1 + n % 8],
           'Benchpatient-' || substr(patient_id::text, 1, 8), date '1970-01-01' + (n * 397 % 15000), 'OR'
    FROM bench_patients
  `.execute(db);
  await sql`
    INSERT INTO episodes (id, organization_id, patient_id, program_id, level_of_care, status, admitted_on)
    SELECT episode_id, ${organizationId}, patient_id, program_id, 'IOP', 'open', ${firstDay}::date FROM bench_patients
  `.execute(db);
  await sql`
    INSERT INTO episode_enrolments (organization_id, episode_id, template_id, starts_on)
    SELECT ${organizationId}, bp.episode_id, t.id, ${firstDay}::date
    FROM bench_patients bp JOIN group_templates t ON t.program_id = bp.program_id AND t.title LIKE 'Cohort ' || bp.cohort || ' %'
  `.execute(db);

  await sql`
    INSERT INTO sessions_of_care (organization_id, site_id, program_id, kind, template_id, occurrence_date, title, modality, starts_at, ends_at, local_date, telehealth, capacity)
    SELECT ${organizationId}, p.site_id, p.id, 'group', t.id, d::date, t.title, t.modality,
           (d::date + t.start_time::time) AT TIME ZONE st.time_zone,
           (d::date + t.start_time::time) AT TIME ZONE st.time_zone + interval '60 minutes',
           d::date, true, 13
    FROM group_templates t
    JOIN programs p ON p.id = t.program_id
    JOIN sites st ON st.id = p.site_id
    CROSS JOIN generate_series(${firstDay}::date, ${lastDay}::date, interval '1 day') AS d
    WHERE t.organization_id = ${organizationId} AND extract(isodow FROM d) BETWEEN 1 AND 4
  `.execute(db);

  const users = await sql<{ id: string }>`
    INSERT INTO users (organization_id, email, display_name, status)
    SELECT ${organizationId}, 'bench-' || i || '-' || substr(${organizationId}::text, 1, 8) || '@bench.openiop.org', 'Bench facilitator ' || i, 'active'
    FROM generate_series(1, ${shape.checkInUsers + 1}) AS i
    RETURNING id
  `.execute(db);
  const userIds = users.rows.map((row) => row.id);
  const directorId = userIds.pop() ?? '';
  await sql`INSERT INTO user_roles (organization_id, user_id, role) SELECT ${organizationId}, unnest(${userIds}::uuid[]), 'clinician'`.execute(
    db,
  );
  await sql`INSERT INTO user_roles (organization_id, user_id, role) VALUES (${organizationId}, ${directorId}, 'director')`.execute(db);

  // Statuses: 88% present, 5% late, 3% left early, 2% absent excused, 1.5% absent unexcused, 0.5% cancelled by program.
  await sql`
    INSERT INTO attendance (organization_id, session_id, patient_id, episode_id, status, minutes, mode, recorded_by, recorded_at)
    SELECT ${organizationId}, s.id, e.patient_id, e.id, x.status,
           CASE x.status WHEN 'present' THEN 60 WHEN 'late' THEN 30 + (x.r * 7) % 25 WHEN 'left_early' THEN 20 + (x.r * 11) % 35 ELSE 0 END,
           'telehealth', ${directorId}, s.starts_at
    FROM sessions_of_care s
    JOIN episode_enrolments en ON en.template_id = s.template_id
    JOIN episodes e ON e.id = en.episode_id
    CROSS JOIN LATERAL (SELECT abs(hashtext(s.id::text || e.id::text)) % 1000 AS r) AS rnd
    CROSS JOIN LATERAL (
      SELECT rnd.r AS r, CASE
        WHEN rnd.r < 880 THEN 'present' WHEN rnd.r < 930 THEN 'late' WHEN rnd.r < 960 THEN 'left_early'
        WHEN rnd.r < 980 THEN 'absent_excused' WHEN rnd.r < 995 THEN 'absent_unexcused' ELSE 'cancelled_by_program' END AS status
    ) AS x
    WHERE s.organization_id = ${organizationId} AND s.starts_at < ${now}
  `.execute(db);

  const sites = await db.selectFrom('sites').select('id').where('organization_id', '=', organizationId).orderBy('name').execute();
  return { organizationId, siteIds: sites.map((site) => site.id), userIds, directorId };
}

export async function tierCounts(db: Db, organizationId: string): Promise<Record<string, number>> {
  const row = await sql<Record<string, number>>`
    SELECT
      (SELECT count(*)::int FROM sites WHERE organization_id = ${organizationId}) AS sites,
      (SELECT count(*)::int FROM programs WHERE organization_id = ${organizationId}) AS programs,
      (SELECT count(*)::int FROM episodes WHERE organization_id = ${organizationId} AND status = 'open') AS "activePatients",
      (SELECT count(*)::int FROM sessions_of_care WHERE organization_id = ${organizationId}) AS sessions,
      (SELECT count(*)::int FROM attendance WHERE organization_id = ${organizationId}) AS attendance
  `.execute(db);
  return row.rows[0] ?? {};
}
