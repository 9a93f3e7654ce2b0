import { sql, type Kysely } from 'kysely';
import type { IntensityRules } from '../../../domain/programs/intensity-rules.js';
import type { Database, Disposition, EpisodeEventKind, LevelOfCareColumn } from '../../db/schema.js';

type Q = Kysely<Database>;

export type ProgramRecord = {
  id: string;
  name: string;
  siteId: string;
  siteName: string;
  timeZone: string;
  levelOfCare: LevelOfCareColumn;
  population: 'adult' | 'adolescent';
  active: boolean;
  isPart2: boolean;
  rules: IntensityRules;
};

export type EpisodeEventRecord = {
  id: string;
  episodeId: string;
  kind: EpisodeEventKind;
  effectiveOn: string;
  fromProgramId: string | null;
  fromProgramName: string | null;
  toProgramId: string | null;
  toProgramName: string | null;
  fromLevel: string | null;
  toLevel: string | null;
  reason: string;
  recordedBy: string | null;
  recordedByName: string | null;
  recordedAt: Date;
};

export type EpisodeRecord = {
  id: string;
  patientId: string;
  programId: string;
  programName: string;
  siteId: string;
  siteName: string;
  timeZone: string;
  levelOfCare: LevelOfCareColumn;
  part2: boolean;
  status: 'open' | 'closed';
  admittedOn: string;
  expectedWeeks: number | null;
  dischargedOn: string | null;
  disposition: Disposition | null;
  aftercareNote: string | null;
  previousEpisodeId: string | null;
  nextEpisodeId: string | null;
  version: number;
  createdAt: Date;
};

export async function findProgram(db: Q, organizationId: string, programId: string): Promise<ProgramRecord | undefined> {
  const row = await db
    .selectFrom('programs as p')
    .innerJoin('sites as s', (join) => join.onRef('s.id', '=', 'p.site_id').onRef('s.organization_id', '=', 'p.organization_id'))
    .select([
      'p.id',
      'p.name',
      'p.site_id',
      's.name as site_name',
      's.time_zone',
      'p.level_of_care',
      'p.population',
      'p.active',
      'p.is_part2',
      'p.weekly_floor_minutes',
      'p.weekly_ceiling_minutes',
      'p.min_days_per_week',
      'p.min_billable_days_per_week',
      'p.min_billable_day_minutes',
    ])
    .where('p.organization_id', '=', organizationId)
    .where('p.id', '=', programId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    siteId: row.site_id,
    siteName: row.site_name,
    timeZone: row.time_zone,
    levelOfCare: row.level_of_care,
    population: row.population,
    active: row.active,
    isPart2: row.is_part2,
    rules: {
      weeklyFloorMinutes: row.weekly_floor_minutes,
      weeklyCeilingMinutes: row.weekly_ceiling_minutes,
      minDaysPerWeek: row.min_days_per_week,
      minBillableDaysPerWeek: row.min_billable_days_per_week,
      minBillableDayMinutes: row.min_billable_day_minutes,
    },
  };
}

function selectEpisodes(db: Q, organizationId: string) {
  return db
    .selectFrom('episodes as e')
    .innerJoin('programs as p', (join) => join.onRef('p.id', '=', 'e.program_id').onRef('p.organization_id', '=', 'e.organization_id'))
    .innerJoin('sites as s', (join) => join.onRef('s.id', '=', 'p.site_id').onRef('s.organization_id', '=', 'p.organization_id'))
    .select([
      'e.id',
      'e.patient_id',
      'e.program_id',
      'p.name as program_name',
      'p.site_id',
      's.name as site_name',
      's.time_zone',
      'e.level_of_care',
      'p.is_part2',
      'e.status',
      'e.admitted_on',
      'e.expected_weeks',
      'e.discharged_on',
      'e.disposition',
      'e.aftercare_note',
      'e.previous_episode_id',
      'e.version',
      'e.created_at',
      sql<
        string | null
      >`(SELECT n.id FROM episodes n WHERE n.previous_episode_id = e.id AND n.organization_id = e.organization_id ORDER BY n.created_at LIMIT 1)`.as(
        'next_episode_id',
      ),
    ])
    .where('e.organization_id', '=', organizationId);
}

type EpisodeRow = Awaited<ReturnType<ReturnType<typeof selectEpisodes>['executeTakeFirstOrThrow']>>;

function toEpisode(row: EpisodeRow): EpisodeRecord {
  return {
    id: row.id,
    patientId: row.patient_id,
    programId: row.program_id,
    programName: row.program_name,
    siteId: row.site_id,
    siteName: row.site_name,
    timeZone: row.time_zone,
    levelOfCare: row.level_of_care,
    part2: row.is_part2,
    status: row.status,
    admittedOn: row.admitted_on,
    expectedWeeks: row.expected_weeks,
    dischargedOn: row.discharged_on,
    disposition: row.disposition,
    aftercareNote: row.aftercare_note,
    previousEpisodeId: row.previous_episode_id,
    nextEpisodeId: row.next_episode_id,
    version: row.version,
    createdAt: row.created_at,
  };
}

/** Scoped to the organization. `lock` takes the episode row (not its program) until the transaction ends. */
export async function findEpisode(
  db: Q,
  organizationId: string,
  episodeId: string,
  options: { lock?: boolean } = {},
): Promise<EpisodeRecord | undefined> {
  let query = selectEpisodes(db, organizationId).where('e.id', '=', episodeId);
  if (options.lock) query = query.forUpdate('e');
  const row = await query.executeTakeFirst();
  return row && toEpisode(row);
}

/** Every episode of the patient, newest admission first. */
export async function listEpisodes(db: Q, organizationId: string, patientId: string): Promise<EpisodeRecord[]> {
  const rows = await selectEpisodes(db, organizationId)
    .where('e.patient_id', '=', patientId)
    .orderBy('e.admitted_on', 'desc')
    .orderBy('e.created_at', 'desc')
    .execute();
  return rows.map(toEpisode);
}

export async function openEpisodeIn(db: Q, organizationId: string, patientId: string, programId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('episodes')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .where('program_id', '=', programId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return row?.id;
}

export async function eventsOf(db: Q, organizationId: string, episodeIds: readonly string[]): Promise<EpisodeEventRecord[]> {
  if (episodeIds.length === 0) return [];
  const rows = await db
    .selectFrom('episode_events as ev')
    .leftJoin('programs as fp', (join) =>
      join.onRef('fp.id', '=', 'ev.from_program_id').onRef('fp.organization_id', '=', 'ev.organization_id'),
    )
    .leftJoin('programs as tp', (join) =>
      join.onRef('tp.id', '=', 'ev.to_program_id').onRef('tp.organization_id', '=', 'ev.organization_id'),
    )
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'ev.recorded_by').onRef('u.organization_id', '=', 'ev.organization_id'))
    .select([
      'ev.id',
      'ev.episode_id',
      'ev.kind',
      'ev.effective_on',
      'ev.from_program_id',
      'fp.name as from_program_name',
      'ev.to_program_id',
      'tp.name as to_program_name',
      'ev.from_level',
      'ev.to_level',
      'ev.reason',
      'ev.recorded_by',
      'u.display_name',
      'ev.recorded_at',
    ])
    .where('ev.organization_id', '=', organizationId)
    .where('ev.episode_id', 'in', episodeIds)
    .orderBy('ev.effective_on')
    .orderBy('ev.recorded_at')
    .orderBy('ev.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    episodeId: row.episode_id,
    kind: row.kind,
    effectiveOn: row.effective_on,
    fromProgramId: row.from_program_id,
    fromProgramName: row.from_program_name,
    toProgramId: row.to_program_id,
    toProgramName: row.to_program_name,
    fromLevel: row.from_level,
    toLevel: row.to_level,
    reason: row.reason,
    recordedBy: row.recorded_by,
    recordedByName: row.display_name,
    recordedAt: row.recorded_at,
  }));
}

export async function insertEpisode(
  db: Q,
  input: {
    organizationId: string;
    patientId: string;
    programId: string;
    levelOfCare: LevelOfCareColumn;
    admittedOn: string;
    expectedWeeks: number | null;
    previousEpisodeId: string | null;
    now: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('episodes')
    .values({
      organization_id: input.organizationId,
      patient_id: input.patientId,
      program_id: input.programId,
      level_of_care: input.levelOfCare,
      status: 'open',
      admitted_on: input.admittedOn,
      expected_weeks: input.expectedWeeks,
      previous_episode_id: input.previousEpisodeId,
      created_at: input.now,
      updated_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type NewEvent = {
  organizationId: string;
  episodeId: string;
  kind: EpisodeEventKind;
  effectiveOn: string;
  fromProgramId: string | null;
  toProgramId: string | null;
  fromLevel: string | null;
  toLevel: string | null;
  reason: string;
  recordedBy: string;
  recordedAt: Date;
};

export async function insertEvent(db: Q, event: NewEvent): Promise<void> {
  await db
    .insertInto('episode_events')
    .values({
      organization_id: event.organizationId,
      episode_id: event.episodeId,
      kind: event.kind,
      effective_on: event.effectiveOn,
      from_program_id: event.fromProgramId,
      to_program_id: event.toProgramId,
      from_level: event.fromLevel,
      to_level: event.toLevel,
      reason: event.reason,
      recorded_by: event.recordedBy,
      recorded_at: event.recordedAt,
    })
    .execute();
}

export async function closeEpisode(
  db: Q,
  organizationId: string,
  episodeId: string,
  close: { dischargedOn: string; disposition: Disposition; aftercareNote: string | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('episodes')
    .set({
      status: 'closed',
      discharged_on: close.dischargedOn,
      disposition: close.disposition,
      aftercare_note: close.aftercareNote,
      version: sql<number>`version + 1`,
      updated_at: now,
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', episodeId)
    .execute();
}

export async function bumpEpisodeVersion(db: Q, organizationId: string, episodeId: string, now: Date): Promise<void> {
  await db
    .updateTable('episodes')
    .set({ version: sql<number>`version + 1`, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', episodeId)
    .execute();
}

/**
 * Ends the weekly plan on `lastDay` (inclusive, like every end date in the schema): series that run
 * past it stop there, series that would only have started later are removed, because they never began.
 */
export async function endEnrolments(
  db: Q,
  organizationId: string,
  episodeId: string,
  lastDay: string,
): Promise<{ ended: number; removed: number }> {
  const removed = await db
    .deleteFrom('episode_enrolments')
    .where('organization_id', '=', organizationId)
    .where('episode_id', '=', episodeId)
    .where('starts_on', '>', lastDay)
    .executeTakeFirst();
  const ended = await db
    .updateTable('episode_enrolments')
    .set({ ends_on: lastDay })
    .where('organization_id', '=', organizationId)
    .where('episode_id', '=', episodeId)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', lastDay)]))
    .executeTakeFirst();
  return { ended: Number(ended.numUpdatedRows), removed: Number(removed.numDeletedRows) };
}
