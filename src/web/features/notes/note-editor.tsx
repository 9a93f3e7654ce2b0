import { Alert, Button, Checkbox, Group, List, NumberInput, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { NOTE_TYPE_DEFINITIONS, type NoteType } from '../../../domain/notes/note-content';
import { AutosaveStatus } from '../../components/autosave-status';
import { ConflictDialog } from '../../components/conflict-dialog';
import { ErrorAlert } from '../../components/error-alert';
import { ApiError } from '../../lib/api';
import { useAutosave } from '../../lib/use-autosave';
import { NoteFieldInput, NoteFieldView } from './note-fields';
import { noteKeys, useDiscardDraft, useSaveDraftCall, useSignNote, type NoteDto } from './notes-api';
import { Dialog } from '../../components/dialog';

type Issue = { path: string; message: string };
type Draft = { content: Record<string, unknown>; objectiveIds: string[]; serviceDate: string; durationMinutes: number | null };

function draftOf(note: NoteDto): Draft {
  return {
    content: note.content,
    objectiveIds: note.addressedObjectives.map((objective) => objective.id),
    serviceDate: note.serviceDate,
    durationMinutes: note.durationMinutes,
  };
}

/** The draft, saved to the server as the user types; the saved note also refreshes the page's copy. */
function useNoteAutosave(note: NoteDto) {
  const saveDraft = useSaveDraftCall();
  const client = useQueryClient();
  const autosave = useAutosave({
    initial: draftOf(note),
    version: note.version,
    draftOf,
    save: async (draft: Draft, version) => {
      const saved = await saveDraft(note.id, version, {
        content: draft.content,
        addressedObjectiveIds: draft.objectiveIds,
        serviceDate: draft.serviceDate,
        durationMinutes: draft.durationMinutes,
      });
      client.setQueryData(noteKeys.note(note.id), saved);
      return saved;
    },
  });
  function keepSaved() {
    if (autosave.conflict !== null) client.setQueryData(noteKeys.note(note.id), autosave.conflict);
    autosave.keepSaved();
  }
  return { ...autosave, keepSaved };
}

function NoteContentView({ noteType, content }: { noteType: NoteType; content: Record<string, unknown> }) {
  return (
    <Stack gap="sm">
      {NOTE_TYPE_DEFINITIONS[noteType].fields.map((field) => (
        <NoteFieldView key={field.key} field={field} value={content[field.key]} />
      ))}
    </Stack>
  );
}

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
  const autosave = useNoteAutosave(note);
  const sign = useSignNote(note.id);
  const discard = useDiscardDraft(note);
  const navigate = useNavigate();
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const fields = NOTE_TYPE_DEFINITIONS[note.noteType].fields;
  const issues = sign.isError ? issuesOf(sign.error) : [];
  const fieldError = (key: string) => issues.find((issue) => issue.path === `content.${key}`)?.message;

  async function signNow() {
    sign.reset();
    const version = await autosave.flush();
    if (version !== null) sign.mutate(version);
  }

  return (
    <Stack gap="md">
      <AutosaveStatus saving={autosave.saving} dirty={autosave.dirty} savedAt={autosave.savedAt} />
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
        <ConflictDialog
          title="This note was saved elsewhere"
          saved={autosave.conflict}
          mine={<NoteContentView noteType={note.noteType} content={autosave.draft.content} />}
          theirs={<NoteContentView noteType={note.noteType} content={autosave.conflict.content} />}
          onKeepMine={autosave.keepMine}
          onKeepSaved={autosave.keepSaved}
        />
      )}
      {confirmDiscard && (
        <Dialog opened onClose={() => setConfirmDiscard(false)} title="Discard this draft?">
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
        </Dialog>
      )}
    </Stack>
  );
}
