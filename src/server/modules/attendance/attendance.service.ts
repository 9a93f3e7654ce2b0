import type { Role } from '../../../domain/access/roles.js';
import { DomainError } from '../../../domain/errors.js';
import { countsAsAttended } from '../../../domain/intensity/attendance.js';
import type { AuditEvent } from '../../audit/audit.writer.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import * as repo from './attendance.repository.js';
import type { AttendanceDtoType, CloseDayResult, RosterDtoType } from './attendance.schemas.js';

/** Roles that may change attendance once its day is closed (issue #3 brief). */
export const CORRECTION_ROLES: readonly Role[] = ['clinician', 'psychiatrist', 'director'];

export function auditBase(ctx: ActorCtx): Pick<AuditEvent, 'organizationId' | 'userId' | 'outcome' | 'clientIp' | 'requestId'> {
  return {
    organizationId: ctx.actor.organizationId,
    userId: ctx.actor.userId,
    outcome: 'success',
    clientIp: ctx.ip,
    requestId: ctx.requestId,
  };
}

export function toAttendanceDto(record: repo.AttendanceRecord): AttendanceDtoType {
  return {
    id: record.id,
    patientId: record.patientId,
    episodeId: record.episodeId,
    status: record.status,
    minutes: record.minutes,
    mode: record.mode,
    walkIn: record.walkIn,
    version: record.version,
    recordedAt: record.recordedAt.toISOString(),
    recordedBy: record.recordedBy,
  };
}

export function defaultMode(session: repo.SessionRecord): repo.AttendanceMode {
  return session.telehealth ? 'telehealth' : 'in_person';
}

export async function mustFindSession(db: Db, ctx: ActorCtx, sessionId: string, lock?: 'share' | 'update'): Promise<repo.SessionRecord> {
  const session = await repo.findSession(db, ctx.actor.organizationId, sessionId, lock ? { lock } : {});
  if (!session) throw new DomainError('NOT_FOUND', 'No such session');
  return session;
}

/**
 * The roster: expected patients and walk-ins with their attendance. Reading it shows patient names
 * and attendance, so each patient on it gets an audit event (decision 0013), in the same
 * transaction as the read.
 */
export async function getRoster(deps: AppDeps, ctx: ActorCtx, sessionId: string): Promise<RosterDtoType> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const session = await mustFindSession(trx, ctx, sessionId);
    const expected = await repo.expectedPatients(trx, organizationId, session);
    const attendance = await repo.attendanceOfSession(trx, organizationId, sessionId);
    const byPatient = new Map(attendance.map((record) => [record.patientId, record]));
    const expectedIds = new Set(expected.map((entry) => entry.patientId));
    const patientIds = [...expectedIds, ...attendance.map((record) => record.patientId).filter((id) => !expectedIds.has(id))];
    const names = await repo.patientNames(trx, organizationId, patientIds);

    const rows: RosterDtoType['rows'] = [];
    for (const entry of expected) rows.push(rosterRow(entry.patientId, entry.episodeId, true, byPatient.get(entry.patientId), names));
    for (const record of attendance) {
      if (!expectedIds.has(record.patientId)) rows.push(rosterRow(record.patientId, record.episodeId, false, record, names));
    }
    rows.sort((a, b) => a.name.localeCompare(b.name) || a.patientId.localeCompare(b.patientId));

    for (const patientId of patientIds) {
      await deps.audit(trx, {
        ...auditBase(ctx),
        action: 'attendance.roster_viewed',
        entityType: 'session',
        entityId: sessionId,
        patientId,
      });
    }
    return {
      session: {
        id: session.id,
        title: session.title,
        kind: session.kind,
        siteId: session.siteId,
        siteName: session.siteName,
        timeZone: session.timeZone,
        programId: session.programId,
        startsAt: session.startsAt.toISOString(),
        endsAt: session.endsAt.toISOString(),
        localDate: session.localDate,
        lengthMinutes: session.lengthMinutes,
        status: session.status,
        cancelReason: session.cancelReason,
        defaultMode: defaultMode(session),
        dayClosed: session.dayClosedAt !== null,
        dayClosedAt: session.dayClosedAt?.toISOString() ?? null,
      },
      rows,
      counts: {
        expected: expected.length,
        recorded: attendance.length,
        attended: attendance.filter((record) => countsAsAttended(record.status)).length,
        walkIns: rows.filter((row) => !row.expected).length,
      },
    };
  });
}

function rosterRow(
  patientId: string,
  episodeId: string | null,
  expected: boolean,
  record: repo.AttendanceRecord | undefined,
  names: Map<string, string>,
): RosterDtoType['rows'][number] {
  return {
    patientId,
    name: names.get(patientId) ?? 'Unknown patient',
    episodeId: record?.episodeId ?? episodeId,
    expected,
    walkIn: !expected,
    attendance: record ? toAttendanceDto(record) : null,
  };
}

/**
 * Closes the session's attendance for the day: later changes need a reason and a correction role.
 * Refused while an expected patient has no attendance, so a closed day is a complete record.
 * Closing twice answers with the first closing time (retries are harmless).
 */
export async function closeDay(deps: AppDeps, ctx: ActorCtx, sessionId: string): Promise<CloseDayResult> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    // FOR UPDATE waits for check-ins in flight (they hold the row FOR SHARE), so none slips in after.
    const session = await mustFindSession(trx, ctx, sessionId, 'update');
    if (session.dayClosedAt !== null) return { sessionId, dayClosedAt: session.dayClosedAt.toISOString(), alreadyClosed: true };
    if (session.status === 'cancelled')
      throw new DomainError('RULE_VIOLATION', 'This session was cancelled; it has no attendance to close');
    if (session.startsAt.getTime() > ctx.now.getTime())
      throw new DomainError('RULE_VIOLATION', 'A session cannot be closed before it starts');
    const expected = await repo.expectedPatients(trx, organizationId, session);
    const recorded = new Set((await repo.attendanceOfSession(trx, organizationId, sessionId)).map((record) => record.patientId));
    const missing = expected.filter((entry) => !recorded.has(entry.patientId)).map((entry) => entry.patientId);
    if (missing.length > 0) {
      throw new DomainError(
        'RULE_VIOLATION',
        `${missing.length} expected ${missing.length === 1 ? 'patient has' : 'patients have'} no attendance recorded yet`,
        {
          details: missing.map((patientId) => ({ path: 'attendance', message: 'no attendance recorded', patientId })),
        },
      );
    }
    const closedAt = await repo.closeSessionDay(trx, organizationId, sessionId, ctx.now);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'attendance.day_closed',
      entityType: 'session',
      entityId: sessionId,
      details: { patients: recorded.size },
    });
    return { sessionId, dayClosedAt: closedAt.toISOString(), alreadyClosed: false };
  });
}
