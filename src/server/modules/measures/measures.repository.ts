// Measurement schedules, responses and links. Row types stop here.
import { sql, type Kysely } from 'kysely';
import type { ScheduleRule } from '../../../domain/measures/due.js';
import type { Database, MeasureSourceColumn } from '../../db/schema.js';

type Q = Kysely<Database>;

export async function listSchedule(db: Q, organizationId: string, programId: string): Promise<ScheduleRule[]> {
  const rows = await db
    .selectFrom('measure_schedules')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .orderBy('instrument_code')
    .execute();
  return rows.map((row) => ({
    instrument: row.instrument_code,
    baseline: row.baseline,
    everyDays: row.every_days,
    everySessions: row.every_sessions,
    atLevelChange: row.at_level_change,
    atDischarge: row.at_discharge,
  }));
}

export async function replaceSchedule(db: Q, organizationId: string, programId: string, rules: readonly ScheduleRule[]): Promise<void> {
  await db.deleteFrom('measure_schedules').where('organization_id', '=', organizationId).where('program_id', '=', programId).execute();
  if (rules.length === 0) return;
  await db
    .insertInto('measure_schedules')
    .values(
      rules.map((rule) => ({
        organization_id: organizationId,
        program_id: programId,
        instrument_code: rule.instrument,
        baseline: rule.baseline,
        every_days: rule.everyDays,
        every_sessions: rule.everySessions,
        at_level_change: rule.atLevelChange,
        at_discharge: rule.atDischarge,
      })),
    )
    .execute();
}

export type EpisodeRecord = {
  id: string;
  programId: string;
  timeZone: string;
  admittedOn: string;
  dischargedOn: string | null;
  levelChangesOn: string[];
  attendedOn: string[];
};

/** The patient's open episode, or else the latest one; with its level changes and attended sessions. */
export async function currentEpisode(db: Q, organizationId: string, patientId: string): Promise<EpisodeRecord | null> {
  const row = await db
    .selectFrom('episodes as e')
    .innerJoin('programs as p', (join) => join.onRef('p.id', '=', 'e.program_id').onRef('p.organization_id', '=', 'e.organization_id'))
    .innerJoin('sites as s', (join) => join.onRef('s.id', '=', 'p.site_id').onRef('s.organization_id', '=', 'p.organization_id'))
    .select(['e.id', 'e.program_id', 'e.admitted_on', 'e.discharged_on', 's.time_zone'])
    .where('e.organization_id', '=', organizationId)
    .where('e.patient_id', '=', patientId)
    .orderBy(sql`e.status = 'open'`, 'desc')
    .orderBy('e.admitted_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const changes = await db
    .selectFrom('episode_events')
    .select('effective_on')
    .where('organization_id', '=', organizationId)
    .where('episode_id', '=', row.id)
    .where('kind', 'in', ['stepped_up', 'stepped_down', 'level_changed'])
    .execute();
  const attended = await db
    .selectFrom('attendance as a')
    .innerJoin('sessions_of_care as s', (join) =>
      join.onRef('s.id', '=', 'a.session_id').onRef('s.organization_id', '=', 'a.organization_id'),
    )
    .select('s.local_date')
    .where('a.organization_id', '=', organizationId)
    .where('a.episode_id', '=', row.id)
    .where('a.status', 'in', ['present', 'late', 'left_early'])
    .execute();
  return {
    id: row.id,
    programId: row.program_id,
    timeZone: row.time_zone,
    admittedOn: row.admitted_on,
    dischargedOn: row.discharged_on,
    levelChangesOn: changes.map((change) => change.effective_on),
    attendedOn: attended.map((a) => a.local_date),
  };
}

export type ResponseRecord = {
  id: string;
  patientId: string;
  episodeId: string | null;
  instrument: string;
  instrumentVersion: string;
  answers: unknown;
  complete: boolean;
  total: number | null;
  band: string | null;
  flags: string[];
  missingItems: string[];
  source: MeasureSourceColumn;
  enteredBy: { id: string; name: string } | null;
  administeredAt: Date;
  createdAt: Date;
};

export type NewResponse = Omit<ResponseRecord, 'id' | 'enteredBy'> & {
  organizationId: string;
  enteredBy: string | null;
  linkId: string | null;
};

export async function insertResponse(db: Q, input: NewResponse): Promise<string> {
  const row = await db
    .insertInto('measure_responses')
    .values({
      organization_id: input.organizationId,
      patient_id: input.patientId,
      episode_id: input.episodeId,
      instrument_code: input.instrument,
      instrument_version: input.instrumentVersion,
      answers: JSON.stringify(input.answers),
      complete: input.complete,
      total: input.total,
      band: input.band,
      flags: input.flags,
      missing_items: input.missingItems,
      source: input.source,
      entered_by: input.enteredBy,
      link_id: input.linkId,
      administered_at: input.administeredAt,
      created_at: input.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function responsesQuery(db: Q, organizationId: string) {
  return db
    .selectFrom('measure_responses as r')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'r.entered_by').onRef('u.organization_id', '=', 'r.organization_id'))
    .selectAll('r')
    .select('u.display_name as entered_by_name')
    .where('r.organization_id', '=', organizationId);
}

type ResponseRow = Awaited<ReturnType<ReturnType<typeof responsesQuery>['executeTakeFirstOrThrow']>>;

function toResponse(row: ResponseRow): ResponseRecord {
  return {
    id: row.id,
    patientId: row.patient_id,
    episodeId: row.episode_id,
    instrument: row.instrument_code,
    instrumentVersion: row.instrument_version,
    answers: row.answers,
    complete: row.complete,
    total: row.total,
    band: row.band,
    flags: row.flags,
    missingItems: row.missing_items,
    source: row.source,
    enteredBy: row.entered_by === null ? null : { id: row.entered_by, name: row.entered_by_name ?? '' },
    administeredAt: new Date(row.administered_at),
    createdAt: new Date(row.created_at),
  };
}

/** Newest first. */
export async function listResponses(db: Q, organizationId: string, patientId: string): Promise<ResponseRecord[]> {
  const rows = await responsesQuery(db, organizationId)
    .where('r.patient_id', '=', patientId)
    .orderBy('r.administered_at', 'desc')
    .orderBy('r.created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(toResponse);
}

export async function findResponse(db: Q, organizationId: string, responseId: string): Promise<ResponseRecord | null> {
  const row = await responsesQuery(db, organizationId).where('r.id', '=', responseId).executeTakeFirst();
  return row ? toResponse(row) : null;
}

export type LinkRecord = {
  id: string;
  organizationId: string;
  patientId: string;
  episodeId: string | null;
  instrument: string;
  kind: 'link' | 'kiosk';
  language: 'en' | 'es';
  expiresAt: Date;
  usedAt: Date | null;
  responseId: string | null;
  submitKey: string | null;
};

export async function insertLink(
  db: Q,
  input: Omit<LinkRecord, 'id' | 'usedAt' | 'responseId' | 'submitKey'> & { tokenHash: Buffer; createdBy: string; createdAt: Date },
): Promise<string> {
  const row = await db
    .insertInto('measure_links')
    .values({
      organization_id: input.organizationId,
      patient_id: input.patientId,
      episode_id: input.episodeId,
      instrument_code: input.instrument,
      kind: input.kind,
      token_hash: input.tokenHash,
      language: input.language,
      expires_at: input.expiresAt,
      created_by: input.createdBy,
      created_at: input.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** By token hash across organizations: the token is the capability (decision 0022). */
export async function findLinkByHash(db: Q, tokenHash: Buffer, options: { lock?: boolean } = {}): Promise<LinkRecord | null> {
  let query = db.selectFrom('measure_links').selectAll().where('token_hash', '=', tokenHash);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    organizationId: row.organization_id,
    patientId: row.patient_id,
    episodeId: row.episode_id,
    instrument: row.instrument_code,
    kind: row.kind,
    language: row.language,
    expiresAt: new Date(row.expires_at),
    usedAt: row.used_at === null ? null : new Date(row.used_at),
    responseId: row.response_id,
    submitKey: row.submit_key,
  };
}

export async function markLinkUsed(db: Q, linkId: string, input: { responseId: string; at: Date; submitKey: string }): Promise<void> {
  await db
    .updateTable('measure_links')
    .set({ used_at: input.at, response_id: input.responseId, submit_key: input.submitKey })
    .where('id', '=', linkId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
}

export async function findResponseResult(
  db: Q,
  organizationId: string,
  responseId: string,
): Promise<{ flags: string[]; complete: boolean } | null> {
  const row = await db
    .selectFrom('measure_responses')
    .select(['flags', 'complete'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', responseId)
    .executeTakeFirst();
  return row ?? null;
}

/** The center's name and phone, for the questionnaire page's crisis panel. */
export async function centerOf(db: Q, organizationId: string): Promise<{ name: string; phone: string }> {
  const row = await db
    .selectFrom('organizations')
    .select(['name', 'public_phone'])
    .where('id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return { name: row.name, phone: row.public_phone };
}
