import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type SeriesRecord = {
  templateId: string;
  title: string;
  modality: string;
  programId: string;
  programName: string;
  siteId: string;
  siteName: string;
  population: 'adult' | 'adolescent';
  daysOfWeek: number[];
  startTime: string;
  durationMinutes: number;
  telehealth: boolean;
  seriesStartsOn: string;
  seriesEndsOn: string | null;
  seriesActive: boolean;
};

export type EnrolmentRecord = SeriesRecord & { startsOn: string; endsOn: string | null };

function selectSeries(db: Q, organizationId: string) {
  return db
    .selectFrom('group_templates as t')
    .innerJoin('programs as p', (join) => join.onRef('p.id', '=', 't.program_id').onRef('p.organization_id', '=', 't.organization_id'))
    .innerJoin('sites as s', (join) => join.onRef('s.id', '=', 'p.site_id').onRef('s.organization_id', '=', 'p.organization_id'))
    .select([
      't.id',
      't.title',
      't.modality',
      't.program_id',
      'p.name as program_name',
      'p.site_id',
      's.name as site_name',
      'p.population',
      't.days_of_week',
      't.start_time',
      't.duration_minutes',
      't.telehealth',
      't.starts_on',
      't.ends_on',
      't.active',
    ])
    .where('t.organization_id', '=', organizationId);
}

type SeriesRow = Awaited<ReturnType<ReturnType<typeof selectSeries>['executeTakeFirstOrThrow']>>;

function toSeries(row: SeriesRow): SeriesRecord {
  return {
    templateId: row.id,
    title: row.title,
    modality: row.modality,
    programId: row.program_id,
    programName: row.program_name,
    siteId: row.site_id,
    siteName: row.site_name,
    population: row.population,
    daysOfWeek: [...row.days_of_week].sort((a, b) => a - b),
    startTime: row.start_time,
    durationMinutes: row.duration_minutes,
    telehealth: row.telehealth,
    seriesStartsOn: row.starts_on,
    seriesEndsOn: row.ends_on,
    seriesActive: row.active,
  };
}

/** The series of the caller's organization among `templateIds`, by id; other organizations' ids are simply absent. */
export async function seriesByIds(db: Q, organizationId: string, templateIds: readonly string[]): Promise<Map<string, SeriesRecord>> {
  if (templateIds.length === 0) return new Map();
  const rows = await selectSeries(db, organizationId).where('t.id', 'in', templateIds).execute();
  return new Map(rows.map((row) => [row.id, toSeries(row)]));
}

/** Active series a patient of a program at `siteId` for `population` may join, still running on or after `from`. */
export async function availableSeries(
  db: Q,
  organizationId: string,
  siteId: string,
  population: 'adult' | 'adolescent',
  from: string,
): Promise<SeriesRecord[]> {
  const rows = await selectSeries(db, organizationId)
    .where('p.site_id', '=', siteId)
    .where('p.population', '=', population)
    .where('t.active', '=', true)
    .where((eb) => eb.or([eb('t.ends_on', 'is', null), eb('t.ends_on', '>=', from)]))
    .orderBy('p.name')
    .orderBy('t.start_time')
    .orderBy('t.title')
    .execute();
  return rows.map(toSeries);
}

export async function enrolmentsOf(db: Q, organizationId: string, episodeId: string): Promise<EnrolmentRecord[]> {
  const rows = await selectSeries(db, organizationId)
    .innerJoin('episode_enrolments as en', (join) =>
      join.onRef('en.template_id', '=', 't.id').onRef('en.organization_id', '=', 't.organization_id'),
    )
    .select(['en.starts_on as enrolment_starts_on', 'en.ends_on as enrolment_ends_on'])
    .where('en.episode_id', '=', episodeId)
    .orderBy('en.starts_on')
    .orderBy('t.start_time')
    .orderBy('t.title')
    .execute();
  return rows.map((row) => ({ ...toSeries(row), startsOn: row.enrolment_starts_on, endsOn: row.enrolment_ends_on }));
}

export async function replaceEnrolments(
  db: Q,
  organizationId: string,
  episodeId: string,
  rows: readonly { templateId: string; startsOn: string; endsOn: string | null }[],
): Promise<void> {
  await db.deleteFrom('episode_enrolments').where('organization_id', '=', organizationId).where('episode_id', '=', episodeId).execute();
  if (rows.length === 0) return;
  await db
    .insertInto('episode_enrolments')
    .values(
      rows.map((row) => ({
        organization_id: organizationId,
        episode_id: episodeId,
        template_id: row.templateId,
        starts_on: row.startsOn,
        ends_on: row.endsOn,
      })),
    )
    .execute();
}
