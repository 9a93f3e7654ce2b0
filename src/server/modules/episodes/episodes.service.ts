import type { Transaction } from 'kysely';
import { checkMoveKind, closingDisposition, closingEvent, type CareLevel, type MoveKind } from '../../../domain/episodes/level-change.js';
import { DomainError, fieldError } from '../../../domain/errors.js';
import { addDays, daysBetween, localDateOf } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { Database, Disposition } from '../../db/schema.js';
import { auditBase, mustFindPatient } from '../patients/patients.service.js';
import { conflict, isOneOpenEpisodeViolation, ruleError } from './episode-errors.js';
import * as repo from './episodes.repository.js';

export type EpisodeEventDto = Omit<repo.EpisodeEventRecord, 'episodeId' | 'recordedAt'> & { recordedAt: string };

export type EpisodeDto = Omit<repo.EpisodeRecord, 'timeZone' | 'createdAt'> & { expectedEndOn: string | null; events: EpisodeEventDto[] };

export type AdmitInput = { programId: string; admittedOn: string; expectedWeeks?: number | null | undefined };

export type TransferInput = {
  kind: MoveKind;
  toProgramId?: string | undefined;
  toInpatient?: true | undefined;
  effectiveOn: string;
  reason: string;
  referralNote?: string | undefined;
  expectedWeeks?: number | null | undefined;
};

export type DischargeInput = { dischargedOn: string; disposition: Disposition; aftercareNote: string };

/** How far ahead an admission may be booked: past this it is more likely a typing error than a plan. */
const MAX_DAYS_AHEAD = 366;

function toEventDto(event: repo.EpisodeEventRecord): EpisodeEventDto {
  return {
    id: event.id,
    kind: event.kind,
    effectiveOn: event.effectiveOn,
    fromProgramId: event.fromProgramId,
    fromProgramName: event.fromProgramName,
    toProgramId: event.toProgramId,
    toProgramName: event.toProgramName,
    fromLevel: event.fromLevel,
    toLevel: event.toLevel,
    reason: event.reason,
    recordedBy: event.recordedBy,
    recordedByName: event.recordedByName,
    recordedAt: event.recordedAt.toISOString(),
  };
}

function toDto(episode: repo.EpisodeRecord, events: repo.EpisodeEventRecord[]): EpisodeDto {
  return {
    id: episode.id,
    patientId: episode.patientId,
    programId: episode.programId,
    programName: episode.programName,
    siteId: episode.siteId,
    siteName: episode.siteName,
    levelOfCare: episode.levelOfCare,
    part2: episode.part2,
    status: episode.status,
    admittedOn: episode.admittedOn,
    expectedWeeks: episode.expectedWeeks,
    // The last day of the expected stay: admitted on a Monday for 6 weeks ends on the sixth Sunday.
    expectedEndOn: episode.expectedWeeks === null ? null : addDays(episode.admittedOn, episode.expectedWeeks * 7 - 1),
    dischargedOn: episode.dischargedOn,
    disposition: episode.disposition,
    aftercareNote: episode.aftercareNote,
    previousEpisodeId: episode.previousEpisodeId,
    nextEpisodeId: episode.nextEpisodeId,
    version: episode.version,
    events: events.filter((event) => event.episodeId === episode.id).map(toEventDto),
  };
}

async function episodeDto(db: Db, organizationId: string, episodeId: string): Promise<EpisodeDto> {
  const episode = await repo.findEpisode(db, organizationId, episodeId);
  if (!episode) throw new Error('episode vanished inside its own transaction');
  return toDto(episode, await repo.eventsOf(db, organizationId, [episodeId]));
}

export async function mustFindEpisode(
  db: Db,
  ctx: ActorCtx,
  episodeId: string,
  options: { lock?: boolean } = {},
): Promise<repo.EpisodeRecord> {
  const episode = await repo.findEpisode(db, ctx.actor.organizationId, episodeId, options);
  if (!episode) throw new DomainError('NOT_FOUND', 'No such episode');
  return episode;
}

/** A program of the caller's organization; another organization's id is NOT_FOUND, like any unknown id. */
async function mustFindProgram(db: Db, ctx: ActorCtx, programId: string): Promise<repo.ProgramRecord> {
  const program = await repo.findProgram(db, ctx.actor.organizationId, programId);
  if (!program) throw new DomainError('NOT_FOUND', 'No such program');
  return program;
}

function siteToday(ctx: ActorCtx, timeZone: string): string {
  return localDateOf(ctx.now.getTime(), timeZone);
}

export async function listEpisodes(deps: AppDeps, ctx: ActorCtx, patientId: string): Promise<EpisodeDto[]> {
  return deps.db.transaction().execute(async (trx) => {
    await mustFindPatient(trx, ctx, patientId);
    const episodes = await repo.listEpisodes(trx, ctx.actor.organizationId, patientId);
    const events = await repo.eventsOf(
      trx,
      ctx.actor.organizationId,
      episodes.map((episode) => episode.id),
    );
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'episode.listed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { episodes: episodes.length },
    });
    return episodes.map((episode) => toDto(episode, events));
  });
}

async function insertOpenEpisode(trx: Transaction<Database>, input: Parameters<typeof repo.insertEpisode>[1]): Promise<string> {
  try {
    return await repo.insertEpisode(trx, input);
  } catch (error) {
    // Two admissions racing past the check below meet the unique index; the loser gets the same 409.
    if (isOneOpenEpisodeViolation(error)) throw conflict('The patient already has an open episode in this program');
    throw error;
  }
}

async function refuseSecondOpenEpisode(trx: Db, ctx: ActorCtx, patientId: string, programId: string, path: string): Promise<void> {
  const open = await repo.openEpisodeIn(trx, ctx.actor.organizationId, patientId, programId);
  if (open !== undefined) throw conflict(`${path}: the patient already has an open episode in this program`, { episodeId: open });
}

/**
 * Opens an episode inside the caller's transaction and audits it; returns the new episode's id.
 * The admissions module calls it right after creating the patient, in the same transaction.
 */
export async function admitPatientIn(
  deps: AppDeps,
  trx: Transaction<Database>,
  ctx: ActorCtx,
  patientId: string,
  input: AdmitInput,
): Promise<string> {
  // Path record first, so an id of another organization is a plain 404 whatever the body says.
  const patient = await mustFindPatient(trx, ctx, patientId);
  const program = await mustFindProgram(trx, ctx, input.programId);
  if (!program.active) throw ruleError('programId', `${program.name} is not active and takes no admissions`);
  if (input.admittedOn < patient.dateOfBirth) throw fieldError('admittedOn', 'must not be before the date of birth');
  if (daysBetween(siteToday(ctx, program.timeZone), input.admittedOn) > MAX_DAYS_AHEAD)
    throw fieldError('admittedOn', 'must be within a year from today');
  await refuseSecondOpenEpisode(trx, ctx, patientId, program.id, 'programId');
  const organizationId = ctx.actor.organizationId;
  const episodeId = await insertOpenEpisode(trx, {
    organizationId,
    patientId,
    programId: program.id,
    levelOfCare: program.levelOfCare,
    admittedOn: input.admittedOn,
    expectedWeeks: input.expectedWeeks ?? null,
    previousEpisodeId: null,
    now: ctx.now,
  });
  await repo.insertEvent(trx, {
    organizationId,
    episodeId,
    kind: 'admitted',
    effectiveOn: input.admittedOn,
    fromProgramId: null,
    toProgramId: program.id,
    fromLevel: null,
    toLevel: program.levelOfCare,
    reason: '',
    recordedBy: ctx.actor.userId,
    recordedAt: ctx.now,
  });
  await deps.audit(trx, {
    ...auditBase(ctx),
    action: 'episode.admitted',
    entityType: 'episode',
    entityId: episodeId,
    patientId,
    details: { programId: program.id, levelOfCare: program.levelOfCare },
  });
  return episodeId;
}

export async function admitPatient(deps: AppDeps, ctx: ActorCtx, patientId: string, input: AdmitInput): Promise<EpisodeDto> {
  return deps.db.transaction().execute(async (trx) => {
    const episodeId = await admitPatientIn(deps, trx, ctx, patientId, input);
    return episodeDto(trx, ctx.actor.organizationId, episodeId);
  });
}

/**
 * The date an episode ends (discharge or move): not before its admission, and not after today at the
 * program's site, except that an admission booked ahead can be closed on its own admission date.
 */
function checkEndDate(ctx: ActorCtx, episode: repo.EpisodeRecord, date: string, path: string): void {
  if (date < episode.admittedOn) throw fieldError(path, `must not be before the admission on ${episode.admittedOn}`);
  const today = siteToday(ctx, episode.timeZone);
  const latest = episode.admittedOn > today ? episode.admittedOn : today;
  if (date > latest) throw fieldError(path, `must not be after today (${today} at ${episode.siteName})`);
}

async function mustFindOpenEpisode(trx: Db, ctx: ActorCtx, episodeId: string): Promise<repo.EpisodeRecord> {
  // Locked: a second discharge or transfer of the same episode waits here, then sees it closed.
  const episode = await mustFindEpisode(trx, ctx, episodeId, { lock: true });
  if (episode.status === 'closed') {
    throw conflict(`This episode was already closed on ${episode.dischargedOn ?? ''} (${episode.disposition ?? ''})`, {
      episodeId: episode.id,
    });
  }
  return episode;
}

export async function dischargeEpisode(deps: AppDeps, ctx: ActorCtx, episodeId: string, input: DischargeInput): Promise<EpisodeDto> {
  return deps.db.transaction().execute(async (trx) => {
    const episode = await mustFindOpenEpisode(trx, ctx, episodeId);
    checkEndDate(ctx, episode, input.dischargedOn, 'dischargedOn');
    const organizationId = ctx.actor.organizationId;
    await repo.closeEpisode(
      trx,
      organizationId,
      episodeId,
      { dischargedOn: input.dischargedOn, disposition: input.disposition, aftercareNote: input.aftercareNote },
      ctx.now,
    );
    await repo.insertEvent(trx, {
      organizationId,
      episodeId,
      kind: 'discharged',
      effectiveOn: input.dischargedOn,
      fromProgramId: episode.programId,
      toProgramId: null,
      fromLevel: episode.levelOfCare,
      toLevel: null,
      reason: '',
      recordedBy: ctx.actor.userId,
      recordedAt: ctx.now,
    });
    const plan = await repo.endEnrolments(trx, organizationId, episodeId, input.dischargedOn);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'episode.discharged',
      entityType: 'episode',
      entityId: episodeId,
      patientId: episode.patientId,
      details: { disposition: input.disposition, enrolmentsEnded: plan.ended, enrolmentsRemoved: plan.removed },
    });
    return episodeDto(trx, organizationId, episodeId);
  });
}

type Target = { kind: 'program'; program: repo.ProgramRecord } | { kind: 'inpatient'; referralNote: string };

async function transferTarget(trx: Db, ctx: ActorCtx, episode: repo.EpisodeRecord, input: TransferInput): Promise<Target> {
  if (input.toInpatient === true) {
    if (input.toProgramId !== undefined) throw fieldError('toProgramId', 'leave out the program for a step up to inpatient care');
    if (input.referralNote === undefined) throw fieldError('referralNote', 'is required for a step up to inpatient care');
    return { kind: 'inpatient', referralNote: input.referralNote };
  }
  if (input.toProgramId === undefined)
    throw fieldError('toProgramId', 'choose the program, or toInpatient for a step up to inpatient care');
  const program = await mustFindProgram(trx, ctx, input.toProgramId);
  if (program.id === episode.programId) throw ruleError('toProgramId', 'is the program the patient is already in');
  if (!program.active) throw ruleError('toProgramId', `${program.name} is not active and takes no admissions`);
  return { kind: 'program', program };
}

export async function transferEpisode(
  deps: AppDeps,
  ctx: ActorCtx,
  episodeId: string,
  input: TransferInput,
): Promise<{ closed: EpisodeDto; opened: EpisodeDto | null }> {
  return deps.db.transaction().execute(async (trx) => {
    const episode = await mustFindOpenEpisode(trx, ctx, episodeId);
    const target = await transferTarget(trx, ctx, episode, input);
    const toLevel: CareLevel = target.kind === 'inpatient' ? 'inpatient' : target.program.levelOfCare;
    const check = checkMoveKind(input.kind, episode.levelOfCare, toLevel);
    if (!check.ok) throw ruleError('kind', check.message);
    checkEndDate(ctx, episode, input.effectiveOn, 'effectiveOn');
    const toProgramId = target.kind === 'program' ? target.program.id : null;
    if (toProgramId !== null) await refuseSecondOpenEpisode(trx, ctx, episode.patientId, toProgramId, 'toProgramId');

    const organizationId = ctx.actor.organizationId;
    const movement = {
      effectiveOn: input.effectiveOn,
      fromProgramId: episode.programId,
      toProgramId,
      fromLevel: episode.levelOfCare,
      toLevel,
      reason: input.reason,
      recordedBy: ctx.actor.userId,
      recordedAt: ctx.now,
    };
    await repo.closeEpisode(
      trx,
      organizationId,
      episode.id,
      {
        dischargedOn: input.effectiveOn,
        disposition: closingDisposition(input.kind),
        aftercareNote: target.kind === 'inpatient' ? target.referralNote : null,
      },
      ctx.now,
    );
    await repo.insertEvent(trx, { organizationId, episodeId: episode.id, kind: closingEvent(input.kind), ...movement });
    const plan = await repo.endEnrolments(trx, organizationId, episode.id, input.effectiveOn);

    let openedId: string | null = null;
    if (target.kind === 'program') {
      openedId = await insertOpenEpisode(trx, {
        organizationId,
        patientId: episode.patientId,
        programId: target.program.id,
        levelOfCare: target.program.levelOfCare,
        admittedOn: input.effectiveOn,
        expectedWeeks: input.expectedWeeks ?? null,
        previousEpisodeId: episode.id,
        now: ctx.now,
      });
      await repo.insertEvent(trx, { organizationId, episodeId: openedId, kind: 'transferred_in', ...movement });
    }
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'episode.transferred',
      entityType: 'episode',
      entityId: episode.id,
      patientId: episode.patientId,
      details: {
        kind: input.kind,
        toProgramId,
        toLevel,
        toEpisodeId: openedId,
        enrolmentsEnded: plan.ended,
        enrolmentsRemoved: plan.removed,
      },
    });
    return {
      closed: await episodeDto(trx, organizationId, episode.id),
      opened: openedId === null ? null : await episodeDto(trx, organizationId, openedId),
    };
  });
}
