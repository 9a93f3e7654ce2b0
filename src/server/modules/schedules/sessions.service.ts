import { DomainError, fieldError } from '../../../domain/errors.js';
import { localTimeOf } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import { checkAppointmentSlot, checkGroupSlot } from './conflicts.service.js';
import { assertSiteZone, siteToday } from './generation.service.js';
import { closuresFor, findPatient, findStaff, listSites, roomNames, staffNames } from './lookups.repository.js';
import { checkClinician, facilitatorProblem } from './qualifications.service.js';
import * as repo from './sessions.repository.js';
import { checkVersion } from '../../lib/versions.js';
import { auditBase, resolveWhen, type When } from './shared.js';
import { findTemplate } from './templates.repository.js';

export type SessionDto = {
  id: string;
  kind: repo.SessionRecord['kind'];
  title: string;
  modality: string | null;
  siteId: string;
  timeZone: string;
  programId: string | null;
  templateId: string | null;
  occurrenceDate: string | null;
  localDate: string;
  localStartTime: string;
  localEndTime: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  facilitators: { id: string; displayName: string }[];
  substituteFacilitatorId: string | null;
  room: { id: string; name: string } | null;
  telehealth: boolean;
  capacity: number;
  status: repo.SessionStatus;
  cancelReason: string | null;
  cancelledBy: 'closure' | 'staff' | null;
  moved: boolean;
  /** Group sessions: patients enrolled for that day (weekly plans); individual appointments: 1. */
  expected: number;
  version: number;
};

export type SessionChange =
  | ({ action: 'move' } & When)
  | { action: 'cancel'; reason: string }
  | { action: 'restore' }
  | { action: 'substitute'; facilitatorId: string | null; replacesFacilitatorId?: string | undefined };

const CHANGE_VERBS: Record<SessionChange['action'], string> = {
  move: 'moved',
  cancel: 'cancelled',
  restore: 'restored',
  substitute: 'substituted',
};

export type ExpectedPatient = repo.ExpectedPatient;
export type SessionRecord = repo.SessionRecord;

/** Session rows as the API shows them: staff and room names, local times, expected counts. No patient data. */
export async function toSessionDtos(db: Db, organizationId: string, records: readonly repo.SessionRecord[]): Promise<SessionDto[]> {
  const names = await staffNames(
    db,
    organizationId,
    records.flatMap((record) => record.clinicianIds),
  );
  const rooms = await roomNames(
    db,
    organizationId,
    records.flatMap((record) => (record.roomId === null ? [] : [record.roomId])),
  );
  const expected = new Map<string, number>();
  for (const patient of await repo.expectedPatientsOf(
    db,
    organizationId,
    records.map((record) => record.id),
  )) {
    expected.set(patient.sessionId, (expected.get(patient.sessionId) ?? 0) + 1);
  }
  return records.map((record) => ({
    id: record.id,
    kind: record.kind,
    title: record.title,
    modality: record.modality,
    siteId: record.siteId,
    timeZone: record.timeZone,
    programId: record.programId,
    templateId: record.templateId,
    occurrenceDate: record.occurrenceDate,
    localDate: record.localDate,
    localStartTime: localTimeOf(record.startsAt.getTime(), record.timeZone),
    localEndTime: localTimeOf(record.endsAt.getTime(), record.timeZone),
    startsAt: record.startsAt.toISOString(),
    endsAt: record.endsAt.toISOString(),
    durationMinutes: Math.round((record.endsAt.getTime() - record.startsAt.getTime()) / 60_000),
    facilitators: record.clinicianIds.map((id) => ({ id, displayName: names.get(id) ?? '' })),
    substituteFacilitatorId: record.substituteFacilitatorId,
    room: record.roomId === null ? null : { id: record.roomId, name: rooms.get(record.roomId) ?? '' },
    telehealth: record.telehealth,
    capacity: record.capacity,
    status: record.status,
    cancelReason: record.cancelReason,
    cancelledBy: record.cancelledBy,
    moved: record.moved,
    expected: expected.get(record.id) ?? 0,
    version: record.version,
  }));
}

export async function toSessionDto(db: Db, organizationId: string, record: repo.SessionRecord): Promise<SessionDto> {
  const [dto] = await toSessionDtos(db, organizationId, [record]);
  if (!dto) throw new Error('session DTO missing');
  return dto;
}

// ---- for other areas (attendance rosters, the director dashboard) ----

/** Sessions (group and individual, cancelled included) of one site on one site-local date, by start. */
export async function sessionsForSiteDay(db: Db, organizationId: string, siteId: string, localDate: string): Promise<SessionDto[]> {
  return toSessionDtos(
    db,
    organizationId,
    await repo.sessionsBetween(db, organizationId, { by: 'site', id: siteId }, localDate, localDate),
  );
}

/** Each site's sessions on its own local "today" at `now` (sites in different zones can be on different dates). */
export async function todaysSessionsBySite(
  db: Db,
  organizationId: string,
  now: Date,
): Promise<{ siteId: string; siteName: string; timeZone: string; localDate: string; sessions: SessionDto[] }[]> {
  const result = [];
  for (const site of await listSites(db, organizationId)) {
    const localDate = siteToday(site.timeZone, now);
    result.push({
      siteId: site.id,
      siteName: site.name,
      timeZone: site.timeZone,
      localDate,
      sessions: await sessionsForSiteDay(db, organizationId, site.id, localDate),
    });
  }
  return result;
}

/** The patients expected at each session: a group's enrolled patients that day, an appointment's patient. */
export function expectedPatients(db: Db, organizationId: string, sessionIds: readonly string[]): Promise<ExpectedPatient[]> {
  return repo.expectedPatientsOf(db, organizationId, sessionIds);
}

/** One session of the organization (undefined for another tenant's id); `forUpdate` locks its row. */
export function findSession(
  db: Db,
  organizationId: string,
  sessionId: string,
  options: { forUpdate?: boolean } = {},
): Promise<SessionRecord | undefined> {
  return repo.findSession(db, organizationId, sessionId, options);
}

// ---- routes ----

async function mustFind(db: Db, ctx: ActorCtx, sessionId: string, forUpdate = false): Promise<repo.SessionRecord> {
  const session = await repo.findSession(db, ctx.actor.organizationId, sessionId, { forUpdate });
  if (!session) throw new DomainError('NOT_FOUND', 'No such session');
  return session;
}

export async function getSession(deps: AppDeps, ctx: ActorCtx, sessionId: string): Promise<SessionDto> {
  return toSessionDto(deps.db, ctx.actor.organizationId, await mustFind(deps.db, ctx, sessionId));
}

export async function refuseIfClosed(db: Db, organizationId: string, siteId: string, localDate: string): Promise<void> {
  const [closure] = await closuresFor(db, organizationId, siteId, localDate, localDate);
  if (closure)
    throw new DomainError('RULE_VIOLATION', `The site is closed on ${localDate} (${closure.reason})`, {
      details: [{ path: 'date', message: `the site is closed: ${closure.reason}` }],
    });
}

/** Checks the slot a session would take, as a group or as an individual appointment. */
async function checkSlot(db: Db, organizationId: string, session: repo.SessionRecord, start: Date, end: Date): Promise<void> {
  if (session.kind === 'group') {
    const expected = (await repo.expectedPatientsOf(db, organizationId, [session.id])).map((patient) => patient.patientId);
    await checkGroupSlot(db, organizationId, {
      session,
      start,
      end,
      clinicianIds: session.clinicianIds,
      expectedPatientIds: expected,
      checkPatients: true,
      checkRoom: true,
    });
    return;
  }
  const patient = session.patientId === null ? undefined : await findPatient(db, organizationId, session.patientId);
  const [clinicianId] = session.clinicianIds;
  if (!patient || clinicianId === undefined) throw new Error('appointment without patient or clinician');
  const clinician = await checkClinician(db, organizationId, clinicianId);
  await checkAppointmentSlot(db, organizationId, {
    start,
    end,
    timeZone: session.timeZone,
    patientId: patient.id,
    patientState: patient.stateOfResidence,
    clinician,
    roomId: session.roomId,
    telehealth: session.telehealth,
    excludeSessionId: session.id,
  });
}

async function substitute(
  db: Db,
  ctx: ActorCtx,
  session: repo.SessionRecord,
  change: Extract<SessionChange, { action: 'substitute' }>,
): Promise<Partial<repo.SessionFields>> {
  const organizationId = ctx.actor.organizationId;
  if (session.kind !== 'group' || session.templateId === null)
    throw new DomainError('RULE_VIOLATION', 'Only a group session has facilitators to substitute');
  const template = await findTemplate(db, organizationId, session.templateId);
  if (!template) throw new Error('group session without its template');
  if (change.facilitatorId === null) return { substituteFacilitatorId: null, clinicianIds: template.facilitatorIds };

  const staff = (await findStaff(db, organizationId, [change.facilitatorId])).get(change.facilitatorId);
  const problem = facilitatorProblem(staff, session.modality ?? template.modality);
  if (problem !== null) throw fieldError('facilitatorId', problem);
  const replaced = change.replacesFacilitatorId ?? (template.facilitatorIds.length === 1 ? template.facilitatorIds[0] : undefined);
  if (replaced === undefined)
    throw fieldError('replacesFacilitatorId', `the group has ${template.facilitatorIds.length} facilitators; name the one being replaced`);
  if (!template.facilitatorIds.includes(replaced)) throw fieldError('replacesFacilitatorId', "is not one of the series' facilitators");
  if (template.facilitatorIds.includes(change.facilitatorId)) throw fieldError('facilitatorId', 'already leads this group');
  await checkGroupSlot(db, organizationId, {
    session,
    start: session.startsAt,
    end: session.endsAt,
    clinicianIds: [change.facilitatorId],
    expectedPatientIds: [],
    checkPatients: false,
    checkRoom: false,
  });
  return {
    substituteFacilitatorId: change.facilitatorId,
    clinicianIds: template.facilitatorIds
      .map((id) => (id === replaced ? change.facilitatorId : id))
      .filter((id): id is string => id !== null),
  };
}

/** Move, cancel, restore or give a substitute to one session without touching its series. */
export async function changeSession(
  deps: AppDeps,
  ctx: ActorCtx,
  sessionId: string,
  change: SessionChange,
  version: number | undefined,
): Promise<SessionDto> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    await repo.lockSchedule(trx, organizationId);
    const session = await mustFind(trx, ctx, sessionId, true);
    checkVersion(version, session.version, 'session');
    if (session.dayClosedAt !== null)
      throw new DomainError('RULE_VIOLATION', 'The day of this session is closed for attendance; it can no longer be changed');
    let fields: Partial<repo.SessionFields>;
    switch (change.action) {
      case 'move': {
        if (session.hasAttendance)
          throw new DomainError('RULE_VIOLATION', 'Attendance has been recorded for this session; it can no longer be moved');
        assertSiteZone(session.timeZone);
        const when = resolveWhen(session.timeZone, change);
        await refuseIfClosed(trx, organizationId, session.siteId, when.localDate);
        if (session.status === 'scheduled') await checkSlot(trx, organizationId, session, when.start, when.end);
        fields = { startsAt: when.start, endsAt: when.end, localDate: when.localDate, moved: true };
        break;
      }
      case 'cancel':
        if (session.status === 'cancelled') throw new DomainError('RULE_VIOLATION', 'The session is already cancelled');
        if (session.hasAttendance)
          throw new DomainError('RULE_VIOLATION', 'Attendance has been recorded for this session; it can no longer be cancelled');
        fields = { status: 'cancelled', cancelledBy: 'staff', cancelReason: change.reason };
        break;
      case 'restore':
        if (session.status !== 'cancelled') throw new DomainError('RULE_VIOLATION', 'The session is not cancelled');
        if (session.cancelledBy === 'closure')
          throw new DomainError(
            'RULE_VIOLATION',
            `The session was cancelled by a closure (${session.cancelReason ?? ''}); lift the closure instead`,
          );
        await refuseIfClosed(trx, organizationId, session.siteId, session.localDate);
        await checkSlot(trx, organizationId, session, session.startsAt, session.endsAt);
        fields = { status: 'scheduled', cancelledBy: null, cancelReason: null };
        break;
      case 'substitute':
        fields = await substitute(trx, ctx, session, change);
        break;
    }
    await repo.updateSession(trx, organizationId, sessionId, fields, ctx.now);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: `${session.kind === 'group' ? 'session' : 'appointment'}.${CHANGE_VERBS[change.action]}`,
      entityType: 'session',
      entityId: sessionId,
      patientId: session.patientId,
      details: { kind: session.kind, templateId: session.templateId, occurrenceDate: session.occurrenceDate },
    });
    return toSessionDto(trx, organizationId, await mustFind(trx, ctx, sessionId));
  });
}

export type SessionView = repo.SessionFilter;

/** Sessions of one site, program, clinician, room or patient on site-local dates from..to (no patient data in them). */
export async function sessionsInView(db: Db, organizationId: string, view: SessionView, from: string, to: string): Promise<SessionDto[]> {
  return toSessionDtos(db, organizationId, await repo.sessionsBetween(db, organizationId, view, from, to));
}
