import { useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/form-errors';
import { bodyOf, draftFrom, type GroupNoteDraft } from './group-note-draft';
import { useSaveGroupNote, type GroupNoteDto, type GroupNoteViewDto, type SaveGroupNoteBody } from './group-notes-api';

/** Autosave waits this long after the last keystroke. */
const AUTOSAVE_DELAY_MS = 800;

/** A body in a canonical form, so the same note compares equal whatever the order of its sections. */
function snapshotOf(body: Omit<SaveGroupNoteBody, 'version'>): string {
  const entries = [...body.entries].sort((a, b) => a.patientId.localeCompare(b.patientId));
  return JSON.stringify({ summary: body.summary, entries });
}

function savedSnapshot(note: GroupNoteDto | null, draft: GroupNoteDraft, roster: GroupNoteViewDto['roster']): string {
  if (note === null) return snapshotOf(bodyOf(draft, roster));
  return snapshotOf({
    summary: note.summary,
    entries: note.entries.map(({ patientId, participation, response, progress, addressedObjectiveIds }) => ({
      patientId,
      participation,
      response,
      progress,
      addressedObjectiveIds,
    })),
  });
}

/**
 * The editor's draft, saved to the server AUTOSAVE_DELAY_MS after the last change (never while
 * `paused`, a save is in flight or a conflict is open). A save that meets someone else's newer
 * version (412) sets `conflict`; `keepMine` and `takeSaved` resolve it.
 */
export function useAutosavedDraft(view: GroupNoteViewDto, paused: boolean) {
  const { roster } = view;
  const [draft, setDraft] = useState<GroupNoteDraft>(() => draftFrom(view.note, roster));
  const [version, setVersion] = useState(view.note?.version ?? 0);
  const [saved, setSaved] = useState(() => savedSnapshot(view.note, draftFrom(view.note, roster), roster));
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<GroupNoteDto | null>(null);
  const save = useSaveGroupNote(view.session.id);

  const body = bodyOf(draft, roster);
  const snapshot = snapshotOf(body);
  const dirty = snapshot !== saved;

  /** Saves what is on screen; resolves to the saved version, or null when the save was refused. */
  async function saveNow(): Promise<number | null> {
    const sent = snapshot;
    try {
      const result = await save.mutateAsync({ ...body, version });
      setVersion(result.note.version);
      setSaved(sent);
      setSavedAt(new Date().toISOString());
      setSaveError(null);
      return result.note.version;
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        const details = error.details as { current?: GroupNoteDto | null } | undefined;
        if (details?.current) setConflict(details.current);
      } else setSaveError(errorMessage(error));
      return null;
    }
  }

  const autosave = useEffectEvent(() => void saveNow());
  const busy = save.isPending || paused;
  useEffect(() => {
    if (!dirty || conflict !== null || busy) return undefined;
    const timer = window.setTimeout(autosave, AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [snapshot, dirty, conflict, busy]);

  /** Save mine over their version: autosave resumes from the version now current. */
  function keepMine(current: GroupNoteDto) {
    setVersion(current.version);
    setSaved(savedSnapshot(current, draftFrom(current, roster), roster));
    setConflict(null);
  }

  /** Replace the screen with the saved version. */
  function takeSaved(current: GroupNoteDto) {
    const theirs = draftFrom(current, roster);
    setDraft(theirs);
    setVersion(current.version);
    setSaved(savedSnapshot(current, theirs, roster));
    setSavedAt(current.updatedAt);
    setConflict(null);
  }

  return {
    draft,
    setDraft,
    version,
    dirty,
    saving: save.isPending,
    savedAt,
    saveError,
    conflict,
    setConflict,
    saveNow,
    keepMine,
    takeSaved,
  };
}
