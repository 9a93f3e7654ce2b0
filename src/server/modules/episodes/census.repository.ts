import { sql, type Kysely } from 'kysely';
import type { Database, Disposition, EpisodeEventKind, LevelOfCareColumn } from '../../db/schema.js';

type Q = Kysely<Database>;

export type ProgramCensusRow = {
  programId: string;
  programName: string;
  siteId: string;
  siteName: string;
  levelOfCare: LevelOfCareColumn;
  population: 'adult' | 'adolescent';
  active: boolean;
  /** The local date counted at this program's site. */
  onDate: string;
  openEpisodes: number;
};

export type MovementRow = {
  eventId: string;
  kind: EpisodeEventKind;
  effectiveOn: string;
  episodeId: string;
  patientId: string;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  programId: string;
  programName: string;
  siteId: string;
  fromProgramId: string | null;
  toProgramId: string | null;
  fromLevel: string | null;
  toLevel: string | null;
  disposition: Disposition | null;
};

/**
 * Episodes in care on a date, per program. An episode counts from its admission date up to the day
 * before its discharge date (the midnight census): on a transfer day the patient counts once, in the
 * program they moved to. `on` is one date for every site, or an instant read as each site's local date.
 */
export async function programCensus(db: Q, organizationId: string, on: { date: string } | { at: Date }): Promise<ProgramCensusRow[]> {
  const day = 'date' in on ? sql<string>`${on.date}::date` : sql<string>`(${on.at}::timestamptz AT TIME ZONE s.time_zone)::date`;
  const rows = await db
    .selectFrom('programs as p')
    .innerJoin('sites as s', (join) => join.onRef('s.id', '=', 'p.site_id').onRef('s.organization_id', '=', 'p.organization_id'))
    .select([
      'p.id',
      'p.name',
      'p.site_id',
      's.name as site_name',
      'p.level_of_care',
      'p.population',
      'p.active',
      sql<string>`to_char(${day}, 'YYYY-MM-DD')`.as('on_date'),
      sql<string>`(SELECT count(*) FROM episodes e
        WHERE e.organization_id = p.organization_id AND e.program_id = p.id
          AND e.admitted_on <= ${day} AND (e.discharged_on IS NULL OR e.discharged_on > ${day}))`.as('open_episodes'),
    ])
    .where('p.organization_id', '=', organizationId)
    .orderBy('s.name')
    .orderBy('p.name')
    .execute();
  return rows.map((row) => ({
    programId: row.id,
    programName: row.name,
    siteId: row.site_id,
    siteName: row.site_name,
    levelOfCare: row.level_of_care,
    population: row.population,
    active: row.active,
    onDate: row.on_date,
    openEpisodes: Number(row.open_episodes),
  }));
}

/** Level-of-care events (admissions, moves, discharges) effective from `from` to `to`, both inclusive, newest first. */
export async function movements(db: Q, organizationId: string, from: string, to: string, limit: number): Promise<MovementRow[]> {
  const rows = await db
    .selectFrom('episode_events as ev')
    .innerJoin('episodes as e', (join) => join.onRef('e.id', '=', 'ev.episode_id').onRef('e.organization_id', '=', 'ev.organization_id'))
    .innerJoin('patients as pt', (join) => join.onRef('pt.id', '=', 'e.patient_id').onRef('pt.organization_id', '=', 'e.organization_id'))
    .innerJoin('programs as p', (join) => join.onRef('p.id', '=', 'e.program_id').onRef('p.organization_id', '=', 'e.organization_id'))
    .select([
      'ev.id',
      'ev.kind',
      'ev.effective_on',
      'ev.episode_id',
      'e.patient_id',
      'pt.legal_first_name',
      'pt.legal_last_name',
      'pt.preferred_name',
      'e.program_id',
      'p.name as program_name',
      'p.site_id',
      'ev.from_program_id',
      'ev.to_program_id',
      'ev.from_level',
      'ev.to_level',
      'e.disposition',
    ])
    .where('ev.organization_id', '=', organizationId)
    .where('ev.effective_on', '>=', from)
    .where('ev.effective_on', '<=', to)
    .orderBy('ev.effective_on', 'desc')
    .orderBy('ev.recorded_at', 'desc')
    // One transfer writes both sides at once; newest first puts the arrival before the departure.
    .orderBy(sql`CASE WHEN ev.kind = 'transferred_in' THEN 0 ELSE 1 END`)
    .orderBy('ev.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    eventId: row.id,
    kind: row.kind,
    effectiveOn: row.effective_on,
    episodeId: row.episode_id,
    patientId: row.patient_id,
    legalFirstName: row.legal_first_name,
    legalLastName: row.legal_last_name,
    preferredName: row.preferred_name,
    programId: row.program_id,
    programName: row.program_name,
    siteId: row.site_id,
    fromProgramId: row.from_program_id,
    toProgramId: row.to_program_id,
    fromLevel: row.from_level,
    toLevel: row.to_level,
    disposition: row.disposition,
  }));
}
