import { randomUUID } from 'node:crypto';
import type { Db } from '../src/server/db/database.js';
import type { ProgramsTable, SessionKind } from '../src/server/db/schema.js';

// Small factories that insert rows directly, so a test of one area can set up another area's
// data without going through its API. Every value is synthetic.

type Org = { organizationId: string; siteIds: string[] };

export async function createRoom(db: Db, org: Org, input: { siteId?: string; capacity?: number; name?: string } = {}): Promise<string> {
  const row = await db
    .insertInto('rooms')
    .values({
      organization_id: org.organizationId,
      site_id: input.siteId ?? first(org.siteIds),
      name: input.name ?? `Room ${randomUUID().slice(0, 6)}`,
      capacity: input.capacity ?? 12,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createProgram(
  db: Db,
  org: Org,
  input: Partial<
    Pick<
      ProgramsTable,
      | 'name'
      | 'level_of_care'
      | 'population'
      | 'focus'
      | 'format'
      | 'weekly_floor_minutes'
      | 'weekly_ceiling_minutes'
      | 'min_days_per_week'
      | 'min_billable_days_per_week'
      | 'min_billable_day_minutes'
      | 'group_capacity'
    >
  > & { siteId?: string; isPart2?: boolean; published?: boolean } = {},
): Promise<string> {
  const row = await db
    .insertInto('programs')
    .values({
      organization_id: org.organizationId,
      site_id: input.siteId ?? first(org.siteIds),
      name: input.name ?? `Adult IOP ${randomUUID().slice(0, 6)}`,
      level_of_care: input.level_of_care ?? 'IOP',
      population: input.population ?? 'adult',
      focus: input.focus ?? 'mental_health',
      format: input.format ?? 'in_person',
      weekly_floor_minutes: input.weekly_floor_minutes ?? 540,
      weekly_ceiling_minutes: input.weekly_ceiling_minutes === undefined ? 1140 : input.weekly_ceiling_minutes,
      min_days_per_week: input.min_days_per_week ?? 3,
      min_billable_days_per_week: input.min_billable_days_per_week ?? 3,
      min_billable_day_minutes: input.min_billable_day_minutes ?? 180,
      group_capacity: input.group_capacity ?? 12,
      is_part2: input.isPart2 ?? false,
      published: input.published ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createPatient(
  db: Db,
  org: Org,
  input: { firstName?: string; lastName?: string; state?: string; dateOfBirth?: string; preferredLanguage?: 'en' | 'es' | null } = {},
): Promise<string> {
  const row = await db
    .insertInto('patients')
    .values({
      organization_id: org.organizationId,
      legal_first_name: input.firstName ?? 'Sam',
      legal_last_name: input.lastName ?? `Testpatient-${randomUUID().slice(0, 6)}`,
      date_of_birth: input.dateOfBirth ?? '1990-05-17',
      state_of_residence: input.state ?? 'OR',
      preferred_language: input.preferredLanguage ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function admit(
  db: Db,
  org: Org,
  input: { patientId: string; programId: string; admittedOn?: string; level?: 'OP' | 'IOP' | 'PHP' },
): Promise<string> {
  const row = await db
    .insertInto('episodes')
    .values({
      organization_id: org.organizationId,
      patient_id: input.patientId,
      program_id: input.programId,
      level_of_care: input.level ?? 'IOP',
      status: 'open',
      admitted_on: input.admittedOn ?? '2026-11-02',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('episode_events')
    .values({
      organization_id: org.organizationId,
      episode_id: row.id,
      kind: 'admitted',
      effective_on: input.admittedOn ?? '2026-11-02',
      to_program_id: input.programId,
      to_level: input.level ?? 'IOP',
    })
    .execute();
  return row.id;
}

export async function createTemplate(
  db: Db,
  org: Org,
  input: {
    programId: string;
    roomId?: string | null;
    daysOfWeek?: number[];
    startTime?: string;
    durationMinutes?: number;
    startsOn?: string;
    endsOn?: string | null;
    facilitatorIds?: string[];
    capacity?: number;
    title?: string;
    modality?: string;
  },
): Promise<string> {
  const telehealth = input.roomId === null;
  const row = await db
    .insertInto('group_templates')
    .values({
      organization_id: org.organizationId,
      program_id: input.programId,
      title: input.title ?? 'CBT skills group',
      modality: input.modality ?? 'cbt',
      days_of_week: input.daysOfWeek ?? [1, 2, 3, 4],
      start_time: input.startTime ?? '09:00',
      duration_minutes: input.durationMinutes ?? 180,
      room_id: input.roomId ?? null,
      telehealth,
      capacity: input.capacity ?? 12,
      starts_on: input.startsOn ?? '2026-11-02',
      ends_on: input.endsOn ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const userId of input.facilitatorIds ?? []) {
    await db
      .insertInto('group_template_facilitators')
      .values({ organization_id: org.organizationId, template_id: row.id, user_id: userId })
      .execute();
  }
  return row.id;
}

export async function enrol(
  db: Db,
  org: Org,
  input: { episodeId: string; templateId: string; startsOn?: string; endsOn?: string | null },
): Promise<void> {
  await db
    .insertInto('episode_enrolments')
    .values({
      organization_id: org.organizationId,
      episode_id: input.episodeId,
      template_id: input.templateId,
      starts_on: input.startsOn ?? '2026-11-02',
      ends_on: input.endsOn ?? null,
    })
    .execute();
}

export async function createSession(
  db: Db,
  org: Org,
  input: {
    siteId?: string;
    programId?: string | null;
    kind?: SessionKind;
    templateId?: string | null;
    occurrenceDate?: string | null;
    patientId?: string | null;
    startsAt: string;
    minutes?: number;
    localDate: string;
    clinicianIds?: string[];
    roomId?: string | null;
    capacity?: number;
    status?: 'scheduled' | 'cancelled';
  },
): Promise<string> {
  const start = new Date(input.startsAt);
  const row = await db
    .insertInto('sessions_of_care')
    .values({
      organization_id: org.organizationId,
      site_id: input.siteId ?? first(org.siteIds),
      program_id: input.programId ?? null,
      kind: input.kind ?? 'group',
      template_id: input.templateId ?? null,
      occurrence_date: input.occurrenceDate ?? null,
      patient_id: input.patientId ?? null,
      title: 'Test session',
      starts_at: start,
      ends_at: new Date(start.getTime() + (input.minutes ?? 180) * 60_000),
      local_date: input.localDate,
      room_id: input.roomId ?? null,
      telehealth: !input.roomId,
      capacity: input.capacity ?? 12,
      clinician_ids: input.clinicianIds ?? [],
      status: input.status ?? 'scheduled',
      cancel_reason: input.status === 'cancelled' ? 'Test cancellation' : null,
      cancelled_by: input.status === 'cancelled' ? 'staff' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function first(ids: string[]): string {
  const id = ids[0];
  if (!id) throw new Error('the test organization has no site');
  return id;
}
