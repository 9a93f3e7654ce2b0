import { sql, type Kysely } from 'kysely';
import type { IntensityRules } from '../../../domain/programs/intensity-rules.js';
import type { Database, ProgramsTable } from '../../db/schema.js';

type Q = Kysely<Database>;

export type ProgramFields = {
  name: string;
  description: string;
  levelOfCare: ProgramsTable['level_of_care'];
  population: ProgramsTable['population'];
  focus: ProgramsTable['focus'];
  format: ProgramsTable['format'];
  rules: IntensityRules;
  groupCapacity: number;
  conditions: string[];
  modalities: string[];
  isPart2: boolean;
  published: boolean;
  publicSummaryEn: string;
  publicSummaryEs: string;
};

export type Program = ProgramFields & {
  id: string;
  organizationId: string;
  siteId: string;
  /** The site's IANA zone: intensity weeks and days are counted in it. */
  timeZone: string;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type ProgramFilters = {
  siteId?: string | undefined;
  levelOfCare?: ProgramsTable['level_of_care'] | undefined;
  published?: boolean | undefined;
  active?: boolean | undefined;
};

function baseQuery(db: Q, organizationId: string) {
  return db
    .selectFrom('programs as p')
    .innerJoin('sites as s', (join) => join.onRef('s.id', '=', 'p.site_id').onRef('s.organization_id', '=', 'p.organization_id'))
    .selectAll('p')
    .select('s.time_zone')
    .where('p.organization_id', '=', organizationId);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toProgram(row: Row): Program {
  return {
    id: row.id,
    organizationId: row.organization_id,
    siteId: row.site_id,
    timeZone: row.time_zone,
    name: row.name,
    description: row.description,
    levelOfCare: row.level_of_care,
    population: row.population,
    focus: row.focus,
    format: row.format,
    rules: {
      weeklyFloorMinutes: row.weekly_floor_minutes,
      weeklyCeilingMinutes: row.weekly_ceiling_minutes,
      minDaysPerWeek: row.min_days_per_week,
      minBillableDaysPerWeek: row.min_billable_days_per_week,
      minBillableDayMinutes: row.min_billable_day_minutes,
    },
    groupCapacity: row.group_capacity,
    conditions: row.conditions,
    modalities: row.modalities,
    isPart2: row.is_part2,
    published: row.published,
    publicSummaryEn: row.public_summary_en,
    publicSummaryEs: row.public_summary_es,
    active: row.active,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function columns(fields: ProgramFields) {
  return {
    name: fields.name,
    description: fields.description,
    level_of_care: fields.levelOfCare,
    population: fields.population,
    focus: fields.focus,
    format: fields.format,
    weekly_floor_minutes: fields.rules.weeklyFloorMinutes,
    weekly_ceiling_minutes: fields.rules.weeklyCeilingMinutes,
    min_days_per_week: fields.rules.minDaysPerWeek,
    min_billable_days_per_week: fields.rules.minBillableDaysPerWeek,
    min_billable_day_minutes: fields.rules.minBillableDayMinutes,
    group_capacity: fields.groupCapacity,
    conditions: fields.conditions,
    modalities: fields.modalities,
    is_part2: fields.isPart2,
    published: fields.published,
    public_summary_en: fields.publicSummaryEn,
    public_summary_es: fields.publicSummaryEs,
  };
}

export async function listPrograms(db: Q, organizationId: string, filters: ProgramFilters): Promise<Program[]> {
  let query = baseQuery(db, organizationId);
  if (filters.siteId !== undefined) query = query.where('p.site_id', '=', filters.siteId);
  if (filters.levelOfCare !== undefined) query = query.where('p.level_of_care', '=', filters.levelOfCare);
  if (filters.published !== undefined) query = query.where('p.published', '=', filters.published);
  if (filters.active !== undefined) query = query.where('p.active', '=', filters.active);
  const rows = await query.orderBy('p.name').orderBy('p.id').execute();
  return rows.map(toProgram);
}

/** Scoped to the organization: another tenant's id finds nothing. `forUpdate` locks the program row. */
export async function findProgram(
  db: Q,
  organizationId: string,
  programId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Program | undefined> {
  const query = baseQuery(db, organizationId).where('p.id', '=', programId);
  const row = await (options.forUpdate ? query.forUpdate('p') : query).executeTakeFirst();
  return row && toProgram(row);
}

export async function findPrograms(db: Q, organizationId: string, programIds: readonly string[]): Promise<Program[]> {
  if (programIds.length === 0) return [];
  const rows = await baseQuery(db, organizationId).where('p.id', 'in', programIds).execute();
  return rows.map(toProgram);
}

export async function insertProgram(db: Q, input: ProgramFields & { organizationId: string; siteId: string; now: Date }): Promise<string> {
  const row = await db
    .insertInto('programs')
    .values({
      organization_id: input.organizationId,
      site_id: input.siteId,
      ...columns(input),
      created_at: input.now,
      updated_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the fields and the next version; the caller holds the row lock and has checked the version. */
export async function updateProgram(
  db: Q,
  organizationId: string,
  programId: string,
  fields: ProgramFields & { active: boolean },
  nextVersion: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('programs')
    .set({ ...columns(fields), active: fields.active, version: nextVersion, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', programId)
    .execute();
}

async function count(query: { executeTakeFirstOrThrow: () => Promise<{ n: number }> }): Promise<number> {
  return (await query.executeTakeFirstOrThrow()).n;
}

/** Episodes (open and all) and active group series of a program: what a change must not strand. */
export async function programUsage(
  db: Q,
  organizationId: string,
  programId: string,
): Promise<{ openEpisodes: number; episodes: number; activeTemplates: number }> {
  const episodes = db.selectFrom('episodes').where('organization_id', '=', organizationId).where('program_id', '=', programId);
  return {
    openEpisodes: await count(episodes.select(sql<number>`count(*)::int`.as('n')).where('status', '=', 'open')),
    episodes: await count(episodes.select(sql<number>`count(*)::int`.as('n'))),
    activeTemplates: await count(
      db
        .selectFrom('group_templates')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('organization_id', '=', organizationId)
        .where('program_id', '=', programId)
        .where('active', '=', true),
    ),
  };
}
