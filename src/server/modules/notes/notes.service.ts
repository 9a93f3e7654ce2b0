// Individual notes in a patient's chart (docs/domain/notes.md): drafts saved as the clinician types,
// read with their addenda, and listed without the SUD counseling notes the reader may not read.
// Every read and change is audited with ids only, never note text.
import type { Transaction } from 'kysely';
import { DomainError, fieldError } from '../../../domain/errors.js';
import { canWriteNoteType, writableNoteTypes } from '../../../domain/notes/note-authoring.js';
import { NOTE_TYPE_DEFINITIONS, type NoteType } from '../../../domain/notes/note-content.js';
import { checkDraftContent } from '../../../domain/notes/note-signing.js';
import { assertLocalDate } from '../../../domain/scheduling/local-time.js';
import type { ActorCtx, AppDeps } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { requireVersion, staleVersion } from '../../lib/versions.js';
import { auditBase, mustFindPatient } from '../patients/patients.service.js';
import { findEpisode } from '../schedules/lookups.repository.js';
import {
  mayRead,
  episodeObjectives,
  toNoteDto,
  toSummary,
  type EpisodeObjectives,
  type NoteDto,
  type NoteSummaryDto,
} from './notes-dto.js';
import * as context from './note-context.repository.js';
import * as repo from './notes.repository.js';

type Trx = Transaction<Database>;
type AuditDetails = Record<string, string | number | boolean | string[] | null>;

/**
 * The note of the caller's organization that the caller may read: 404 for another organization's,
 * 403 for a withheld one. With it, the caller's staff profile that decided.
 */
export async function mustFindNoteWithProfile(trx: Trx, ctx: ActorCtx, noteId: string, options: { lock?: boolean } = {}) {
  const note = await repo.findNote(trx, ctx.actor.organizationId, noteId, options);
  if (!note) throw new DomainError('NOT_FOUND', 'No such note');
  const profile = await context.noteProfileOf(trx, ctx.actor.organizationId, ctx.actor.userId);
  if (!mayRead(note, { userId: ctx.actor.userId, counselingNotesAccess: profile.counselingNotesAccess }))
    throw new DomainError('FORBIDDEN', PART2_REFUSAL);
  return { note, profile };
}

export async function mustFindNote(trx: Trx, ctx: ActorCtx, noteId: string, options: { lock?: boolean } = {}): Promise<repo.NoteRecord> {
  return (await mustFindNoteWithProfile(trx, ctx, noteId, options)).note;
}

const PART2_REFUSAL = 'SUD counseling notes are read only by their author and staff given explicit access (42 CFR Part 2)';

/**
 * Runs a read or addendum of a note; a Part 2 refusal is audited (outcome "denied") in a
 * transaction of its own, because the refused request's transaction is rolled back.
 */
export async function auditingPart2Refusal<T>(deps: AppDeps, ctx: ActorCtx, noteId: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'FORBIDDEN' && error.message === PART2_REFUSAL)
      await deps.db.transaction().execute(async (trx) => {
        const note = await repo.findNote(trx, ctx.actor.organizationId, noteId);
        await deps.audit(trx, {
          ...auditBase(ctx),
          outcome: 'denied',
          action: 'note.access_denied',
          entityType: 'clinical_note',
          entityId: noteId,
          patientId: note?.patientId ?? null,
          details: { reason: 'part2_counseling_note' },
        });
      });
    throw error;
  }
}

export function refuseGroupNote(note: { noteType: NoteType }): void {
  if (note.noteType === 'group')
    throw new DomainError('RULE_VIOLATION', 'A group note is written and signed on its group session, not edited on its own');
}

async function audit(
  deps: AppDeps,
  trx: Trx,
  ctx: ActorCtx,
  action: string,
  note: { id: string; patientId: string },
  details: AuditDetails,
) {
  await deps.audit(trx, { ...auditBase(ctx), action, entityType: 'clinical_note', entityId: note.id, patientId: note.patientId, details });
}

export type CreateNoteInput = {
  noteType: NoteType;
  episodeId?: string | null | undefined;
  sessionId?: string | null | undefined;
  serviceDate: string;
  durationMinutes?: number | null | undefined;
};

async function resolveEpisode(trx: Trx, ctx: ActorCtx, patientId: string, input: CreateNoteInput, sessionEpisodeId: string | null) {
  const organizationId = ctx.actor.organizationId;
  if (input.episodeId === null) return null;
  if (input.episodeId === undefined) return sessionEpisodeId ?? (await context.openEpisodeOf(trx, organizationId, patientId));
  const episode = await findEpisode(trx, organizationId, input.episodeId);
  if (episode?.patientId !== patientId) throw fieldError('episodeId', 'is not an episode of this patient');
  return episode.id;
}

export async function createNote(deps: AppDeps, ctx: ActorCtx, patientId: string, input: CreateNoteInput): Promise<NoteDto> {
  assertLocalDate(input.serviceDate, 'serviceDate');
  refuseGroupNote(input);
  if (!canWriteNoteType(ctx.actor.roles, input.noteType))
    throw new DomainError('FORBIDDEN', `A ${NOTE_TYPE_DEFINITIONS[input.noteType].label} is written by a psychiatrist`);
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    await mustFindPatient(trx, ctx, patientId);
    let sessionEpisodeId: string | null = null;
    if (input.sessionId) {
      const session = await context.findSession(trx, organizationId, input.sessionId);
      if (!session) throw fieldError('sessionId', 'no such session');
      if (session.patientId !== null && session.patientId !== patientId) throw fieldError('sessionId', 'is another patient’s appointment');
      sessionEpisodeId = session.episodeId;
    }
    const episodeId = await resolveEpisode(trx, ctx, patientId, input, sessionEpisodeId);
    const noteId = await repo.insertNote(trx, {
      organizationId,
      patientId,
      episodeId,
      sessionId: input.sessionId ?? null,
      noteType: input.noteType,
      serviceDate: input.serviceDate,
      durationMinutes: input.durationMinutes ?? null,
      authorId: ctx.actor.userId,
      now: ctx.now,
    });
    await audit(deps, trx, ctx, 'note.created', { id: noteId, patientId }, { noteType: input.noteType, episodeId });
    const note = await repo.findNote(trx, organizationId, noteId);
    if (!note) throw new Error('note vanished inside its own transaction');
    return toNoteDto(trx, organizationId, note);
  });
}

export type PatientNotes = { notes: NoteSummaryDto[]; withheldCount: number; writableTypes: NoteType[] };

/**
 * The chart's notes, newest first. SUD counseling notes the reader may not read are left out and
 * only counted, so the reader knows the list is not the whole record (decision 0027).
 */
export async function listPatientNotes(deps: AppDeps, ctx: ActorCtx, patientId: string): Promise<PatientNotes> {
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    await mustFindPatient(trx, ctx, patientId);
    const profile = await context.noteProfileOf(trx, organizationId, ctx.actor.userId);
    const reader = { userId: ctx.actor.userId, counselingNotesAccess: profile.counselingNotesAccess };
    const all = await repo.listPatientNotes(trx, organizationId, patientId);
    const shown = all.filter((note) => mayRead(note, reader));
    const withheldCount = all.length - shown.length;
    await deps.audit(trx, {
      ...auditBase(ctx),
      action: 'notes.listed',
      entityType: 'patient',
      entityId: patientId,
      patientId,
      details: { shown: shown.length, withheld: withheldCount },
    });
    return { notes: shown.map(toSummary), withheldCount, writableTypes: writableNoteTypes(ctx.actor.roles) };
  });
}

export async function getNote(deps: AppDeps, ctx: ActorCtx, noteId: string): Promise<NoteDto> {
  return auditingPart2Refusal(deps, ctx, noteId, () =>
    deps.db.transaction().execute(async (trx) => {
      const note = await mustFindNote(trx, ctx, noteId);
      await audit(deps, trx, ctx, 'note.viewed', note, { status: note.status, version: note.version });
      return toNoteDto(trx, ctx.actor.organizationId, note);
    }),
  );
}

export type SaveDraftInput = {
  content?: Record<string, unknown> | undefined;
  addressedObjectiveIds?: string[] | undefined;
  serviceDate?: string | undefined;
  durationMinutes?: number | null | undefined;
};

/** Refusals shared by every change of a draft: a group note, a signed note, someone else's draft. */
function assertOwnDraft(ctx: ActorCtx, note: repo.NoteRecord, doing: string): void {
  refuseGroupNote(note);
  if (note.status !== 'draft') throw new DomainError('RULE_VIOLATION', 'A signed note is never changed; write an addendum');
  if (note.author.id !== ctx.actor.userId) throw new DomainError('FORBIDDEN', `Only the note's author ${doing} a draft`);
}

/**
 * Autosave: partial content is fine while a draft. The content sent replaces the draft's content.
 * `version` is the version the editor last read; a newer saved version is a 412 with the current note.
 */
export async function saveDraft(
  deps: AppDeps,
  ctx: ActorCtx,
  noteId: string,
  expected: number | undefined,
  input: SaveDraftInput,
): Promise<NoteDto> {
  if (input.serviceDate !== undefined) assertLocalDate(input.serviceDate, 'serviceDate');
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = ctx.actor.organizationId;
    const note = await mustFindNote(trx, ctx, noteId, { lock: true });
    assertOwnDraft(ctx, note, 'edits');
    if (requireVersion(expected, 'note') !== note.version)
      throw staleVersion('note', note.version, await toNoteDto(trx, organizationId, note));
    let content: Record<string, unknown> | undefined;
    if (input.content !== undefined) {
      const checked = checkDraftContent(note.noteType, input.content);
      if (!checked.ok) {
        const [first] = checked.issues;
        throw new DomainError('VALIDATION_FAILED', first ? `${first.path}: ${first.message}` : 'Invalid content', {
          details: checked.issues,
        });
      }
      content = checked.content;
    }
    let addressedObjectiveIds: string[] | undefined;
    let objectives: EpisodeObjectives | undefined;
    if (input.addressedObjectiveIds !== undefined) {
      addressedObjectiveIds = [...new Set(input.addressedObjectiveIds)];
      objectives = await episodeObjectives(trx, organizationId, note.episodeId);
      const { known } = objectives;
      const unknownIndex = input.addressedObjectiveIds.findIndex((id) => !known.has(id));
      if (unknownIndex >= 0)
        throw fieldError(
          `addressedObjectiveIds.${unknownIndex}`,
          note.episodeId === null
            ? 'this note has no episode, so no plan objectives to cite'
            : 'is not an objective of this episode’s treatment plan',
        );
    }
    await repo.updateDraft(
      trx,
      organizationId,
      noteId,
      { content, addressedObjectiveIds, serviceDate: input.serviceDate, durationMinutes: input.durationMinutes },
      ctx.now,
    );
    await audit(deps, trx, ctx, 'note.saved', note, { version: note.version + 1, fields: Object.keys(input).sort() });
    const saved = await repo.findNote(trx, organizationId, noteId);
    if (!saved) throw new Error('note vanished inside its own transaction');
    // A save never moves the note to another episode, so the objectives read above still hold.
    return toNoteDto(trx, organizationId, saved, objectives);
  });
}

/** The author throws away their own draft; a signed note is never deleted. */
export async function discardDraft(deps: AppDeps, ctx: ActorCtx, noteId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const note = await mustFindNote(trx, ctx, noteId, { lock: true });
    if (note.status !== 'draft') throw new DomainError('RULE_VIOLATION', 'A signed note is never deleted; write an addendum');
    assertOwnDraft(ctx, note, 'discards');
    await repo.deleteDraft(trx, ctx.actor.organizationId, noteId);
    await audit(deps, trx, ctx, 'note.discarded', note, { noteType: note.noteType });
  });
}
