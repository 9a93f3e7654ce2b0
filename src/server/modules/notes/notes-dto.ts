// Shapes a note for the API: the summary a list shows and the full note with addenda and the
// plan objectives it cites, resolved to their statements.
import { NOTE_TYPE_DEFINITIONS } from '../../../domain/notes/note-content.js';
import { canReadNote } from '../../../domain/notes/note-access.js';
import { citableObjectives, type ObjectiveChoice } from '../../../domain/notes/plan-objectives.js';
import type { Db } from '../../db/database.js';
import * as context from './note-context.repository.js';
import * as repo from './notes.repository.js';

export type NoteSummaryDto = {
  id: string;
  patientId: string;
  patientName: string;
  episodeId: string | null;
  sessionId: string | null;
  groupNoteId: string | null;
  noteType: repo.NoteRecord['noteType'];
  typeLabel: string;
  serviceDate: string;
  durationMinutes: number | null;
  status: repo.NoteRecord['status'];
  part2: boolean;
  version: number;
  author: repo.Person;
  signedAt: string | null;
  cosigner: repo.Person | null;
  addendaCount: number;
};

export type NoteDto = NoteSummaryDto & {
  content: Record<string, unknown>;
  addressedObjectives: { id: string; statement: string | null }[];
  objectiveChoices: ObjectiveChoice[];
  createdAt: string;
  updatedAt: string;
  signedBy: repo.Person | null;
  cosignedBy: repo.Person | null;
  cosignedAt: string | null;
  addenda: { id: string; kind: repo.AddendumRecord['kind']; body: string; author: repo.Person; signedAt: string }[];
};

export function toSummary(note: repo.NoteRecord): NoteSummaryDto {
  return {
    id: note.id,
    patientId: note.patientId,
    patientName: note.patientName,
    episodeId: note.episodeId,
    sessionId: note.sessionId,
    groupNoteId: note.groupNoteId,
    noteType: note.noteType,
    typeLabel: NOTE_TYPE_DEFINITIONS[note.noteType].label,
    serviceDate: note.serviceDate,
    durationMinutes: note.durationMinutes,
    status: note.status,
    part2: note.part2,
    version: note.version,
    author: note.author,
    signedAt: note.signedAt?.toISOString() ?? null,
    cosigner: note.cosigner,
    addendaCount: note.addendaCount,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type EpisodeObjectives = ReturnType<typeof citableObjectives>;

export async function episodeObjectives(db: Db, organizationId: string, episodeId: string | null): Promise<EpisodeObjectives> {
  if (episodeId === null) return citableObjectives([]);
  const versions = await context.planContents(db, organizationId, episodeId);
  return citableObjectives(versions.map((version) => version.content));
}

/** `objectives`: the note's episode objectives when the caller has just read them. */
export async function toNoteDto(db: Db, organizationId: string, note: repo.NoteRecord, objectives?: EpisodeObjectives): Promise<NoteDto> {
  objectives ??= await episodeObjectives(db, organizationId, note.episodeId);
  const addenda = await repo.listAddenda(db, organizationId, note.id);
  return {
    ...toSummary(note),
    content: isRecord(note.content) ? note.content : {},
    addressedObjectives: note.addressedObjectiveIds.map((id) => ({ id, statement: objectives.known.get(id) ?? null })),
    objectiveChoices: objectives.choices,
    createdAt: note.createdAt.toISOString(),
    updatedAt: note.updatedAt.toISOString(),
    signedBy: note.signedBy,
    cosignedBy: note.cosignedBy,
    cosignedAt: note.cosignedAt?.toISOString() ?? null,
    addenda: addenda.map((a) => ({ id: a.id, kind: a.kind, body: a.body, author: a.author, signedAt: a.signedAt.toISOString() })),
  };
}

/** canReadNote (42 CFR Part 2) for a stored note. */
export function mayRead(note: repo.NoteRecord, reader: { userId: string; counselingNotesAccess: boolean }): boolean {
  return canReadNote({ noteType: note.noteType, authorId: note.author.id, cosignerId: note.cosigner?.id ?? null }, reader);
}
