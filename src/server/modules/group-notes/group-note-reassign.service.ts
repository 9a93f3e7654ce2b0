// A director names another co-signer for a trainee's group note, and with it for every attendee
// note it wrote, in one transaction (decision 0034; the database refuses them apart).
import type { z } from 'zod';
import { DomainError } from '../../../domain/errors.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import * as reassignRepo from '../notes/cosigner-reassign.repository.js';
import { assertReassignable, type ReassignInput } from '../notes/cosigner-reassign.service.js';
import { auditBase } from '../patients/patients.service.js';
import * as repo from './group-notes.repository.js';
import type { GroupNoteDto } from './group-notes.schemas.js';
import { mustFindGroupSession, toNoteDto } from './group-notes.service.js';

export async function reassignGroupNoteCosigner(
  deps: AppDeps,
  ctx: ActorCtx,
  sessionId: string,
  input: ReassignInput,
): Promise<{ note: z.infer<typeof GroupNoteDto> }> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    await mustFindGroupSession(trx, ctx, sessionId);
    const note = await repo.findGroupNote(trx, organizationId, sessionId, { lock: true });
    if (!note) throw new DomainError('NOT_FOUND', 'This session has no group note');
    await assertReassignable(
      trx,
      organizationId,
      { status: note.status, signerId: note.signedBy?.id ?? null, cosignerId: note.cosigner?.id ?? null, groupNoteId: null },
      input.cosignerId,
    );
    const fromCosignerId = note.cosigner?.id;
    if (fromCosignerId === undefined) throw new Error('a group note awaiting co-signature has a co-signer (CHECK)');
    const moved = await reassignRepo.setGroupNoteCosigner(trx, organizationId, note.id, input.cosignerId, ctx.now);
    const reassignmentId = await reassignRepo.insertReassignment(trx, {
      organizationId,
      target: { groupNoteId: note.id },
      fromCosignerId,
      toCosignerId: input.cosignerId,
      reason: input.reason,
      reassignedBy: ctx.actor.userId,
      now: ctx.now,
    });
    // One event per attendee note, as for signing and co-signing: each chart shows who moved it.
    for (const [patientId, clinicalNoteId] of moved) {
      await deps.audit(trx, {
        ...auditBase(ctx),
        action: 'group_note.cosigner_reassigned',
        entityType: 'clinical_note',
        entityId: clinicalNoteId,
        patientId,
        details: {
          groupNoteId: note.id,
          sessionId,
          reassignmentId,
          fromCosignerId,
          toCosignerId: input.cosignerId,
          reasonLength: input.reason.length,
        },
      });
    }
    const reloaded = await repo.findGroupNote(trx, organizationId, sessionId);
    if (!reloaded) throw new Error('group note vanished inside its own transaction');
    return { note: toNoteDto(reloaded) };
  });
}
