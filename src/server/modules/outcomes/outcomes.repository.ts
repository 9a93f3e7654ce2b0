// Reads for trends and population outcomes. Responses are stored by the measures module
// (measure_responses); this module only reads them. Row types stop here.
import type { Kysely } from 'kysely';
import type { Database, EpisodeEventKind } from '../../db/schema.js';

type Q = Kysely<Database>;

export type StoredResponse = {
  id: string;
  episodeId: string | null;
  instrument: string;
  administeredAt: Date;
  complete: boolean;
  total: number | null;
  band: string | null;
};

function toStoredResponse(row: {
  id: string;
  episode_id: string | null;
  instrument_code: string;
  administered_at: Date;
  complete: boolean;
  total: number | null;
  band: string | null;
}): StoredResponse {
  return {
    id: row.id,
    episodeId: row.episode_id,
    instrument: row.instrument_code,
    administeredAt: new Date(row.administered_at),
    complete: row.complete,
    total: row.total,
    band: row.band,
  };
}

/** Every response of a patient, oldest first. */
export async function patientResponses(db: Q, organizationId: string, patientId: string): Promise<StoredResponse[]> {
  const rows = await db
    .selectFrom('measure_responses')
    .select(['id', 'episode_id', 'instrument_code', 'administered_at', 'complete', 'total', 'band'])
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .orderBy('administered_at')
    .orderBy('id')
    .execute();
  return rows.map(toStoredResponse);
}

export type LevelEvent = {
  kind: EpisodeEventKind;
  episodeId: string;
  effectiveOn: string;
  fromLevel: string | null;
  toLevel: string | null;
};

/** The level-of-care history of all the patient's episodes (admission, steps, transfers, discharge). */
export async function patientLevelEvents(db: Q, organizationId: string, patientId: string): Promise<LevelEvent[]> {
  const rows = await db
    .selectFrom('episode_events as ev')
    .innerJoin('episodes as e', (join) => join.onRef('e.id', '=', 'ev.episode_id').onRef('e.organization_id', '=', 'ev.organization_id'))
    .select(['ev.kind', 'ev.episode_id', 'ev.effective_on', 'ev.from_level', 'ev.to_level'])
    .where('ev.organization_id', '=', organizationId)
    .where('e.patient_id', '=', patientId)
    .orderBy('ev.effective_on')
    .orderBy('ev.recorded_at')
    .execute();
  return rows.map((row) => ({
    kind: row.kind,
    episodeId: row.episode_id,
    effectiveOn: row.effective_on,
    fromLevel: row.from_level,
    toLevel: row.to_level,
  }));
}

export type LevelAssessment = { id: string; assessedAt: Date; recommendedLevel: string; finalLevel: string };

export async function patientLevelAssessments(db: Q, organizationId: string, patientId: string): Promise<LevelAssessment[]> {
  const rows = await db
    .selectFrom('loc_assessments')
    .select(['id', 'assessed_at', 'recommended_level', 'final_level'])
    .where('organization_id', '=', organizationId)
    .where('patient_id', '=', patientId)
    .orderBy('assessed_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    assessedAt: new Date(row.assessed_at),
    recommendedLevel: row.recommended_level,
    finalLevel: row.final_level,
  }));
}

/** The time zone of the site of the patient's latest episode, for dating events; null without one. */
export async function patientTimeZone(db: Q, organizationId: string, patientId: string): Promise<string | null> {
  const row = await db
    .selectFrom('episodes as e')
    .innerJoin('programs as p', (join) => join.onRef('p.id', '=', 'e.program_id').onRef('p.organization_id', '=', 'e.organization_id'))
    .innerJoin('sites as s', (join) => join.onRef('s.id', '=', 'p.site_id').onRef('s.organization_id', '=', 'p.organization_id'))
    .select('s.time_zone')
    .where('e.organization_id', '=', organizationId)
    .where('e.patient_id', '=', patientId)
    .orderBy('e.admitted_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.time_zone ?? null;
}

export type ProgramRecord = { id: string; name: string; timeZone: string };

export async function findProgram(db: Q, organizationId: string, programId: string): Promise<ProgramRecord | null> {
  const row = await db
    .selectFrom('programs as p')
    .innerJoin('sites as s', (join) => join.onRef('s.id', '=', 'p.site_id').onRef('s.organization_id', '=', 'p.organization_id'))
    .select(['p.id', 'p.name', 's.time_zone'])
    .where('p.organization_id', '=', organizationId)
    .where('p.id', '=', programId)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, timeZone: row.time_zone } : null;
}

export type ProgramEpisode = { id: string; admittedOn: string; dischargedOn: string | null };

/** Episodes of the program open on at least one day of [from, to] (local dates, both ends included). */
export async function programEpisodes(
  db: Q,
  organizationId: string,
  programId: string,
  from: string,
  to: string,
): Promise<ProgramEpisode[]> {
  const rows = await db
    .selectFrom('episodes')
    .select(['id', 'admitted_on', 'discharged_on'])
    .where('organization_id', '=', organizationId)
    .where('program_id', '=', programId)
    .where('admitted_on', '<=', to)
    .where((eb) => eb.or([eb('discharged_on', 'is', null), eb('discharged_on', '>=', from)]))
    .orderBy('admitted_on')
    .execute();
  return rows.map((row) => ({ id: row.id, admittedOn: row.admitted_on, dischargedOn: row.discharged_on }));
}

/** The responses to one instrument recorded in these episodes. */
export async function episodeResponses(
  db: Q,
  organizationId: string,
  episodeIds: readonly string[],
  instrument: string,
): Promise<(StoredResponse & { episodeId: string })[]> {
  if (episodeIds.length === 0) return [];
  const rows = await db
    .selectFrom('measure_responses')
    .select(['id', 'episode_id', 'instrument_code', 'administered_at', 'complete', 'total', 'band'])
    .where('organization_id', '=', organizationId)
    .where('episode_id', 'in', episodeIds)
    .where('instrument_code', '=', instrument)
    .execute();
  const responses: (StoredResponse & { episodeId: string })[] = [];
  for (const row of rows) {
    const record = toStoredResponse(row);
    if (record.episodeId !== null) responses.push({ ...record, episodeId: record.episodeId });
  }
  return responses;
}
