// Census and recent movements. The first four functions take a database handle (or a transaction)
// so the director dashboard can call them inside its own transaction; they audit nothing, so a
// caller that shows movements (patient names) must audit them: auditPatientsListed(..., 'dashboard').
import type { Kysely } from 'kysely';
import { fieldError } from '../../../domain/errors.js';
import { addDays, daysBetween } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { auditPatientsListed } from '../patients/patients.service.js';
import * as repo from './census.repository.js';

export type ProgramCensus = repo.ProgramCensusRow;

export type SiteCensus = { siteId: string; siteName: string; programs: number; openEpisodes: number };

/**
 * admission: first admission into a program; transfer_in / transfer_out: the two sides of a move
 * between programs; discharge: leaving care here, including a step up to inpatient care outside the system.
 */
export type MovementKind = 'admission' | 'discharge' | 'transfer_in' | 'transfer_out' | 'level_change';

export type Movement = repo.MovementRow & { movement: MovementKind };

export type MovementCounts = { admissions: number; discharges: number; transfers: number };

/** Episodes in care on `onDate` (YYYY-MM-DD, the same date at every site), per program, every program listed. */
export function censusByProgram(db: Kysely<Database>, organizationId: string, onDate: string): Promise<ProgramCensus[]> {
  return repo.programCensus(db, organizationId, { date: onDate });
}

/** Episodes in care today, per program, where "today" is the local date at each program's site at `now`. */
export function censusByProgramToday(db: Kysely<Database>, organizationId: string, now: Date): Promise<ProgramCensus[]> {
  return repo.programCensus(db, organizationId, { at: now });
}

/** Program rows added up per site, in the order the sites first appear. */
export function censusBySite(programs: readonly ProgramCensus[]): SiteCensus[] {
  const sites = new Map<string, SiteCensus>();
  for (const program of programs) {
    const site = sites.get(program.siteId) ?? { siteId: program.siteId, siteName: program.siteName, programs: 0, openEpisodes: 0 };
    site.programs += 1;
    site.openEpisodes += program.openEpisodes;
    sites.set(program.siteId, site);
  }
  return [...sites.values()];
}

export function movementKind(row: Pick<repo.MovementRow, 'kind' | 'toProgramId'>): MovementKind {
  switch (row.kind) {
    case 'admitted':
      return 'admission';
    case 'discharged':
      return 'discharge';
    case 'transferred_in':
      return 'transfer_in';
    case 'stepped_up':
    case 'stepped_down':
    case 'transferred_out':
      // No program on the other side: the patient left for care outside the system.
      return row.toProgramId === null ? 'discharge' : 'transfer_out';
    case 'level_changed':
      return 'level_change';
  }
}

export const MOVEMENTS_LIMIT = 500;

/** Admissions, moves and discharges effective from `from` to `to` (both inclusive, YYYY-MM-DD), newest first, at most 500. */
export async function recentMovements(db: Kysely<Database>, organizationId: string, from: string, to: string): Promise<Movement[]> {
  const rows = await repo.movements(db, organizationId, from, to, MOVEMENTS_LIMIT);
  return rows.map((row) => ({ ...row, movement: movementKind(row) }));
}

export function countMovements(movements: readonly Pick<Movement, 'movement'>[]): MovementCounts {
  const counts: MovementCounts = { admissions: 0, discharges: 0, transfers: 0 };
  for (const item of movements) {
    if (item.movement === 'admission') counts.admissions += 1;
    if (item.movement === 'discharge') counts.discharges += 1;
    if (item.movement === 'transfer_in') counts.transfers += 1;
  }
  return counts;
}

export type CensusDto = { on: string | null; programs: ProgramCensus[]; sites: SiteCensus[]; totalOpenEpisodes: number };

/** Counts only, no patient: like site settings, reading them is not a read of patient data and is not audited. */
export async function readCensus(deps: AppDeps, ctx: ActorCtx, on: string | undefined): Promise<CensusDto> {
  const programs =
    on === undefined
      ? await censusByProgramToday(deps.db, ctx.actor.organizationId, ctx.now)
      : await censusByProgram(deps.db, ctx.actor.organizationId, on);
  let total = 0;
  for (const program of programs) total += program.openEpisodes;
  return { on: on ?? null, programs, sites: censusBySite(programs), totalOpenEpisodes: total };
}

const MAX_RANGE_DAYS = 366;

const DEFAULT_RANGE_DAYS = 14;

/** Without dates: the 14 days up to today in UTC (a range of dates, so a few hours of zone difference only widen it). */
export async function readMovements(
  deps: AppDeps,
  ctx: ActorCtx,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<{ from: string; to: string; movements: Movement[]; counts: MovementCounts; truncated: boolean }> {
  const to = range.to ?? ctx.now.toISOString().slice(0, 10);
  const from = range.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (to < from) throw fieldError('to', 'must not be before from');
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) throw fieldError('to', `the range may cover at most ${MAX_RANGE_DAYS} days`);
  return deps.db.transaction().execute(async (trx) => {
    const movements = await recentMovements(trx, ctx.actor.organizationId, from, to);
    await auditPatientsListed(
      deps,
      trx,
      ctx,
      movements.map((item) => item.patientId),
      'census_movements',
    );
    return { from, to, movements, counts: countMovements(movements), truncated: movements.length === MOVEMENTS_LIMIT };
  });
}
