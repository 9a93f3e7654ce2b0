import { Alert, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { AutosaveStatus } from '../../components/autosave-status';
import { ConflictDialog } from '../../components/conflict-dialog';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/form-errors';
import { conflictOf, useAutosave } from '../../lib/use-autosave';
import { AttendeeCard } from './attendee-card';
import { bodyOf, differences, draftFrom, emptyEntry, isSignIssue, placeIssues, type GroupNoteDraft } from './group-note-draft';
import { DifferenceList, SignConfirmModal, SummaryCard } from './group-note-parts';
import { useSaveGroupNote, useSignGroupNote, type GroupNoteDto, type GroupNoteViewDto } from './group-notes-api';

/**
 * The draft editor: the shared summary, then one card per attendee. Saved to the server as the
 * user types; a save that meets someone else's newer version opens the comparison dialog; signing
 * saves what is on screen first, and a refusal is shown at the attendee it concerns.
 */
export function GroupNoteEditor({ view, onSigned }: { view: GroupNoteViewDto; onSigned: () => void }) {
  const { roster } = view;
  const sign = useSignGroupNote(view.session.id);
  const { mutateAsync: saveNote } = useSaveGroupNote(view.session.id);
  const autosave = useAutosave({
    initial: draftFrom(view.note, roster),
    version: view.note?.version ?? 0,
    draftOf: (note: GroupNoteDto) => draftFrom(note, roster),
    save: async (sent: GroupNoteDraft, version) => (await saveNote({ ...bodyOf(sent, roster), version })).note,
    paused: sign.isPending,
  });
  const { draft, update, conflict } = autosave;
  const [issues, setIssues] = useState<{ byPath: Record<string, string>; general: string[] }>({ byPath: {}, general: [] });
  const [confirmSign, setConfirmSign] = useState(false);
  const attendees = roster.filter((row) => row.attendee);
  const others = roster.filter((row) => !row.attendee);

  async function signNow() {
    setConfirmSign(false);
    setIssues({ byPath: {}, general: [] });
    // A note nobody has typed in yet is saved first, so there is a version to sign.
    const signedVersion = await autosave.flush(autosave.version === 0);
    if (signedVersion === null) return;
    try {
      await sign.mutateAsync(signedVersion);
      onSigned();
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && Array.isArray(error.details)) {
        const placed = placeIssues(error.details.filter(isSignIssue));
        setIssues({ byPath: placed.byPath, general: [error.message, ...placed.general.filter((message) => message !== error.message)] });
      } else {
        const current = conflictOf<GroupNoteDto>(error);
        if (current !== null) autosave.meetConflict(current);
        else setIssues({ byPath: {}, general: [errorMessage(error)] });
      }
    }
  }

  function clearIssues(paths: readonly string[]) {
    if (!paths.some((path) => issues.byPath[path] !== undefined)) return;
    const rest = { ...issues.byPath };
    for (const path of paths) delete rest[path];
    setIssues({ ...issues, byPath: rest });
  }

  const theirs = conflict ? draftFrom(conflict, roster) : null;
  const changed = theirs === null ? [] : differences(draft, theirs, roster);
  return (
    <Stack gap="lg">
      <AutosaveStatus saving={autosave.saving} dirty={autosave.dirty} savedAt={autosave.savedAt} />
      {autosave.error !== null && (
        <Alert color="red" role="alert" title="Could not save the draft">
          {errorMessage(autosave.error)} Your text is still here; it will be saved with your next change.
        </Alert>
      )}

      <SummaryCard
        summary={draft.summary}
        errors={issues.byPath}
        onChange={(key, value) => {
          clearIssues([`summary.${key}`]);
          update((previous) => ({ ...previous, summary: { ...previous.summary, [key]: value } }));
        }}
      />

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
            update((previous) => ({ ...previous, entries: { ...previous.entries, [row.patientId]: entry } }));
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
          disabled={attendees.length === 0 || conflict !== null || autosave.saving}
        >
          Sign group note
        </Button>
      </Group>

      {confirmSign && (
        <SignConfirmModal attendees={attendees.length} onCancel={() => setConfirmSign(false)} onSign={() => void signNow()} />
      )}

      {conflict !== null && theirs !== null && (
        <ConflictDialog
          title="Someone else saved this group note"
          saved={conflict}
          mine={<DifferenceList differences={changed} side="mine" />}
          theirs={<DifferenceList differences={changed} side="theirs" />}
          onKeepMine={autosave.keepMine}
          onKeepSaved={autosave.keepSaved}
        >
          {changed.length === 0 && <Text size="sm">The saved version has the same text as yours.</Text>}
        </ConflictDialog>
      )}
    </Stack>
  );
}
