import { Anchor, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { NOTE_TYPE_DEFINITIONS, type NoteType } from '../../../domain/notes/note-content';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { formErrorsFrom } from '../../lib/form-errors';
import { FormButtons, GeneralError } from '../patients/episode-dialogs';
import { formatDate, localToday } from '../patients/patient-format';
import { NoteBadges } from './note-badges';
import { useCreateNote, usePatientNotes } from './notes-api';
import { Dialog } from '../../components/dialog';

function NewNoteModal({ patientId, types, onClose }: { patientId: string; types: NoteType[]; onClose: () => void }) {
  const create = useCreateNote(patientId);
  const navigate = useNavigate();
  const [noteType, setNoteType] = useState<NoteType | null>(types[0] ?? null);
  const [serviceDate, setServiceDate] = useState(localToday());
  const [duration, setDuration] = useState<number | string>('');

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (noteType === null) return;
    create.mutate(
      { noteType, serviceDate, durationMinutes: typeof duration === 'number' ? duration : null },
      { onSuccess: (note) => void navigate(`/notes/${note.id}`) },
    );
  }

  const errors = create.isError ? formErrorsFrom(create.error, ['noteType', 'serviceDate', 'durationMinutes']) : null;
  return (
    <Dialog opened onClose={onClose} title="New note">
      <form onSubmit={submit} noValidate aria-label="New note">
        <Stack gap="md">
          <Select
            label="Note type"
            data={types.map((type) => ({ value: type, label: NOTE_TYPE_DEFINITIONS[type].label }))}
            value={noteType}
            onChange={(value) => setNoteType(value)}
            allowDeselect={false}
            error={errors?.fields.noteType}
          />
          <TextInput
            type="date"
            label="Service date"
            value={serviceDate}
            onChange={(event) => setServiceDate(event.currentTarget.value)}
            error={errors?.fields.serviceDate}
          />
          <NumberInput
            label="Duration (minutes)"
            min={1}
            max={720}
            value={duration}
            onChange={setDuration}
            error={errors?.fields.durationMinutes}
          />
          <GeneralError message={errors?.general} />
          <FormButtons submitLabel="Start note" pending={create.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}

/** The chart's notes: every note the reader may read, newest first, and "New note" with the types they may write. */
export function PatientNotesSection({ patientId }: { patientId: string }) {
  const notes = usePatientNotes(patientId);
  const [creating, setCreating] = useState(false);
  const writable = notes.data?.writableTypes ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="notes-heading" id="notes">
      <Group justify="space-between">
        <Title order={2} size="h4" id="notes-heading">
          Notes
        </Title>
        {writable.length > 0 && <Button onClick={() => setCreating(true)}>New note</Button>}
      </Group>
      {notes.isPending && <SectionLoader label="Loading notes" />}
      {notes.isError && <ErrorAlert error={notes.error} onRetry={() => void notes.refetch()} />}
      {notes.isSuccess && notes.data.notes.length === 0 && (
        <Text size="sm" c="dimmed">
          No notes yet.
        </Text>
      )}
      {notes.isSuccess && notes.data.notes.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped captionSide="top">
            <Table.Caption>Clinical notes</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Service date</Table.Th>
                <Table.Th scope="col">Type</Table.Th>
                <Table.Th scope="col">Author</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Addenda</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {notes.data.notes.map((note) => (
                <Table.Tr key={note.id}>
                  <Table.Td>{formatDate(note.serviceDate)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/notes/${note.id}`}>
                      {note.typeLabel}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{note.author.name}</Table.Td>
                  <Table.Td>
                    <NoteBadges note={note} />
                  </Table.Td>
                  <Table.Td>{note.addendaCount}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {notes.isSuccess && notes.data.withheldCount > 0 && (
        <Text size="sm" c="dimmed">
          {notes.data.withheldCount === 1 ? '1 SUD counseling note is' : `${notes.data.withheldCount} SUD counseling notes are`} not shown:
          they are read only by their author and staff given access (42 CFR Part 2).
        </Text>
      )}
      {creating && <NewNoteModal patientId={patientId} types={writable} onClose={() => setCreating(false)} />}
    </Stack>
  );
}
