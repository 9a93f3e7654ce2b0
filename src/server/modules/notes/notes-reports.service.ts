// Work lists over notes: "my notes" (drafts, co-signatures) and the timeliness report of notes
// still not fully signed past the organization's limit (docs/domain/notes.md).
import type { z } from 'zod';
import { lateNotesByAuthor } from '../../../domain/notes/note-timeliness.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import * as groupNotes from '../group-notes/group-notes.repository.js';
import { auditBase, auditPatientsListed } from '../patients/patients.service.js';
import { toSummary } from './notes-dto.js';
import * as context from './note-context.repository.js';
import * as repo from './notes.repository.js';
import type { GroupNoteAwaitingCosignDto, MyNotesDto } from './notes.schemas.js';

export type MyNotes = z.infer<typeof MyNotesDto>;

function toGroupSummary(note: groupNotes.GroupNoteAwaitingCosign): z.infer<typeof GroupNoteAwaitingCosignDto> {
  return {
    groupNoteId: note.groupNoteId,
    sessionId: note.sessionId,
    title: note.title,
    serviceDate: note.localDate,
    attendees: note.attendees,
    signedBy: note.signedBy,
    signedAt: note.signedAt.toISOString(),
    cosigner: note.cosigner,
  };
}

export async function myNotes(deps: AppDeps, ctx: ActorCtx): Promise<MyNotes> {
  return deps.db.transaction().execute(async (trx) => {
    const me = ctx.actor.userId;
    const organizationId = ctx.actor.organizationId;
    // An attendee's note from a group note is co-signed with its group note, so it is listed as
    // that group note (one row per group, no patient named), never on its own (listNotesFor leaves it out).
    const notes = await repo.listNotesFor(trx, organizationId, me);
    const toCosign = await groupNotes.groupNotesAwaitingCosign(trx, organizationId, { cosignerId: me });
    const mineWaiting = await groupNotes.groupNotesAwaitingCosign(trx, organizationId, { signedBy: me });
    await auditPatientsListed(
      deps,
      trx,
      ctx,
      notes.map((note) => note.patientId),
      'my_notes',
    );
    return {
      drafts: notes.filter((n) => n.author.id === me && n.status === 'draft').map(toSummary),
      awaitingMyCosign: notes.filter((n) => n.cosigner?.id === me && n.status === 'awaiting_cosign').map(toSummary),
      mineAwaitingCosign: notes.filter((n) => n.author.id === me && n.status === 'awaiting_cosign').map(toSummary),
      groupNotesAwaitingMyCosign: toCosign.map(toGroupSummary),
      myGroupNotesAwaitingCosign: mineWaiting.map(toGroupSummary),
    };
  });
}

export type TimelinessReport = {
  limitHours: number;
  asOf: string;
  rows: { author: repo.Person; lateCount: number; oldest: { noteId: string; patientId: string; serviceDate: string; dueAt: string } }[];
};

/** Late notes per author. Directors see every clinician; anyone else sees their own row only. */
export async function timelinessReport(
  deps: AppDeps,
  ctx: ActorCtx,
  query: { limitHours?: number | undefined },
): Promise<TimelinessReport> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const limitHours = query.limitHours ?? (await context.signingLimitHours(trx, organizationId));
    const everyone = ctx.actor.roles.includes('director');
    const unsigned = await repo.unsignedNotes(trx, organizationId, everyone ? null : ctx.actor.userId);
    const byId = new Map(unsigned.map((note) => [note.id, note]));
    const rows = lateNotesByAuthor(unsigned, limitHours, ctx.now).map((row) => {
      const oldest = byId.get(row.oldest.noteId);
      return {
        author: { id: row.authorId, name: oldest?.authorName ?? '' },
        lateCount: row.lateCount,
        oldest: {
          noteId: row.oldest.noteId,
          patientId: oldest?.patientId ?? '',
          serviceDate: row.oldest.serviceDate,
          dueAt: row.oldest.dueAt.toISOString(),
        },
      };
    });
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'notes.timeliness_viewed',
      entityType: 'notes_report',
      details: { limitHours, scope: everyone ? 'organization' : 'self', rows: rows.length },
    });
    return { limitHours, asOf: ctx.now.toISOString(), rows };
  });
}
