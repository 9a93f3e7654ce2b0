import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError } from './api';

// Server autosave of a draft (decision 0025: no work is lost to the idle lock). Each change waits
// a short pause, then saves with the version last read; saves never overlap. A 412 stops saving and
// holds the server's current record as `conflict` until the user keeps theirs or the saved one:
// nothing is overwritten silently.

const PAUSE_MS = 800;

/** What the server keeps of a draft: enough to save over it and say when it was saved. */
export type Versioned = { version: number; updatedAt: string };

export type AutosaveOptions<D, R extends Versioned> = {
  initial: D;
  /** The version the initial draft was read at (0 when the server holds nothing yet). */
  version: number;
  /** Saves the draft over `version`; resolves to the record now saved. */
  save: (draft: D, version: number) => Promise<R>;
  /** The draft a saved record shows, for "keep the saved version". */
  draftOf: (record: R) => D;
  /** While true, a pending save waits (for example while the draft is being signed). */
  paused?: boolean;
};

/** The server's current record that a 412 carries in its details, when there is one. */
export function conflictOf<R extends Versioned>(error: unknown): R | null {
  if (!(error instanceof ApiError) || error.status !== 412) return null;
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('current' in details)) return null;
  return (details.current as R | null) ?? null;
}

export function useAutosave<D, R extends Versioned>(options: AutosaveOptions<D, R>) {
  const [draft, setDraft] = useState(options.initial);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [conflict, setConflict] = useState<R | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(options.version);
  const latest = useRef(options.initial);
  const saved = useRef(options.initial);
  const versionRef = useRef(options.version);
  const conflicted = useRef(false);
  const queue = useRef<Promise<number | null>>(Promise.resolve(options.version));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const current = useRef(options);
  useLayoutEffect(() => {
    current.current = options;
  });

  const adopt = useCallback((record: R) => {
    versionRef.current = record.version;
    setVersion(record.version);
    setSavedAt(record.updatedAt);
  }, []);

  /** Saves what is unsaved (or the draft as it is, with `always`); resolves to the version saved, or null. */
  const flush = useCallback(
    (always = false): Promise<number | null> => {
      clearTimeout(timer.current);
      queue.current = queue.current.then(async () => {
        while (!conflicted.current && (always || latest.current !== saved.current)) {
          always = false;
          const sending = latest.current;
          setSaving(true);
          try {
            adopt(await current.current.save(sending, versionRef.current));
            saved.current = sending;
            setError(null);
            if (latest.current === sending) setDirty(false);
          } catch (caught) {
            const theirs = conflictOf<R>(caught);
            if (theirs === null) setError(caught);
            else {
              conflicted.current = true;
              setConflict(theirs);
            }
            return null;
          } finally {
            setSaving(false);
          }
        }
        return conflicted.current ? null : versionRef.current;
      });
      return queue.current;
    },
    [adopt],
  );

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!current.current.paused) void flush();
    }, PAUSE_MS);
  }, [flush]);

  /** Replaces the draft (or derives it from the latest one) and saves after a pause. */
  const update = useCallback(
    (next: D | ((previous: D) => D)) => {
      latest.current = typeof next === 'function' ? (next as (previous: D) => D)(latest.current) : next;
      setDraft(latest.current);
      setDirty(true);
      schedule();
    },
    [schedule],
  );

  // A save that waited for the pause to end goes now.
  const paused = options.paused ?? false;
  useEffect(() => {
    if (!paused && latest.current !== saved.current) schedule();
  }, [paused, schedule]);

  // Leaving the page saves what was typed since the last pause.
  useEffect(() => () => void flush(), [flush]);

  /** A 412 met outside autosave (for example on signing) opens the same choice. */
  function meetConflict(theirs: R) {
    conflicted.current = true;
    setConflict(theirs);
  }

  /** Save mine over the version now current. */
  function keepMine() {
    if (conflict === null) return;
    versionRef.current = conflict.version;
    setVersion(conflict.version);
    conflicted.current = false;
    setConflict(null);
    void flush(true);
  }

  /** Replace the screen with the saved version. */
  function keepSaved() {
    if (conflict === null) return;
    const theirs = current.current.draftOf(conflict);
    latest.current = theirs;
    saved.current = theirs;
    adopt(conflict);
    setDraft(theirs);
    setDirty(false);
    conflicted.current = false;
    setConflict(null);
  }

  return { draft, update, flush, version, saving, dirty, savedAt, error, conflict, meetConflict, keepMine, keepSaved };
}
