import type { GroupSummary } from '../../../domain/notes/note-content';
import type { EntryBody, GroupNoteDto, GroupNoteRosterRow, SaveGroupNoteBody, SignIssue } from './group-notes-api';

// The editor's state and the pure steps around it: what is sent on autosave, where a refused
// signing's issues are shown, and what differs from a version someone else saved.

export type GroupNoteDraft = { summary: GroupSummary; entries: Record<string, EntryBody> };

export const EMPTY_SUMMARY: GroupSummary = { topic: '', modality: '', interventions: '', summary: '' };

export const SUMMARY_FIELDS = [
  { key: 'topic', label: 'Topic' },
  { key: 'modality', label: 'Modality' },
  { key: 'interventions', label: 'Interventions' },
  { key: 'summary', label: 'Group summary' },
] as const satisfies readonly { key: keyof GroupSummary; label: string }[];

export const ENTRY_FIELDS = [
  { key: 'participation', label: 'Participation' },
  { key: 'response', label: 'Response to interventions' },
  { key: 'progress', label: 'Progress on plan objectives' },
] as const;

export type EntryFieldKey = (typeof ENTRY_FIELDS)[number]['key'];

export function emptyEntry(patientId: string): EntryBody {
  return { patientId, participation: '', response: '', progress: '', addressedObjectiveIds: [] };
}

/** The editor's draft from a saved note: a section for every attendee (empty when not written yet). */
export function draftFrom(note: GroupNoteDto | null, roster: readonly GroupNoteRosterRow[]): GroupNoteDraft {
  const saved = new Map((note?.entries ?? []).map((entry) => [entry.patientId, entry]));
  const entries: Record<string, EntryBody> = {};
  for (const row of roster) {
    if (!row.attendee) continue;
    const entry = saved.get(row.patientId);
    entries[row.patientId] = entry
      ? {
          patientId: entry.patientId,
          participation: entry.participation,
          response: entry.response,
          progress: entry.progress,
          addressedObjectiveIds: entry.addressedObjectiveIds,
        }
      : emptyEntry(row.patientId);
  }
  return { summary: note?.summary ?? EMPTY_SUMMARY, entries };
}

/** What autosave sends (without the version): attendees' sections in roster order. */
export function bodyOf(draft: GroupNoteDraft, roster: readonly GroupNoteRosterRow[]): Omit<SaveGroupNoteBody, 'version'> {
  const entries: EntryBody[] = [];
  for (const row of roster) {
    const entry = draft.entries[row.patientId];
    if (row.attendee && entry) entries.push(entry);
  }
  return { summary: draft.summary, entries };
}

/** A refused signing's issues by where they are shown: a field path, or the general list. */
export function placeIssues(issues: readonly SignIssue[]): { byPath: Record<string, string>; general: string[] } {
  const byPath: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of issues) {
    if (issue.path.startsWith('summary.') || issue.path.startsWith('entries.')) {
      byPath[issue.path] = byPath[issue.path] === undefined ? issue.message : `${byPath[issue.path]} ${issue.message}`;
    } else general.push(issue.message);
  }
  return { byPath, general };
}

export function isSignIssue(value: unknown): value is SignIssue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { path?: unknown }).path === 'string' &&
    typeof (value as { message?: unknown }).message === 'string' &&
    typeof (value as { rule?: unknown }).rule === 'string'
  );
}

export type Difference = { label: string; mine: string; theirs: string };

/** The fields where my unsaved draft and the saved version differ, labelled for the 412 dialog. */
export function differences(mine: GroupNoteDraft, theirs: GroupNoteDraft, roster: readonly GroupNoteRosterRow[]): Difference[] {
  const found: Difference[] = [];
  for (const field of SUMMARY_FIELDS) {
    if (mine.summary[field.key] !== theirs.summary[field.key])
      found.push({ label: field.label, mine: mine.summary[field.key], theirs: theirs.summary[field.key] });
  }
  for (const row of roster) {
    if (!row.attendee) continue;
    const a = mine.entries[row.patientId] ?? emptyEntry(row.patientId);
    const b = theirs.entries[row.patientId] ?? emptyEntry(row.patientId);
    for (const field of ENTRY_FIELDS) {
      if (a[field.key] !== b[field.key]) found.push({ label: `${row.name}: ${field.label}`, mine: a[field.key], theirs: b[field.key] });
    }
    const objectives = (ids: readonly string[]) =>
      row.objectives
        .filter((objective) => ids.includes(objective.id))
        .map((objective) => objective.statement)
        .join('; ');
    if (objectives(a.addressedObjectiveIds) !== objectives(b.addressedObjectiveIds))
      found.push({
        label: `${row.name}: objectives addressed`,
        mine: objectives(a.addressedObjectiveIds),
        theirs: objectives(b.addressedObjectiveIds),
      });
  }
  return found;
}
