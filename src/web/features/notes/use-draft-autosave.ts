import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../lib/api';
import { noteKeys, useSaveDraftCall, type NoteDto } from './notes-api';

// Server autosave of a draft note (decision 0025: no work is lost to the idle lock). Each change
// waits a short pause, then saves with the version last read; a 412 stops saving and hands both
// versions to the editor, which lets the user keep theirs or the saved one. Never overwrites.

export type Draft = { content: Record<string, unknown>; objectiveIds: string[]; serviceDate: string; durationMinutes: number | null };

const PAUSE_MS = 800;

export function draftOf(note: NoteDto): Draft {
  return {
    content: note.content,
    objectiveIds: note.addressedObjectives.map((objective) => objective.id),
    serviceDate: note.serviceDate,
    durationMinutes: note.durationMinutes,
  };
}

function currentFrom(error: ApiError): NoteDto | null {
  const details = error.details;
  if (typeof details === 'object' && details !== null && 'current' in details) return (details as { current: NoteDto }).current;
  return null;
}

export function useDraftAutosave(note: NoteDto) {
  const save = useSaveDraftCall();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(note));
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [conflict, setConflict] = useState<NoteDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const version = useRef(note.version);
  const latest = useRef(draft);
  const saved = useRef(draft);
  const conflicted = useRef(false);
  const chain = useRef<Promise<boolean>>(Promise.resolve(true));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const runSave = useCallback(async (): Promise<boolean> => {
    if (conflicted.current) return false;
    const sending = latest.current;
    if (sending === saved.current) return true;
    setSaving(true);
    try {
      const result = await save(note.id, version.current, {
        content: sending.content,
        addressedObjectiveIds: sending.objectiveIds,
        serviceDate: sending.serviceDate,
        durationMinutes: sending.durationMinutes,
      });
      version.current = result.version;
      saved.current = sending;
      client.setQueryData(noteKeys.note(note.id), result);
      setSavedAt(new Date());
      setError(null);
      if (latest.current === sending) setDirty(false);
      return latest.current === sending;
    } catch (caught) {
      const current = caught instanceof ApiError && caught.status === 412 ? currentFrom(caught) : null;
      if (current !== null) {
        conflicted.current = true;
        setConflict(current);
      } else setError(caught);
      return false;
    } finally {
      setSaving(false);
    }
  }, [client, note.id, save]);

  /** Saves now whatever is unsaved; resolves true when the server holds the latest text. */
  const flush = useCallback((): Promise<boolean> => {
    clearTimeout(timer.current);
    chain.current = chain.current.then(async () => {
      const done = await runSave();
      return done || (!conflicted.current && latest.current !== saved.current ? runSave() : done);
    });
    return chain.current;
  }, [runSave]);

  const update = useCallback(
    (next: Draft) => {
      latest.current = next;
      setDraft(next);
      setDirty(true);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), PAUSE_MS);
    },
    [flush],
  );

  // Leaving the page saves what was typed since the last pause.
  useEffect(() => () => void flush(), [flush]);

  function resolve(keep: 'mine' | 'saved') {
    if (conflict === null) return;
    version.current = conflict.version;
    conflicted.current = false;
    if (keep === 'saved') {
      const theirs = draftOf(conflict);
      latest.current = theirs;
      saved.current = theirs;
      setDraft(theirs);
      setDirty(false);
      client.setQueryData(noteKeys.note(note.id), conflict);
    }
    setConflict(null);
    if (keep === 'mine') void flush();
  }

  return { draft, update, flush, saving, dirty, savedAt, conflict, resolve, error, version };
}
