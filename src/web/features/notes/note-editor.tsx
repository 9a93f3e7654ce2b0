import { Alert, Button, Checkbox, Group, List, Modal, NumberInput, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { NOTE_TYPE_DEFINITIONS } from '../../../domain/notes/note-content';
import { ErrorAlert } from '../../components/error-alert';
import { ApiError } from '../../lib/api';
import { ConflictDialog } from './conflict-dialog';
import { NoteFieldInput } from './note-fields';
import { savedAtText } from './note-format';
import { useDiscardDraft, useSignNote, type NoteDto } from './notes-api';
import { useDraftAutosave } from './use-draft-autosave';

type Issue = { path: string; message: string };

function issuesOf(error: unknown): Issue[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.filter((d): d is Issue => typeof d === 'object' && d !== null && 'path' in d && 'message' in d);
}

function ObjectivePicker({ note, selected, onChange }: { note: NoteDto; selected: string[]; onChange: (ids: string[]) => void }) {
  // Objectives cited from an earlier plan version stay listed so they can be unticked.
  const extra = note.addressedObjectives.filter((cited) => !note.objectiveChoices.some((choice) => choice.id === cited.id));
  if (note.objectiveChoices.length === 0 && extra.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Addressed in session: this episode has no treatment plan objectives yet.
      </Text>
    );
  return (
    <Checkbox.Group
      label="Addressed in session"
      description="The treatment plan objectives this session worked on"
      value={selected}
      onChange={onChange}
    >
      <Stack gap={6} mt={6}>
        {note.objectiveChoices.map((objective) => (
          <Checkbox key={objective.id} value={objective.id} label={objective.statement} description={objective.goal} />
        ))}
        {extra.map((objective) => (
          <Checkbox key={objective.id} value={objective.id} label={objective.statement ?? 'An objective no longer in the plan'} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/** The author's draft: the type's fields, saved to the server as they type, then signed. */
export function NoteEditor({ note }: { note: NoteDto }) {
  const autosave = useDraftAutosave(note);
  const sign = useSignNote(note.id);
  const discard = useDiscardDraft(note);
  const navigate = useNavigate();
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const fields = NOTE_TYPE_DEFINITIONS[note.noteType].fields;
  const issues = sign.isError ? issuesOf(sign.error) : [];
  const fieldError = (key: string) => issues.find((issue) => issue.path === `content.${key}`)?.message;

  async function signNow() {
    sign.reset();
    if (!(await autosave.flush())) return;
    sign.mutate(autosave.version.current);
  }

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" role="status" aria-live="polite">
          {savedAtText(autosave.savedAt, autosave.saving, autosave.dirty)}
        </Text>
      </Group>
      {autosave.error !== null && <ErrorAlert error={autosave.error} title="The draft could not be saved" />}
      <Paper withBorder p="md">
        <Stack gap="md">
          <Group gap="md" align="flex-start">
            <TextInput
              type="date"
              label="Service date"
              value={autosave.draft.serviceDate}
              error={issues.find((issue) => issue.path === 'serviceDate')?.message}
              onChange={(event) => {
                const serviceDate = event.currentTarget.value;
                if (serviceDate !== '') autosave.update({ ...autosave.draft, serviceDate });
              }}
            />
            <NumberInput
              label="Duration (minutes)"
              min={1}
              max={720}
              value={autosave.draft.durationMinutes ?? ''}
              onChange={(value) => autosave.update({ ...autosave.draft, durationMinutes: typeof value === 'number' ? value : null })}
            />
          </Group>
          {fields.map((field) => (
            <NoteFieldInput
              key={field.key}
              field={field}
              value={autosave.draft.content[field.key]}
              error={fieldError(field.key)}
              onChange={(value) => autosave.update({ ...autosave.draft, content: { ...autosave.draft.content, [field.key]: value } })}
            />
          ))}
          <ObjectivePicker
            note={note}
            selected={autosave.draft.objectiveIds}
            onChange={(objectiveIds) => autosave.update({ ...autosave.draft, objectiveIds })}
          />
        </Stack>
      </Paper>
      {issues.length > 0 && (
        <Alert color="red" title="The note cannot be signed yet" role="alert">
          <List size="sm">
            {issues.map((issue) => (
              <List.Item key={issue.path}>{issue.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {sign.isError && issues.length === 0 && <ErrorAlert error={sign.error} title="The note was not signed" />}
      <Group justify="space-between">
        <Button variant="subtle" color="red" onClick={() => setConfirmDiscard(true)}>
          Discard draft
        </Button>
        <Button onClick={() => void signNow()} loading={sign.isPending}>
          Sign note
        </Button>
      </Group>
      {autosave.conflict !== null && (
        <ConflictDialog noteType={note.noteType} mine={autosave.draft.content} saved={autosave.conflict} onKeep={autosave.resolve} />
      )}
      {confirmDiscard && (
        <Modal opened onClose={() => setConfirmDiscard(false)} title="Discard this draft?">
          <Stack gap="md">
            <Text size="sm">The draft is deleted. A signed note can never be deleted; this draft is not signed.</Text>
            {discard.isError && <ErrorAlert error={discard.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirmDiscard(false)}>
                Keep the draft
              </Button>
              <Button
                color="red"
                loading={discard.isPending}
                onClick={() => discard.mutate(undefined, { onSuccess: () => void navigate(`/patients/${note.patientId}#notes`) })}
              >
                Discard
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
