// Signing a group note (docs/domain/group-notes.md): in one transaction, with the session locked
// against check-ins, the roster is read again and the note must agree with it; then each attendee's
// chart receives its own signed 'group' note and the group note becomes immutable (triggers).
// A trainee's group note and its attendee notes wait, locked, for the supervisor named on the
// trainee's staff profile, who co-signs them all at once (decision 0032).
import type { z } from 'zod';
import { DomainError } from '../../../domain/errors.js';
import { attendeeNoteContent, checkGroupNote, type GroupNoteIssue, type GroupNoteRule } from '../../../domain/notes/group-note.js';
import { signingOutcome } from '../../../domain/notes/note-signing.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { SessionRecord } from '../attendance/attendance.repository.js';
import { noteProfileOf } from '../notes/note-context.repository.js';
import { auditBase } from '../patients/patients.service.js';
import * as repo from './group-notes.repository.js';
import type { GroupNoteDto } from './group-notes.schemas.js';
import { requireVersion, staleVersion } from '../../lib/versions.js';
import { assertCanWrite, assertNoteable, mustFindGroupSession, readRoster, toNoteDto } from './group-notes.service.js';

const RULE_MESSAGES: Record<GroupNoteRule, string> = {
  summary_required: 'the shared summary (topic, modality, interventions, summary) is required',
  attendance_incomplete: 'the roster is incomplete: record every expected patient’s attendance first',
  entry_missing: 'every attendee needs an individualized section (the note disagrees with the roster)',
  entry_not_attendee: 'sections are only for attendees (the note disagrees with the roster)',
  entry_required: 'each attendee’s participation, response and progress are required',
  identical_text: 'individualized text must differ between attendees',
  objective_not_in_plan: 'addressed objectives must come from the patient’s own treatment plan',
  no_attendees: 'nobody attended this session, so there is no note to write',
};

/** "Cannot sign: <rule>; <rule>" naming each rule broken once, in the order first met. */
function refusal(issues: readonly GroupNoteIssue[]): DomainError {
  const rules = [...new Set(issues.map((issue) => issue.rule))];
  return new DomainError('RULE_VIOLATION', `Cannot sign the group note: ${rules.map((rule) => RULE_MESSAGES[rule]).join('; ')}`, {
    details: issues,
  });
}

/**
 * Reads the roster again and checks the note against it; refuses with 422 naming every rule broken,
 * else returns the note each attendee's chart receives.
 */
async function checkAgainstRoster(trx: Db, organizationId: string, session: SessionRecord, note: repo.GroupNoteRecord) {
  const { attendance, unrecorded } = await readRoster(trx, organizationId, session);
  const episodeIds = attendance.flatMap((row) => (row.episodeId === null ? [] : [row.episodeId]));
  const objectives = await repo.planObjectives(trx, organizationId, episodeIds);
  const objectiveIds = new Map<string, Set<string>>();
  for (const row of attendance) {
    const ids = row.episodeId === null ? [] : (objectives.get(row.episodeId) ?? []).map((objective) => objective.id);
    objectiveIds.set(row.patientId, new Set(ids));
  }
  const checked = checkGroupNote({
    summary: note.summary,
    entries: note.entries,
    attendance,
    unrecordedPatientIds: unrecorded.map((entry) => entry.patientId),
    objectiveIds,
  });
  if (!checked.ok) throw refusal(checked.issues);

  const entryOf = new Map(note.entries.map((entry) => [entry.patientId, entry]));
  const episodeOf = new Map(attendance.map((row) => [row.patientId, row.episodeId]));
  const attendeeNotes: repo.AttendeeNote[] = checked.attendees.map((attendee) => {
    const entry = entryOf.get(attendee.patientId);
    if (!entry) throw new Error('checkGroupNote passed an attendee without a section');
    return {
      patientId: attendee.patientId,
      episodeId: episodeOf.get(attendee.patientId) ?? null,
      minutes: attendee.minutes,
      content: attendeeNoteContent(note.summary, entry, attendee),
      addressedObjectiveIds: entry.addressedObjectiveIds,
    };
  });
  return { attendeeNotes, episodeOf };
}

export async function signGroupNote(
  deps: AppDeps,
  ctx: ActorCtx,
  sessionId: string,
  expectedVersion: number | undefined,
): Promise<{ note: z.infer<typeof GroupNoteDto> }> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    // FOR UPDATE waits for check-ins in flight (they hold the session FOR SHARE) and keeps new ones
    // out until the notes are written, so the roster read below is the one the notes agree with.
    const session = await mustFindGroupSession(trx, ctx, sessionId, 'update');
    await assertCanWrite(trx, ctx, sessionId);
    assertNoteable(session, ctx.now);
    const note = await repo.findGroupNote(trx, organizationId, sessionId, { lock: true });
    if (!note) throw new DomainError('NOT_FOUND', 'This session has no group note to sign yet');
    if (note.status !== 'draft') throw new DomainError('CONFLICT', 'This group note is already signed');
    // The signer signs what they read: the version is required, as for a save.
    if (requireVersion(expectedVersion, 'group note') !== note.version) throw staleVersion('group note', note.version, toNoteDto(note));

    const { attendeeNotes, episodeOf } = await checkAgainstRoster(trx, organizationId, session, note);
    // The sections keep the episode the roster gives (a walk-in's episode may be known only now).
    await repo.replaceEntries(
      trx,
      organizationId,
      note.id,
      note.entries.map((entry) => ({ ...entry, episodeId: episodeOf.get(entry.patientId) ?? entry.episodeId })),
      ctx.now,
    );
    // As for an individual note, the signer's staff profile decides: a trainee's note (and every
    // attendee note it writes) waits for the supervisor named there.
    const outcome = signingOutcome(await noteProfileOf(trx, organizationId, ctx.actor.userId));
    const written = await repo.insertAttendeeNotes(
      trx,
      {
        organizationId,
        groupNoteId: note.id,
        sessionId,
        serviceDate: session.localDate,
        signerId: ctx.actor.userId,
        outcome,
        now: ctx.now,
      },
      attendeeNotes,
    );
    await repo.markSigned(trx, organizationId, note.id, { signerId: ctx.actor.userId, outcome, now: ctx.now });
    for (const [patientId, clinicalNoteId] of written) {
      await deps.audit(trx, {
        ...auditBase(ctx),
        action: 'group_note.signed',
        entityType: 'clinical_note',
        entityId: clinicalNoteId,
        patientId,
        details: { groupNoteId: note.id, sessionId, status: outcome.status, cosignerId: outcome.cosignerId },
      });
    }
    const signed = await repo.findGroupNote(trx, organizationId, sessionId);
    if (!signed) throw new Error('group note vanished inside its own transaction');
    return { note: toNoteDto(signed) };
  });
}

/**
 * The supervisor named on a trainee's group note co-signs it, and with it every attendee note it
 * wrote, in one transaction; nobody else may (403), and only a note awaiting co-signature (409).
 */
export async function cosignGroupNote(deps: AppDeps, ctx: ActorCtx, sessionId: string): Promise<{ note: z.infer<typeof GroupNoteDto> }> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    await mustFindGroupSession(trx, ctx, sessionId);
    const note = await repo.findGroupNote(trx, organizationId, sessionId, { lock: true });
    if (!note) throw new DomainError('NOT_FOUND', 'This session has no group note');
    if (note.status !== 'awaiting_cosign')
      throw new DomainError(
        'CONFLICT',
        note.status === 'draft' ? 'This group note is not signed by its facilitator yet' : 'This group note needs no co-signature now',
      );
    if (note.cosigner?.id !== ctx.actor.userId)
      throw new DomainError('FORBIDDEN', 'Only the supervisor named on the group note co-signs it');
    const cosigned = await repo.markCosigned(trx, organizationId, note.id, ctx.actor.userId, ctx.now);
    for (const [patientId, clinicalNoteId] of cosigned) {
      await deps.audit(trx, {
        ...auditBase(ctx),
        action: 'group_note.cosigned',
        entityType: 'clinical_note',
        entityId: clinicalNoteId,
        patientId,
        details: { groupNoteId: note.id, sessionId },
      });
    }
    const signed = await repo.findGroupNote(trx, organizationId, sessionId);
    if (!signed) throw new Error('group note vanished inside its own transaction');
    return { note: toNoteDto(signed) };
  });
}
