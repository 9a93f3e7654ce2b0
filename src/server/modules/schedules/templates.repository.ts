import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Q = Kysely<Database>;

export type TemplateRecord = {
  id: string;
  organizationId: string;
  programId: string;
  siteId: string;
  timeZone: string;
  title: string;
  modality: string;
  daysOfWeek: number[];
  startTime: string;
  durationMinutes: number;
  roomId: string | null;
  telehealth: boolean;
  capacity: number;
  startsOn: string;
  endsOn: string | null;
  active: boolean;
  version: number;
  facilitatorIds: string[];
  createdAt: Date;
  updatedAt: Date;
};

export type TemplateFields = {
  programId: string;
  title: string;
  modality: string;
  daysOfWeek: number[];
  startTime: string;
  durationMinutes: number;
  roomId: string | null;
  telehealth: boolean;
  capacity: number;
  startsOn: string;
  endsOn: string | null;
};

function baseQuery(db: Q) {
  return db
    .selectFrom('group_templates as t')
    .innerJoin('programs as p', 'p.id', 't.program_id')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .select([
      't.id',
      't.organization_id',
      't.program_id',
      'p.site_id',
      's.time_zone',
      't.title',
      't.modality',
      't.days_of_week',
      't.start_time',
      't.duration_minutes',
      't.room_id',
      't.telehealth',
      't.capacity',
      't.starts_on',
      't.ends_on',
      't.active',
      't.version',
      't.created_at',
      't.updated_at',
      sql<
        string[]
      >`coalesce((SELECT array_agg(f.user_id::text ORDER BY f.user_id) FROM group_template_facilitators f WHERE f.template_id = t.id), '{}')`.as(
        'facilitator_ids',
      ),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toTemplate(row: Row): TemplateRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    programId: row.program_id,
    siteId: row.site_id,
    timeZone: row.time_zone,
    title: row.title,
    modality: row.modality,
    daysOfWeek: row.days_of_week.map(Number).sort((a, b) => a - b),
    startTime: row.start_time,
    durationMinutes: row.duration_minutes,
    roomId: row.room_id,
    telehealth: row.telehealth,
    capacity: row.capacity,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    active: row.active,
    version: row.version,
    facilitatorIds: row.facilitator_ids,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findTemplate(
  db: Q,
  organizationId: string,
  templateId: string,
  options: { forUpdate?: boolean } = {},
): Promise<TemplateRecord | undefined> {
  let query = baseQuery(db).where('t.organization_id', '=', organizationId).where('t.id', '=', templateId);
  // Serialises changes to one series (and its generation) without locking the program or site.
  if (options.forUpdate) query = query.forUpdate('t');
  const row = await query.executeTakeFirst();
  return row && toTemplate(row);
}

export async function listTemplates(
  db: Q,
  organizationId: string,
  filter: { programId?: string | undefined; siteId?: string | undefined; activeOn?: string | undefined },
): Promise<TemplateRecord[]> {
  let query = baseQuery(db).where('t.organization_id', '=', organizationId).where('t.active', '=', true);
  if (filter.programId !== undefined) query = query.where('t.program_id', '=', filter.programId);
  if (filter.siteId !== undefined) query = query.where('p.site_id', '=', filter.siteId);
  if (filter.activeOn !== undefined) {
    const on = filter.activeOn;
    query = query.where((eb) => eb.or([eb('t.ends_on', 'is', null), eb('t.ends_on', '>=', on)]));
  }
  const rows = await query.orderBy('t.start_time').orderBy('t.title').orderBy('t.id').execute();
  return rows.map(toTemplate);
}

/** Other active templates in the same room (for the overlap check). */
export async function templatesInRoom(
  db: Q,
  organizationId: string,
  roomId: string,
  exceptTemplateId: string | null,
): Promise<TemplateRecord[]> {
  let query = baseQuery(db).where('t.organization_id', '=', organizationId).where('t.room_id', '=', roomId).where('t.active', '=', true);
  if (exceptTemplateId !== null) query = query.where('t.id', '<>', exceptTemplateId);
  const rows = await query.orderBy('t.created_at').execute();
  return rows.map(toTemplate);
}

export async function insertTemplate(db: Q, organizationId: string, fields: TemplateFields, now: Date): Promise<string> {
  const row = await db
    .insertInto('group_templates')
    .values({
      organization_id: organizationId,
      program_id: fields.programId,
      title: fields.title,
      modality: fields.modality,
      days_of_week: fields.daysOfWeek,
      start_time: fields.startTime,
      duration_minutes: fields.durationMinutes,
      room_id: fields.roomId,
      telehealth: fields.telehealth,
      capacity: fields.capacity,
      starts_on: fields.startsOn,
      ends_on: fields.endsOn,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTemplate(db: Q, organizationId: string, templateId: string, fields: TemplateFields, now: Date): Promise<void> {
  await db
    .updateTable('group_templates')
    .set({
      program_id: fields.programId,
      title: fields.title,
      modality: fields.modality,
      days_of_week: fields.daysOfWeek,
      start_time: fields.startTime,
      duration_minutes: fields.durationMinutes,
      room_id: fields.roomId,
      telehealth: fields.telehealth,
      capacity: fields.capacity,
      starts_on: fields.startsOn,
      ends_on: fields.endsOn,
      version: sql<number>`version + 1`,
      updated_at: now,
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', templateId)
    .execute();
}

export async function replaceFacilitators(db: Q, organizationId: string, templateId: string, userIds: readonly string[]): Promise<void> {
  await db
    .deleteFrom('group_template_facilitators')
    .where('organization_id', '=', organizationId)
    .where('template_id', '=', templateId)
    .execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('group_template_facilitators')
    .values(userIds.map((userId) => ({ organization_id: organizationId, template_id: templateId, user_id: userId })))
    .execute();
}

/** Templates whose series may have occurrences in from..to, locked for generation. */
export async function templatesForGeneration(
  db: Q,
  organizationId: string,
  range: { from: string; to: string },
  filter: { siteId?: string | undefined; templateId?: string | undefined },
): Promise<TemplateRecord[]> {
  let query = baseQuery(db)
    .where('t.organization_id', '=', organizationId)
    .where('t.active', '=', true)
    .where('t.starts_on', '<=', range.to)
    .where((eb) => eb.or([eb('t.ends_on', 'is', null), eb('t.ends_on', '>=', range.from)]));
  if (filter.siteId !== undefined) query = query.where('p.site_id', '=', filter.siteId);
  if (filter.templateId !== undefined) query = query.where('t.id', '=', filter.templateId);
  const rows = await query.orderBy('t.id').forUpdate('t').execute();
  return rows.map(toTemplate);
}
