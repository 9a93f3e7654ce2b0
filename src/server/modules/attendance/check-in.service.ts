import { DomainError, fieldError, type FieldIssue } from '../../../domain/errors.js';
import { defaultMinutes, validateMinutes, type AttendanceStatus } from '../../../domain/intensity/attendance.js';
import type { AuditEvent } from '../../audit/audit.writer.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { assertIdempotencyKey, requestFingerprint, withIdempotency, type IdempotentResult } from '../../lib/idempotency.js';
import * as repo from './attendance.repository.js';
import type { CheckInItemInput, CheckInResult } from './attendance.schemas.js';
import { CORRECTION_ROLES, auditBase, defaultMode, mustFindSession, toAttendanceDto } from './attendance.service.js';

// Check-in: one transaction per request, whole group or one patient (decision 0013).
// - A row is created if absent; the unique (session, patient) key makes two devices give one row.
// - An existing row with the same values is left alone ("unchanged"), so retries are harmless.
// - Changing an existing row needs the version the client saw: a different current version is
//   412; no version at all is 409 (someone else recorded it first; reload before overwriting).
// - After the day is closed every change is a correction: a reason, a correction role, a row in
//   attendance_corrections and its own audit action.

/** The attendance column allows at most 12 h, the longest session a template can have. */
const MAX_MINUTES = 720;

type Planned = {
  index: number;
  path: string;
  patientId: string;
  status: AttendanceStatus;
  minutes: number;
  mode: repo.AttendanceMode;
  version: number | undefined;
  episodeId: string | null;
  walkIn: boolean;
};

type RowResult = CheckInResult['results'][number];

export type CheckInInput = { attendance: CheckInItemInput[]; reason?: string | undefined };

export async function checkInGroup(
  deps: AppDeps,
  ctx: ActorCtx,
  sessionId: string,
  input: CheckInInput,
  idempotencyKey: string | undefined,
): Promise<IdempotentResult<CheckInResult>> {
  assertIdempotencyKey(idempotencyKey);
  const fingerprint = requestFingerprint({
    route: 'PUT /sessions/:sessionId/attendance',
    sessionId,
    userId: ctx.actor.userId,
    body: input,
  });
  return deps.db.transaction().execute(async (trx) => {
    const audits: AuditEvent[] = [];
    const result = await withIdempotency(
      trx,
      { organizationId: ctx.actor.organizationId, key: idempotencyKey, fingerprint, now: ctx.now },
      async () => ({
        statusCode: 200,
        body: await record(trx, ctx, sessionId, input, (index, field) => `attendance[${index}].${field}`, audits),
      }),
    );
    await writeAudits(deps, trx, audits);
    return result;
  });
}

/**
 * Audit last, after the stored idempotent response: the organization's audit chain is locked from
 * its first append to commit, so everything else is done before it.
 */
async function writeAudits(deps: AppDeps, trx: Transaction<Database>, audits: readonly AuditEvent[]): Promise<void> {
  for (const event of audits) await deps.audit(trx, event);
}

export async function checkInOne(
  deps: AppDeps,
  ctx: ActorCtx,
  sessionId: string,
  patientId: string,
  input: Omit<CheckInItemInput, 'patientId'> & { reason?: string | undefined },
  idempotencyKey: string | undefined,
): Promise<IdempotentResult<RowResult>> {
  assertIdempotencyKey(idempotencyKey);
  const fingerprint = requestFingerprint({
    route: 'PUT /sessions/:sessionId/attendance/:patientId',
    sessionId,
    patientId,
    userId: ctx.actor.userId,
    body: input,
  });
  const { reason, ...item } = input;
  return deps.db.transaction().execute(async (trx) => {
    const audits: AuditEvent[] = [];
    const result = await withIdempotency(
      trx,
      { organizationId: ctx.actor.organizationId, key: idempotencyKey, fingerprint, now: ctx.now },
      async () => {
        const recorded = await record(
          trx,
          ctx,
          sessionId,
          { attendance: [{ ...item, patientId }], reason },
          (_index, field) => field,
          audits,
        );
        const row = recorded.results[0];
        if (!row) throw new Error('check-in of one patient returned no row');
        return { statusCode: 200, body: row };
      },
    );
    await writeAudits(deps, trx, audits);
    return result;
  });
}

/** Validates and writes; the audit events it owes are pushed onto `audits` for the caller to append last. */
async function record(
  trx: Transaction<Database>,
  ctx: ActorCtx,
  sessionId: string,
  input: CheckInInput,
  pathOf: (index: number, field: string) => string,
  audits: AuditEvent[],
): Promise<CheckInResult> {
  const organizationId = ctx.actor.organizationId;
  // FOR SHARE: a concurrent close-day waits for this check-in, and this one sees a committed close.
  const session = await mustFindSession(trx, ctx, sessionId, 'share');
  if (session.status === 'cancelled')
    throw new DomainError(
      'RULE_VIOLATION',
      `This session was cancelled (${session.cancelReason ?? 'no reason given'}); attendance cannot be recorded`,
    );
  const planned = await plan(trx, organizationId, session, input, pathOf);

  const closed = session.dayClosedAt !== null;
  const results: RowResult[] = new Array<RowResult>(planned.length);
  // Patient order, whatever the request order: two group saves touching the same patients lock
  // their rows in the same order and cannot deadlock.
  for (const item of [...planned].sort((a, b) => a.patientId.localeCompare(b.patientId))) {
    const outcome = await apply(trx, ctx, session, item, closed, input.reason);
    results[item.index] = outcome.result;
    if (outcome.audit) audits.push(outcome.audit);
  }
  return { sessionId, dayClosed: closed, results };
}

/** Validates every item and finds its episode before anything is written. */
async function plan(
  trx: Db,
  organizationId: string,
  session: repo.SessionRecord,
  input: CheckInInput,
  pathOf: (index: number, field: string) => string,
): Promise<Planned[]> {
  const seen = new Set<string>();
  input.attendance.forEach((item, index) => {
    if (seen.has(item.patientId)) throw fieldError(pathOf(index, 'patientId'), 'lists the same patient twice');
    seen.add(item.patientId);
  });
  const expected = new Map((await repo.expectedPatients(trx, organizationId, session)).map((entry) => [entry.patientId, entry.episodeId]));
  const others = [...seen].filter((id) => !expected.has(id));
  const walkIns =
    session.programId === null || others.length === 0
      ? new Map<string, string>()
      : await repo.episodesInProgram(trx, organizationId, session.programId, session.localDate, others);
  // Only patients who are neither expected nor walk-ins can be unknown: 404 for those, before any 422.
  const strangers = others.filter((id) => !walkIns.has(id));
  const known = strangers.length === 0 ? new Set<string>() : await repo.existingPatientIds(trx, organizationId, strangers);
  const unknownIndex = input.attendance.findIndex((item) => strangers.includes(item.patientId) && !known.has(item.patientId));
  if (unknownIndex >= 0) {
    throw new DomainError('NOT_FOUND', 'No such patient', {
      details: [{ path: pathOf(unknownIndex, 'patientId'), message: 'no such patient' }] satisfies FieldIssue[],
    });
  }

  return input.attendance.map((item, index) => {
    const minutes = item.minutes ?? defaultMinutes(item.status, session.lengthMinutes);
    checkMinutes(item.status, minutes, session.lengthMinutes, pathOf(index, 'minutes'));
    const isExpected = expected.has(item.patientId);
    const walkInEpisode = walkIns.get(item.patientId);
    if (!isExpected && walkInEpisode === undefined) {
      throw new DomainError(
        'RULE_VIOLATION',
        'This patient is not expected at this session and has no open episode in its program, so cannot be recorded as a walk-in',
        {
          details: [
            { path: pathOf(index, 'patientId'), message: 'not enrolled and no open episode in the program' },
          ] satisfies FieldIssue[],
        },
      );
    }
    return {
      index,
      path: pathOf(index, ''),
      patientId: item.patientId,
      status: item.status,
      minutes,
      mode: item.mode ?? defaultMode(session),
      version: item.version,
      episodeId: isExpected ? (expected.get(item.patientId) ?? null) : (walkInEpisode ?? null),
      walkIn: !isExpected,
    };
  });
}

/** The domain rule, with the error renamed to the request's field path. */
function checkMinutes(status: AttendanceStatus, minutes: number, sessionMinutes: number, path: string): void {
  try {
    validateMinutes(status, minutes, sessionMinutes);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
      const issue = Array.isArray(error.details) ? (error.details[0] as FieldIssue | undefined) : undefined;
      throw fieldError(path, issue?.message ?? error.message);
    }
    throw error;
  }
  if (minutes > MAX_MINUTES) throw fieldError(path, `cannot exceed ${MAX_MINUTES} minutes`);
}

async function apply(
  trx: Db,
  ctx: ActorCtx,
  session: repo.SessionRecord,
  item: Planned,
  closed: boolean,
  reason: string | undefined,
): Promise<{ result: RowResult; audit: AuditEvent | null }> {
  const organizationId = ctx.actor.organizationId;
  const values = { status: item.status, minutes: item.minutes, mode: item.mode };
  const inserted = await repo.insertAttendanceIfAbsent(trx, {
    organizationId,
    sessionId: session.id,
    patientId: item.patientId,
    episodeId: item.episodeId,
    ...values,
    walkIn: item.walkIn,
    recordedBy: ctx.actor.userId,
    now: ctx.now,
  });
  if (inserted) {
    const correctionId = closed ? await correct(trx, ctx, inserted.id, null, values, reason) : null;
    return {
      result: { patientId: item.patientId, outcome: 'created', corrected: closed, attendance: toAttendanceDto(inserted) },
      audit: auditOf(ctx, session, inserted, correctionId, 'attendance.recorded'),
    };
  }

  const existing = await repo.lockAttendance(trx, organizationId, session.id, item.patientId);
  if (!existing) throw new Error('attendance row vanished between insert and lock');
  if (existing.status === item.status && existing.minutes === item.minutes && existing.mode === item.mode) {
    return {
      result: { patientId: item.patientId, outcome: 'unchanged', corrected: false, attendance: toAttendanceDto(existing) },
      audit: null,
    };
  }
  if (item.version === undefined) {
    throw new DomainError(
      'CONFLICT',
      'Attendance for this patient was already recorded with other values; reload the roster and save again',
      {
        details: [{ path: `${item.path}version`, message: `current version is ${existing.version}` }],
      },
    );
  }
  if (item.version !== existing.version) {
    throw new DomainError('STALE_VERSION', 'Attendance for this patient changed since you loaded it; reload the roster and save again', {
      details: [{ path: `${item.path}version`, message: `current version is ${existing.version}` }],
    });
  }
  const correctionId = closed
    ? await correct(trx, ctx, existing.id, { status: existing.status, minutes: existing.minutes, mode: existing.mode }, values, reason)
    : null;
  const updated = await repo.updateAttendance(trx, existing.id, { ...values, recordedBy: ctx.actor.userId, now: ctx.now });
  return {
    result: { patientId: item.patientId, outcome: 'updated', corrected: closed, attendance: toAttendanceDto(updated) },
    audit: auditOf(ctx, session, updated, correctionId, 'attendance.updated'),
  };
}

async function correct(
  trx: Db,
  ctx: ActorCtx,
  attendanceId: string,
  before: repo.AttendanceSnapshot,
  after: repo.AttendanceSnapshot,
  reason: string | undefined,
): Promise<string> {
  if (!ctx.actor.roles.some((role) => CORRECTION_ROLES.includes(role))) {
    throw new DomainError('FORBIDDEN', 'The day is closed: only clinicians, psychiatrists and directors may correct its attendance');
  }
  if (reason === undefined) {
    throw new DomainError('RULE_VIOLATION', 'The day is closed: give a reason to correct its attendance', {
      details: [{ path: 'reason', message: 'is required after the day is closed' }],
    });
  }
  return repo.insertCorrection(trx, {
    organizationId: ctx.actor.organizationId,
    attendanceId,
    reason,
    before,
    after,
    correctedBy: ctx.actor.userId,
    now: ctx.now,
  });
}

function auditOf(
  ctx: ActorCtx,
  session: repo.SessionRecord,
  record: repo.AttendanceRecord,
  correctionId: string | null,
  action: string,
): AuditEvent {
  return {
    ...auditBase(ctx),
    action: correctionId === null ? action : 'attendance.corrected',
    entityType: 'attendance',
    entityId: record.id,
    patientId: record.patientId,
    details: {
      sessionId: session.id,
      status: record.status,
      minutes: record.minutes,
      mode: record.mode,
      walkIn: record.walkIn,
      version: record.version,
      correctionId,
    },
  };
}
