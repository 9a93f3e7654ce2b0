import { Alert, Button, Card, Group, List, Modal, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/form-errors';
import { AttendeeCard } from './attendee-card';
import { ConflictDialog } from './conflict-dialog';
import {
  bodyOf,
  differences,
  draftFrom,
  emptyEntry,
  isSignIssue,
  placeIssues,
  SUMMARY_FIELDS,
  type GroupNoteDraft,
} from './group-note-draft';
import { useSaveGroupNote, useSignGroupNote, type GroupNoteDto, type GroupNoteViewDto, type SaveGroupNoteBody } from './group-notes-api';

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

const timeOfDay = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/**
 * The draft editor: the shared summary, then one card per attendee. Saved to the server as the
 * user types; a save that meets someone else's newer version opens the comparison dialog; signing
 * saves what is on screen first, and a refusal is shown at the attendee it concerns.
 */
export function GroupNoteEditor({ view, onSigned }: { view: GroupNoteViewDto; onSigned: () => void }) {
  const { roster } = view;
  const [draft, setDraft] = useState<GroupNoteDraft>(() => draftFrom(view.note, roster));
  const [version, setVersion] = useState(view.note?.version ?? 0);
  const [saved, setSaved] = useState(() => savedSnapshot(view.note, draftFrom(view.note, roster), roster));
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<GroupNoteDto | null>(null);
  const [issues, setIssues] = useState<{ byPath: Record<string, string>; general: string[] }>({ byPath: {}, general: [] });
  const [confirmSign, setConfirmSign] = useState(false);
  const save = useSaveGroupNote(view.session.id);
  const sign = useSignGroupNote(view.session.id);

  const body = bodyOf(draft, roster);
  const snapshot = snapshotOf(body);
  const dirty = snapshot !== saved;
  const attendees = roster.filter((row) => row.attendee);
  const others = roster.filter((row) => !row.attendee);

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
  const busy = save.isPending || sign.isPending;
  useEffect(() => {
    if (!dirty || conflict !== null || busy) return undefined;
    const timer = window.setTimeout(autosave, AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [snapshot, dirty, conflict, busy]);

  async function signNow() {
    setConfirmSign(false);
    setIssues({ byPath: {}, general: [] });
    const signedVersion = dirty || version === 0 ? await saveNow() : version;
    if (signedVersion === null) return;
    try {
      await sign.mutateAsync(signedVersion);
      onSigned();
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && Array.isArray(error.details)) {
        const placed = placeIssues(error.details.filter(isSignIssue));
        setIssues({ byPath: placed.byPath, general: [error.message, ...placed.general.filter((message) => message !== error.message)] });
      } else if (error instanceof ApiError && error.status === 412) {
        const details = error.details as { current?: GroupNoteDto | null } | undefined;
        if (details?.current) setConflict(details.current);
      } else setIssues({ byPath: {}, general: [errorMessage(error)] });
    }
  }

  function clearIssues(paths: readonly string[]) {
    if (!paths.some((path) => issues.byPath[path] !== undefined)) return;
    const rest = { ...issues.byPath };
    for (const path of paths) delete rest[path];
    setIssues({ ...issues, byPath: rest });
  }

  const theirs = conflict ? draftFrom(conflict, roster) : null;
  return (
    <Stack gap="lg">
      <Group gap="sm" aria-live="polite">
        {save.isPending && <Text size="sm">Saving…</Text>}
        {!save.isPending && savedAt !== null && !dirty && (
          <Text size="sm" role="status">
            Saved at {timeOfDay.format(Date.parse(savedAt))}
          </Text>
        )}
        {!save.isPending && dirty && <Text size="sm">Unsaved changes</Text>}
      </Group>
      {saveError !== null && (
        <Alert color="red" role="alert" title="Could not save the draft">
          {saveError} Your text is still here; it will be saved with your next change.
        </Alert>
      )}

      <Card withBorder component="section" aria-labelledby="group-summary-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="group-summary-heading">
            Shared part (the same in every attendee’s note)
          </Title>
          {SUMMARY_FIELDS.map((field) => {
            const props = {
              label: field.label,
              required: true,
              value: draft.summary[field.key],
              error: issues.byPath[`summary.${field.key}`],
              onChange: (event: { currentTarget: { value: string } }) => {
                const value = event.currentTarget.value;
                clearIssues([`summary.${field.key}`]);
                setDraft((previous) => ({ ...previous, summary: { ...previous.summary, [field.key]: value } }));
              },
            };
            return field.key === 'topic' || field.key === 'modality' ? (
              <TextInput key={field.key} {...props} />
            ) : (
              <Textarea key={field.key} autosize minRows={2} {...props} />
            );
          })}
        </Stack>
      </Card>

      <Title order={2} size="h3">
        Attendees ({attendees.length})
      </Title>
      {attendees.length === 0 && <Text>Nobody attended this session according to the roster: there is no one to write for.</Text>}
      {attendees.map((row) => (
        <AttendeeCard
          key={row.patientId}
          row={row}
          entry={draft.entries[row.patientId] ?? emptyEntry(row.patientId)}
          readOnly={false}
          errors={issues.byPath}
          onChange={(entry) => {
            clearIssues(['participation', 'response', 'progress', 'addressedObjectiveIds'].map((key) => `entries.${row.patientId}.${key}`));
            setDraft((previous) => ({ ...previous, entries: { ...previous.entries, [row.patientId]: entry } }));
          }}
        />
      ))}
      {others.length > 0 && (
        <Text size="sm" c="dimmed">
          Not attending (no note): {others.map((row) => row.name).join(', ')}.
        </Text>
      )}

      {issues.general.length > 0 && (
        <Alert color="red" role="alert" title="The note was not signed">
          <List size="sm">
            {issues.general.map((message) => (
              <List.Item key={message}>{message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Group justify="flex-end">
        <Button
          onClick={() => setConfirmSign(true)}
          loading={sign.isPending}
          disabled={attendees.length === 0 || conflict !== null || save.isPending}
        >
          Sign group note
        </Button>
      </Group>

      {confirmSign && (
        <Modal opened onClose={() => setConfirmSign(false)} title="Sign the group note">
          <Stack gap="md">
            <Text size="sm">
              Signing writes one signed note into each attendee’s chart ({attendees.length} in all). Signed notes cannot be changed;
              corrections are addenda.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirmSign(false)}>
                Cancel
              </Button>
              <Button onClick={() => void signNow()}>Sign and write {attendees.length} notes</Button>
            </Group>
          </Stack>
        </Modal>
      )}

      {conflict !== null && theirs !== null && (
        <ConflictDialog
          current={conflict}
          differences={differences(draft, theirs, roster)}
          onKeepMine={() => {
            // Save mine over their version: autosave resumes from the version now current.
            setVersion(conflict.version);
            setSaved(savedSnapshot(conflict, theirs, roster));
            setConflict(null);
          }}
          onUseSaved={() => {
            setDraft(theirs);
            setVersion(conflict.version);
            setSaved(savedSnapshot(conflict, theirs, roster));
            setSavedAt(conflict.updatedAt);
            setConflict(null);
          }}
        />
      )}
    </Stack>
  );
}
