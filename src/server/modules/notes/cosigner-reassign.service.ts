// A director names another co-signer for a trainee's note waiting for a supervisor who cannot give
// the co-signature (docs/domain/notes.md, decision 0034). One transaction: the note moves to the
// new co-signer's work list, the reason is recorded, and the audit event carries ids only.
import { DomainError, fieldError } from '../../../domain/errors.js';
import { checkCosignerReassignment, isNoteRule, type ReassignmentInput } from '../../../domain/notes/cosigner-reassignment.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Db } from '../../db/database.js';
import { auditBase } from '../patients/patients.service.js';
import { findStaff } from '../staff/staff.repository.js';
import * as repo from './cosigner-reassign.repository.js';
import { toNoteDto, type NoteDto } from './notes-dto.js';
import { findNote } from './notes.repository.js';
import { mustFindNote } from './notes.service.js';

export type ReassignInput = { cosignerId: string; reason: string };

/**
 * Refuses a reassignment the domain rules forbid: a rule about the note is 409 (not awaiting) or
 * 422 (an attendee note); a rule about the person chosen is 400 on `cosignerId`. Another
 * organization's user reads as an unknown one.
 */
export async function assertReassignable(
  db: Db,
  organizationId: string,
  note: ReassignmentInput['note'],
  cosignerId: string,
): Promise<void> {
  const [member] = await findStaff(db, organizationId, [cosignerId]);
  const checked = checkCosignerReassignment({
    note,
    candidate: member ? { id: member.userId, status: member.status, roles: member.roles } : null,
  });
  if (checked.ok) return;
  if (!isNoteRule(checked.rule)) throw fieldError('cosignerId', checked.message);
  throw new DomainError(checked.rule === 'not_awaiting_cosign' ? 'CONFLICT' : 'RULE_VIOLATION', checked.message);
}

export async function reassignNoteCosigner(deps: AppDeps, ctx: ActorCtx, noteId: string, input: ReassignInput): Promise<NoteDto> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const note = await mustFindNote(trx, ctx, noteId, { lock: true });
    await assertReassignable(
      trx,
      organizationId,
      { status: note.status, signerId: note.signedBy?.id ?? null, cosignerId: note.cosigner?.id ?? null, groupNoteId: note.groupNoteId },
      input.cosignerId,
    );
    const fromCosignerId = note.cosigner?.id;
    if (fromCosignerId === undefined) throw new Error('a note awaiting co-signature has a co-signer (CHECK)');
    await repo.setNoteCosigner(trx, organizationId, noteId, input.cosignerId, ctx.now);
    const reassignmentId = await repo.insertReassignment(trx, {
      organizationId,
      target: { clinicalNoteId: noteId },
      fromCosignerId,
      toCosignerId: input.cosignerId,
      reason: input.reason,
      reassignedBy: ctx.actor.userId,
      now: ctx.now,
    });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'note.cosigner_reassigned',
      entityType: 'clinical_note',
      entityId: noteId,
      patientId: note.patientId,
      details: { reassignmentId, fromCosignerId, toCosignerId: input.cosignerId, reasonLength: input.reason.length },
    });
    const moved = await findNote(trx, organizationId, noteId);
    if (!moved) throw new Error('note vanished inside its own transaction');
    return toNoteDto(trx, organizationId, moved);
  });
}
