// Signing, co-signature and addenda (docs/domain/notes.md). Signing locks the note: from then on the
// database refuses every change but the named supervisor's co-signature (migration 0009 trigger).
import { DomainError } from '../../../domain/errors.js';
import { checkNoteForSigning, checkDraftContent, contentForSigning, signingOutcome } from '../../../domain/notes/note-signing.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { AddendumKindColumn } from '../../db/schema.js';
import { auditBase } from '../patients/patients.service.js';
import { toNoteDto, type NoteDto } from './notes-dto.js';
import * as repo from './notes.repository.js';
import { staleVersion } from '../../lib/versions.js';
import { auditingPart2Refusal, mustFindNote, mustFindNoteWithProfile, refuseGroupNote } from './notes.service.js';

/**
 * Signs the author's draft. A complete note becomes signed, or awaiting co-signature when the
 * author's staff profile names a supervisor. `expected` (optional) guards against signing a
 * version other than the one on screen.
 */
export async function signNote(deps: AppDeps, ctx: ActorCtx, noteId: string, expected: number | undefined): Promise<NoteDto> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const { note, profile } = await mustFindNoteWithProfile(trx, ctx, noteId, { lock: true });
    refuseGroupNote(note);
    if (note.status !== 'draft') throw new DomainError('CONFLICT', 'This note is already signed');
    if (note.author.id !== ctx.actor.userId) throw new DomainError('FORBIDDEN', 'Only the note’s author signs it');
    if (expected !== undefined && expected !== note.version)
      throw staleVersion('note', note.version, await toNoteDto(trx, organizationId, note));
    const draft = checkDraftContent(note.noteType, note.content);
    const content = draft.ok ? draft.content : {};
    const issues = checkNoteForSigning(note.noteType, content);
    if (issues.length > 0)
      throw new DomainError('RULE_VIOLATION', `A note is signed only when complete: ${issues.map((issue) => issue.message).join('; ')}`, {
        details: issues,
      });
    // Only the author signs (checked above), so the caller's profile is the author's.
    const outcome = signingOutcome(profile);
    await repo.markSigned(trx, organizationId, noteId, {
      content: contentForSigning(note.noteType, content),
      status: outcome.status,
      cosignerId: outcome.cosignerId,
      signedBy: ctx.actor.userId,
      now: ctx.now,
    });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'note.signed',
      entityType: 'clinical_note',
      entityId: noteId,
      patientId: note.patientId,
      details: { status: outcome.status, cosignerId: outcome.cosignerId },
    });
    return reload(trx, organizationId, noteId);
  });
}

/** The supervisor named on a trainee's note co-signs it; nobody else may. */
export async function cosignNote(deps: AppDeps, ctx: ActorCtx, noteId: string): Promise<NoteDto> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const note = await mustFindNote(trx, ctx, noteId, { lock: true });
    // An attendee's note is co-signed with its group note, all at once (decision 0032; the database
    // refuses it alone).
    if (note.groupNoteId !== null)
      throw new DomainError('RULE_VIOLATION', 'A group note’s attendee notes are co-signed together, on the group note');
    if (note.status !== 'awaiting_cosign')
      throw new DomainError(
        'CONFLICT',
        note.status === 'draft' ? 'This note is not signed by its author yet' : 'This note needs no co-signature now',
      );
    if (note.cosigner?.id !== ctx.actor.userId) throw new DomainError('FORBIDDEN', 'Only the supervisor named on the note co-signs it');
    await repo.markCosigned(trx, organizationId, noteId, ctx.actor.userId, ctx.now);
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'note.cosigned',
      entityType: 'clinical_note',
      entityId: noteId,
      patientId: note.patientId,
      details: {},
    });
    return reload(trx, organizationId, noteId);
  });
}

/** A correction, late entry or clarification: signed, dated and attributed on creation, shown with the original. */
export async function addAddendum(
  deps: AppDeps,
  ctx: ActorCtx,
  noteId: string,
  input: { kind: AddendumKindColumn; body: string },
): Promise<NoteDto> {
  return auditingPart2Refusal(deps, ctx, noteId, () => addAddendumIn(deps, ctx, noteId, input));
}

function addAddendumIn(deps: AppDeps, ctx: ActorCtx, noteId: string, input: { kind: AddendumKindColumn; body: string }): Promise<NoteDto> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const note = await mustFindNote(trx, ctx, noteId, { lock: true });
    if (note.status === 'draft') throw new DomainError('RULE_VIOLATION', 'An addendum attaches to a signed note; edit the draft instead');
    const addendumId = await repo.insertAddendum(trx, {
      organizationId,
      noteId,
      patientId: note.patientId,
      kind: input.kind,
      body: input.body,
      authorId: ctx.actor.userId,
      now: ctx.now,
    });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'note.addendum_added',
      entityType: 'clinical_note',
      entityId: noteId,
      patientId: note.patientId,
      details: { addendumId, kind: input.kind },
    });
    return reload(trx, organizationId, noteId);
  });
}

async function reload(trx: Parameters<typeof toNoteDto>[0], organizationId: string, noteId: string): Promise<NoteDto> {
  const note = await repo.findNote(trx, organizationId, noteId);
  if (!note) throw new Error('note vanished inside its own transaction');
  return toNoteDto(trx, organizationId, note);
}
