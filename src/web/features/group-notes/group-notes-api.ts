import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttendanceStatus } from '../../../domain/intensity/attendance';
import type { GroupNoteRule } from '../../../domain/notes/group-note';
import type { GroupSummary } from '../../../domain/notes/note-content';
import { useApi } from '../../lib/api-context';

// The group-note endpoints (issue #6). Shapes follow src/server/modules/group-notes/group-notes.schemas.ts.

export type Person = { id: string; name: string };

export type GroupNoteEntryDto = {
  patientId: string;
  participation: string;
  response: string;
  progress: string;
  addressedObjectiveIds: string[];
  updatedAt: string;
};

export type GroupNoteDto = {
  id: string;
  sessionId: string;
  /** awaiting_cosign: signed by a trainee, locked, waiting for `cosigner` (decision 0032). */
  status: 'draft' | 'awaiting_cosign' | 'signed';
  version: number;
  part2: boolean;
  summary: GroupSummary;
  entries: GroupNoteEntryDto[];
  author: Person;
  createdAt: string;
  updatedAt: string;
  signedBy: Person | null;
  signedAt: string | null;
  cosigner: Person | null;
  cosignedBy: Person | null;
  cosignedAt: string | null;
  notesWritten: number;
};

export type ObjectiveDto = { id: string; statement: string; targetDate: string; goal: string };

export type GroupNoteRosterRow = {
  patientId: string;
  name: string;
  episodeId: string | null;
  status: AttendanceStatus | null;
  minutes: number | null;
  mode: 'in_person' | 'telehealth' | null;
  attendee: boolean;
  objectives: ObjectiveDto[];
};

export type GroupNoteViewDto = {
  session: {
    id: string;
    title: string;
    kind: string;
    status: 'scheduled' | 'cancelled';
    siteName: string;
    timeZone: string;
    startsAt: string;
    endsAt: string;
    localDate: string;
    lengthMinutes: number;
  };
  roster: GroupNoteRosterRow[];
  note: GroupNoteDto | null;
  canWrite: boolean;
  /** A signed note whose roster was corrected afterwards: each change, to answer with an addendum. */
  rosterChanges: { patientId: string; name: string; message: string }[];
};

export type EntryBody = Omit<GroupNoteEntryDto, 'updatedAt'>;
export type SaveGroupNoteBody = { version: number; summary: GroupSummary; entries: EntryBody[] };

/** One issue of a refused signing (422 details). */
export type SignIssue = { path: string; message: string; rule: GroupNoteRule; patientId?: string };

export type GroupNoteToWrite = {
  sessionId: string;
  title: string;
  siteName: string;
  timeZone: string;
  startsAt: string;
  localDate: string;
  attendees: number;
  draft: { version: number; updatedAt: string } | null;
};

const notePath = (sessionId: string) => `/api/v1/sessions/${encodeURIComponent(sessionId)}/group-note`;
const keys = {
  all: ['group-notes'] as const,
  note: (sessionId: string) => ['group-notes', 'session', sessionId] as const,
  toWrite: ['group-notes', 'to-write'] as const,
};

export function useGroupNote(sessionId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.note(sessionId),
    queryFn: () => api.get<GroupNoteViewDto>(notePath(sessionId)),
    // The editor is built from this read; a background refetch must not replace what is typed.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useSaveGroupNote(sessionId: string) {
  const api = useApi();
  return useMutation({
    mutationFn: (body: SaveGroupNoteBody) => api.put<{ note: GroupNoteDto }>(notePath(sessionId), body),
  });
}

export function useSignGroupNote(sessionId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.post<{ note: GroupNoteDto }>(`${notePath(sessionId)}/sign`, { version }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.all });
      // The attendees' charts now hold the new notes.
      await queryClient.invalidateQueries({ queryKey: ['notes'] });
    },
  });
}

/** The named supervisor co-signs a trainee's group note and all its attendee notes at once. */
export function useCosignGroupNote(sessionId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ note: GroupNoteDto }>(`${notePath(sessionId)}/cosign`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.all });
      // The attendees' notes are now fully signed, and leave "awaiting my co-signature".
      await queryClient.invalidateQueries({ queryKey: ['notes'] });
    },
  });
}

export function useGroupNotesToWrite() {
  const api = useApi();
  return useQuery({
    queryKey: keys.toWrite,
    queryFn: () => api.get<{ sessions: GroupNoteToWrite[] }>('/api/v1/group-notes/to-write'),
  });
}
