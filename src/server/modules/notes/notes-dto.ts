// Shapes a note for the API: the summary a list shows and the full note with addenda and the
// plan objectives it cites, resolved to their statements.
import { NOTE_TYPE_DEFINITIONS } from '../../../domain/notes/note-content.js';
import { canReadNote } from '../../../domain/notes/note-access.js';
import type { Db } from '../../db/database.js';
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

export type ObjectiveChoice = { id: string; statement: string; goal: string };

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

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The objectives of one plan version's content (TreatmentPlanContent), read defensively. */
export function objectivesOf(content: unknown): ObjectiveChoice[] {
  const found: ObjectiveChoice[] = [];
  if (!isRecord(content)) return found;
  for (const problem of list(content.problems)) {
    if (!isRecord(problem)) continue;
    for (const goal of list(problem.goals)) {
      if (!isRecord(goal)) continue;
      const goalStatement = typeof goal.statement === 'string' ? goal.statement : '';
      for (const objective of list(goal.objectives)) {
        if (isRecord(objective) && typeof objective.id === 'string' && typeof objective.statement === 'string')
          found.push({ id: objective.id, statement: objective.statement, goal: goalStatement });
      }
    }
  }
  return found;
}

export type EpisodeObjectives = {
  /** The latest plan version's objectives: what a note may tick now. */
  choices: ObjectiveChoice[];
  /** Every objective id of any version, to its latest statement (ids are kept across revisions). */
  known: Map<string, string>;
};

export async function episodeObjectives(db: Db, organizationId: string, episodeId: string | null): Promise<EpisodeObjectives> {
  const known = new Map<string, string>();
  if (episodeId === null) return { choices: [], known };
  const versions = await repo.planContents(db, organizationId, episodeId);
  for (const version of versions) {
    for (const objective of objectivesOf(version.content)) if (!known.has(objective.id)) known.set(objective.id, objective.statement);
  }
  const latest = versions[0];
  return { choices: latest ? objectivesOf(latest.content) : [], known };
}

export async function toNoteDto(db: Db, organizationId: string, note: repo.NoteRecord): Promise<NoteDto> {
  const objectives = await episodeObjectives(db, organizationId, note.episodeId);
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

/**
 * canReadNote (42 CFR Part 2), plus the supervisor a trainee's SUD counseling note names for
 * co-signature: that supervisor must read what they co-sign.
 */
export function mayRead(note: repo.NoteRecord, reader: { userId: string; counselingNotesAccess: boolean }): boolean {
  return canReadNote({ noteType: note.noteType, authorId: note.author.id }, reader) || note.cosigner?.id === reader.userId;
}
