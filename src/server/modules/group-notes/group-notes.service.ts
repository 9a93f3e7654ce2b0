// Group notes (issue #6, docs/domain/group-notes.md, decision 0028): one shared summary and an
// individualized section per attendee, written by the session's facilitators (or a director) as a
// draft saved while they type, then signed into one note per attendee's chart
// (group-note-signing.service.ts). Reads and saves are audited per patient, ids only.
import type { z } from 'zod';
import type { Role } from '../../../domain/access/roles.js';
import { DomainError, fieldError } from '../../../domain/errors.js';
import { isAttendee, rosterChangesSinceSigning } from '../../../domain/notes/group-note.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import * as attendanceRepo from '../attendance/attendance.repository.js';
import { auditBase } from '../patients/patients.service.js';
import * as repo from './group-notes.repository.js';
import { requireVersion, staleVersion } from '../../lib/versions.js';
import type {
  GroupNoteDto,
  GroupNoteRosterRowDto,
  GroupNoteViewDto,
  GroupNotesToWriteDto,
  SaveGroupNoteBody,
} from './group-notes.schemas.js';

type GroupNoteView = z.infer<typeof GroupNoteViewDto>;
type GroupNoteOut = z.infer<typeof GroupNoteDto>;
type RosterRow = z.infer<typeof GroupNoteRosterRowDto>;
export type SaveInput = z.infer<typeof SaveGroupNoteBody>;

/** Read by the clinical staff; written and signed by these roles when they facilitate (directors: any session). */
export const GROUP_NOTE_READERS: readonly Role[] = ['clinician', 'psychiatrist', 'director'];
export const GROUP_NOTE_WRITERS: readonly Role[] = ['clinician', 'psychiatrist', 'director'];

export function toNoteDto(record: repo.GroupNoteRecord): GroupNoteOut {
  return {
    id: record.id,
    sessionId: record.sessionId,
    status: record.status,
    version: record.version,
    part2: record.part2,
    summary: record.summary,
    entries: record.entries.map((entry) => ({
      patientId: entry.patientId,
      participation: entry.participation,
      response: entry.response,
      progress: entry.progress,
      addressedObjectiveIds: [...entry.addressedObjectiveIds],
      updatedAt: entry.updatedAt.toISOString(),
    })),
    author: record.author,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    signedBy: record.signedBy,
    signedAt: record.signedAt?.toISOString() ?? null,
    cosigner: record.cosigner,
    cosignedBy: record.cosignedBy,
    cosignedAt: record.cosignedAt?.toISOString() ?? null,
    notesWritten: record.notesWritten,
  };
}

/** The session, scoped to the organization (404 otherwise). */
export async function mustFindGroupSession(
  db: Db,
  ctx: ActorCtx,
  sessionId: string,
  lock?: 'share' | 'update',
): Promise<attendanceRepo.SessionRecord> {
  const session = await attendanceRepo.findSession(db, ctx.actor.organizationId, sessionId, lock ? { lock } : {});
  if (!session) throw new DomainError('NOT_FOUND', 'No such session');
  return session;
}

/** A note is written for a group that took place: not an appointment, not cancelled, already started. */
export function assertNoteable(session: attendanceRepo.SessionRecord, now: Date): void {
  if (session.kind !== 'group')
    throw new DomainError('RULE_VIOLATION', 'Group notes are written for group sessions; this session is an individual appointment');
  if (session.status === 'cancelled') throw new DomainError('RULE_VIOLATION', 'This session was cancelled; it has no group note');
  if (session.startsAt.getTime() > now.getTime())
    throw new DomainError('RULE_VIOLATION', 'A group note is written once the session has started');
}

export async function canWrite(db: Db, ctx: ActorCtx, sessionId: string): Promise<boolean> {
  if (ctx.actor.roles.includes('director')) return true;
  if (!ctx.actor.roles.some((role) => GROUP_NOTE_WRITERS.includes(role))) return false;
  return (await repo.sessionFacilitators(db, ctx.actor.organizationId, sessionId)).includes(ctx.actor.userId);
}

export async function assertCanWrite(db: Db, ctx: ActorCtx, sessionId: string): Promise<void> {
  if (!(await canWrite(db, ctx, sessionId)))
    throw new DomainError('FORBIDDEN', 'Only the session’s facilitators and directors write and sign its group note');
}

/** The session's attendance and who is expected but not yet recorded. */
export async function readRoster(db: Db, organizationId: string, session: attendanceRepo.SessionRecord) {
  const expected = await attendanceRepo.expectedPatients(db, organizationId, session);
  const attendance = await attendanceRepo.attendanceOfSession(db, organizationId, session.id);
  const recorded = new Set(attendance.map((row) => row.patientId));
  const unrecorded = expected.filter((entry) => !recorded.has(entry.patientId));
  return { attendance, unrecorded };
}

/** The roster as the editor shows it: attendance as recorded, then who is expected but not recorded; by name. */
function rosterRows(
  attendance: readonly attendanceRepo.AttendanceRecord[],
  unrecorded: readonly attendanceRepo.ExpectedPatient[],
  names: ReadonlyMap<string, string>,
  objectives: ReadonlyMap<string, repo.Objective[]>,
): RosterRow[] {
  const roster: RosterRow[] = [];
  for (const row of attendance) {
    const attendee = isAttendee(row.status);
    roster.push({
      patientId: row.patientId,
      name: names.get(row.patientId) ?? 'Unknown patient',
      episodeId: row.episodeId,
      status: row.status,
      minutes: row.minutes,
      mode: row.mode,
      attendee,
      objectives:
        attendee && row.episodeId !== null
          ? (objectives.get(row.episodeId) ?? [])
              .filter((objective) => objective.status === 'open')
              .map(({ id, statement, targetDate, goal }) => ({ id, statement, targetDate, goal }))
          : [],
    });
  }
  for (const entry of unrecorded) {
    roster.push({
      patientId: entry.patientId,
      name: names.get(entry.patientId) ?? 'Unknown patient',
      episodeId: entry.episodeId,
      status: null,
      minutes: null,
      mode: null,
      attendee: false,
      objectives: [],
    });
  }
  roster.sort((a, b) => a.name.localeCompare(b.name) || a.patientId.localeCompare(b.patientId));
  return roster;
}

/**
 * The session's group note (or null) with the roster: every patient expected or recorded, their
 * attendance as recorded, and for each attendee the open objectives of their plan. Audited per
 * patient on the roster.
 */
export async function getGroupNote(deps: AppDeps, ctx: ActorCtx, sessionId: string): Promise<GroupNoteView> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const session = await mustFindGroupSession(trx, ctx, sessionId);
    const { attendance, unrecorded } = await readRoster(trx, organizationId, session);
    const note = await repo.findGroupNote(trx, organizationId, sessionId);
    const patientIds = [...attendance.map((row) => row.patientId), ...unrecorded.map((entry) => entry.patientId)];
    const names = await attendanceRepo.patientNames(trx, organizationId, patientIds);
    const attendeeEpisodes = attendance.filter((row) => isAttendee(row.status) && row.episodeId !== null).map((row) => row.episodeId ?? '');
    const objectives = await repo.planObjectives(trx, organizationId, attendeeEpisodes);

    const roster = rosterRows(attendance, unrecorded, names, objectives);

    const changes =
      note && note.status !== 'draft'
        ? rosterChangesSinceSigning(await repo.writtenAttendance(trx, organizationId, note.id), attendance)
        : [];
    const changedIds = changes.map((change) => change.patientId).filter((id) => !names.has(id));
    const changedNames =
      changedIds.length > 0 ? await attendanceRepo.patientNames(trx, organizationId, changedIds) : new Map<string, string>();

    for (const patientId of [...patientIds, ...changedIds]) {
      await deps.audit(trx, {
        ...auditBase(ctx),
        action: 'group_note.viewed',
        entityType: 'session',
        entityId: sessionId,
        patientId,
        details: { groupNoteId: note?.id ?? null },
      });
    }
    return {
      session: {
        id: session.id,
        title: session.title,
        kind: session.kind,
        status: session.status,
        siteName: session.siteName,
        timeZone: session.timeZone,
        startsAt: session.startsAt.toISOString(),
        endsAt: session.endsAt.toISOString(),
        localDate: session.localDate,
        lengthMinutes: session.lengthMinutes,
      },
      roster,
      note: note ? toNoteDto(note) : null,
      canWrite: session.kind === 'group' && session.status !== 'cancelled' && (await canWrite(trx, ctx, sessionId)),
      rosterChanges: changes.map((change) => ({
        ...change,
        name: names.get(change.patientId) ?? changedNames.get(change.patientId) ?? 'Unknown patient',
      })),
    };
  });
}

/** The version the caller read must be the current one (0: there was no note); else 412 with the current note. */
function checkDraftVersion(expected: number | undefined, current: repo.GroupNoteRecord | undefined): void {
  const actual = current?.version ?? 0;
  if (requireVersion(expected, 'group note') !== actual) throw staleVersion('group note', actual, current ? toNoteDto(current) : null);
}

/** Each section with the patient's episode from the roster; a patient not on the roster is 422. */
async function entriesOnRoster(db: Db, organizationId: string, session: attendanceRepo.SessionRecord, sections: SaveInput['entries']) {
  const { attendance, unrecorded } = await readRoster(db, organizationId, session);
  const episodeOf = new Map<string, string | null>([
    ...unrecorded.map((entry) => [entry.patientId, entry.episodeId] as const),
    ...attendance.map((row) => [row.patientId, row.episodeId] as const),
  ]);
  const entries = sections.map((entry, index) => {
    if (!episodeOf.has(entry.patientId))
      throw new DomainError('RULE_VIOLATION', `entries.${index}: this patient is not on the session’s roster`, {
        details: [
          {
            path: `entries.${entry.patientId}`,
            message: 'not on the session’s roster',
            rule: 'entry_not_attendee',
            patientId: entry.patientId,
          },
        ],
      });
    return { ...entry, episodeId: episodeOf.get(entry.patientId) ?? null };
  });

  return entries;
}

/**
 * Saves the whole draft (summary and sections). A section may be written for anyone on the roster,
 * attendance recorded or not yet; whether the sections agree with the roster is checked at signing.
 */
export async function saveDraft(
  deps: AppDeps,
  ctx: ActorCtx,
  sessionId: string,
  input: SaveInput,
  expectedVersion: number | undefined,
): Promise<{ note: GroupNoteOut }> {
  const seen = new Set<string>();
  input.entries.forEach((entry, index) => {
    if (seen.has(entry.patientId)) throw fieldError(`entries.${index}.patientId`, 'lists this patient twice');
    seen.add(entry.patientId);
  });
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    // Locking the session serialises saves and signing of its note (a first save by two editors
    // at once: the second sees the first's note and gets 412, never a second note).
    const session = await mustFindGroupSession(trx, ctx, sessionId, 'update');
    await assertCanWrite(trx, ctx, sessionId);
    assertNoteable(session, ctx.now);
    const current = await repo.findGroupNote(trx, organizationId, sessionId, { lock: true });
    if (current && current.status !== 'draft')
      throw new DomainError('CONFLICT', 'This group note is signed; corrections are addenda to each attendee’s note');
    checkDraftVersion(expectedVersion, current);

    const entries = await entriesOnRoster(trx, organizationId, session, input.entries);

    let noteId: string;
    if (current) {
      noteId = current.id;
      await repo.updateDraft(trx, organizationId, noteId, input.summary, ctx.now);
    } else {
      noteId = await repo.insertGroupNote(trx, {
        organizationId,
        sessionId,
        summary: input.summary,
        authorId: ctx.actor.userId,
        now: ctx.now,
      });
    }
    await repo.replaceEntries(trx, organizationId, noteId, entries, ctx.now);
    for (const patientId of new Set([
      ...entries.map((entry) => entry.patientId),
      ...(current?.entries ?? []).map((entry) => entry.patientId),
    ])) {
      await deps.audit(trx, {
        ...auditBase(ctx),
        action: 'group_note.draft_saved',
        entityType: 'group_note',
        entityId: noteId,
        patientId,
        details: { sessionId },
      });
    }
    const saved = await repo.findGroupNote(trx, organizationId, sessionId);
    if (!saved) throw new Error('group note vanished inside its own transaction');
    return { note: toNoteDto(saved) };
  });
}

/** Past group sessions with attendees and no signed note: the caller's own, or every one for a director. */
export async function groupNotesToWrite(deps: AppDeps, ctx: ActorCtx): Promise<z.infer<typeof GroupNotesToWriteDto>> {
  const sessions = await repo.sessionsToWrite(deps.db, ctx.actor.organizationId, {
    now: ctx.now,
    facilitatorId: ctx.actor.roles.includes('director') ? null : ctx.actor.userId,
    limit: 200,
  });
  return {
    sessions: sessions.map((session) => ({
      ...session,
      startsAt: session.startsAt.toISOString(),
      draft: session.draft ? { version: session.draft.version, updatedAt: session.draft.updatedAt.toISOString() } : null,
    })),
  };
}
