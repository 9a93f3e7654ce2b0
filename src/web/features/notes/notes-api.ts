import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { NoteType } from '../../../domain/notes/note-content';
import { useApi } from '../../lib/api-context';

// The notes endpoints (issue #6, decision 0027). Shapes follow src/server/modules/notes/notes.schemas.ts.

export type Person = { id: string; name: string };
export type NoteStatus = 'draft' | 'awaiting_cosign' | 'signed';
export type AddendumKind = 'correction' | 'late_entry' | 'clarification';

export type NoteSummary = {
  id: string;
  patientId: string;
  patientName: string;
  episodeId: string | null;
  sessionId: string | null;
  groupNoteId: string | null;
  noteType: NoteType;
  typeLabel: string;
  serviceDate: string;
  durationMinutes: number | null;
  status: NoteStatus;
  part2: boolean;
  version: number;
  author: Person;
  signedAt: string | null;
  cosigner: Person | null;
  addendaCount: number;
};

export type Addendum = { id: string; kind: AddendumKind; body: string; author: Person; signedAt: string };
export type ObjectiveChoice = { id: string; statement: string; goal: string };

export type NoteDto = NoteSummary & {
  content: Record<string, unknown>;
  addressedObjectives: { id: string; statement: string | null }[];
  objectiveChoices: ObjectiveChoice[];
  createdAt: string;
  updatedAt: string;
  signedBy: Person | null;
  cosignedBy: Person | null;
  cosignedAt: string | null;
  addenda: Addendum[];
};

export type PatientNotes = { notes: NoteSummary[]; withheldCount: number; writableTypes: NoteType[] };
/** A trainee's group note waiting for its supervisor (decision 0032); no patient named. */
export type GroupNoteAwaitingCosign = {
  groupNoteId: string;
  sessionId: string;
  title: string;
  serviceDate: string;
  attendees: number;
  signedBy: Person;
  signedAt: string;
  cosigner: Person;
};
export type MyNotes = {
  drafts: NoteSummary[];
  awaitingMyCosign: NoteSummary[];
  mineAwaitingCosign: NoteSummary[];
  groupNotesAwaitingMyCosign: GroupNoteAwaitingCosign[];
  myGroupNotesAwaitingCosign: GroupNoteAwaitingCosign[];
};
export type TimelinessReport = {
  limitHours: number;
  asOf: string;
  rows: { author: Person; lateCount: number; oldest: { noteId: string; patientId: string; serviceDate: string; dueAt: string } }[];
};

export type DraftChanges = {
  content?: Record<string, unknown>;
  addressedObjectiveIds?: string[];
  serviceDate?: string;
  durationMinutes?: number | null;
};

const notePath = (noteId: string) => `/api/v1/notes/${encodeURIComponent(noteId)}`;

export const noteKeys = {
  all: ['notes'] as const,
  patient: (patientId: string) => ['notes', 'patient', patientId] as const,
  note: (noteId: string) => ['notes', 'note', noteId] as const,
  mine: ['notes', 'mine'] as const,
  timeliness: (limitHours: number | undefined) => ['notes', 'timeliness', limitHours ?? 'default'] as const,
};

export function usePatientNotes(patientId: string) {
  const api = useApi();
  return useQuery({
    queryKey: noteKeys.patient(patientId),
    queryFn: () => api.get<PatientNotes>(`/api/v1/patients/${encodeURIComponent(patientId)}/notes`),
  });
}

export function useNote(noteId: string) {
  const api = useApi();
  return useQuery({ queryKey: noteKeys.note(noteId), queryFn: () => api.get<NoteDto>(notePath(noteId)) });
}

export function useCreateNote(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { noteType: NoteType; serviceDate: string; durationMinutes: number | null }) =>
      api.post<NoteDto>(`/api/v1/patients/${encodeURIComponent(patientId)}/notes`, input),
    onSuccess: (note) => {
      client.setQueryData(noteKeys.note(note.id), note);
      void client.invalidateQueries({ queryKey: noteKeys.patient(patientId) });
    },
  });
}

/** The autosave call itself; the editor decides when to call it (see note-editor.tsx). */
export function useSaveDraftCall() {
  const api = useApi();
  return useCallback(
    (noteId: string, version: number, changes: DraftChanges) => api.patch<NoteDto>(notePath(noteId), { version, ...changes }),
    [api],
  );
}

function useNoteMutation<I>(call: (input: I) => Promise<NoteDto>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (note) => {
      client.setQueryData(noteKeys.note(note.id), note);
      void client.invalidateQueries({ queryKey: noteKeys.patient(note.patientId) });
      void client.invalidateQueries({ queryKey: noteKeys.mine });
    },
  });
}

export function useSignNote(noteId: string) {
  const api = useApi();
  return useNoteMutation((version: number) => api.post<NoteDto>(`${notePath(noteId)}/sign`, { version }));
}

export function useCosignNote(noteId: string) {
  const api = useApi();
  return useNoteMutation<void>(() => api.post<NoteDto>(`${notePath(noteId)}/cosign`));
}

export function useAddAddendum(noteId: string) {
  const api = useApi();
  return useNoteMutation((input: { kind: AddendumKind; body: string }) => api.post<NoteDto>(`${notePath(noteId)}/addenda`, input));
}

export function useDiscardDraft(note: { id: string; patientId: string }) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(notePath(note.id)),
    onSuccess: () => {
      client.removeQueries({ queryKey: noteKeys.note(note.id) });
      void client.invalidateQueries({ queryKey: noteKeys.patient(note.patientId) });
      void client.invalidateQueries({ queryKey: noteKeys.mine });
    },
  });
}

export function useMyNotes() {
  const api = useApi();
  return useQuery({ queryKey: noteKeys.mine, queryFn: () => api.get<MyNotes>('/api/v1/notes/mine') });
}

export function useTimeliness(limitHours: number | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: noteKeys.timeliness(limitHours),
    queryFn: () => api.get<TimelinessReport>('/api/v1/notes/timeliness', { limitHours }),
  });
}
