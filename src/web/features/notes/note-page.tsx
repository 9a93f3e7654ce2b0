import { Anchor, Button, Group, List, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { Link, useParams } from 'react-router';
import { NOTE_TYPE_DEFINITIONS } from '../../../domain/notes/note-content';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { ACCESS, canAccess } from '../../lib/roles';
import { NotePrintButton, SendRecordButton } from '../disclosures/print-buttons';
import { NotFound } from '../../components/status-pages';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { formErrorsFrom } from '../../lib/form-errors';
import { useActiveSession } from '../auth/session-provider';
import { formatDate } from '../patients/patient-format';
import { NoteBadges } from './note-badges';
import { NoteEditor } from './note-editor';
import { NoteFieldView } from './note-fields';
import { ADDENDUM_KIND_LABELS } from './note-format';
import { ChangeCosignerButton } from './change-cosigner';
import { useAddAddendum, useCosignNote, useNote, type AddendumKind, type NoteDto } from './notes-api';

function SignedNote({ note }: { note: NoteDto }) {
  return (
    <Paper withBorder p="md" component="article" aria-label="Original note">
      <Stack gap="md">
        {NOTE_TYPE_DEFINITIONS[note.noteType].fields.map((field) => (
          <NoteFieldView key={field.key} field={field} value={note.content[field.key]} />
        ))}
        <div>
          <Title order={3} size="h6">
            Addressed in session
          </Title>
          {note.addressedObjectives.length === 0 ? (
            <Text size="sm" c="dimmed">
              No plan objectives cited.
            </Text>
          ) : (
            <List size="sm">
              {note.addressedObjectives.map((objective) => (
                <List.Item key={objective.id}>{objective.statement ?? 'An objective no longer in the plan'}</List.Item>
              ))}
            </List>
          )}
        </div>
        <Text size="sm" c="dimmed">
          Signed by {note.signedBy?.name ?? '—'}, {formatDateTime(note.signedAt)}
          {note.cosigner !== null &&
            (note.cosignedBy !== null
              ? `; co-signed by ${note.cosignedBy.name}, ${formatDateTime(note.cosignedAt)}`
              : `; awaiting co-signature by ${note.cosigner.name}`)}
        </Text>
      </Stack>
    </Paper>
  );
}

function AddendumForm({ noteId }: { noteId: string }) {
  const add = useAddAddendum(noteId);
  const [kind, setKind] = useState<AddendumKind>('correction');
  const [body, setBody] = useState('');

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    add.mutate({ kind, body }, { onSuccess: () => setBody('') });
  }

  const errors = add.isError ? formErrorsFrom(add.error, ['kind', 'body']) : null;
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-label="Add addendum">
        <Stack gap="sm">
          <Title order={3} size="h6">
            Add addendum
          </Title>
          <Select
            label="Kind"
            data={(Object.keys(ADDENDUM_KIND_LABELS) as AddendumKind[]).map((value) => ({ value, label: ADDENDUM_KIND_LABELS[value] }))}
            value={kind}
            allowDeselect={false}
            onChange={(value) => setKind(value ?? 'correction')}
            error={errors?.fields.kind}
          />
          <Textarea
            label="Addendum"
            autosize
            minRows={3}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={errors?.fields.body}
          />
          {errors !== null && errors.general !== null && <ErrorAlert error={add.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending}>
              Add addendum
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function Addenda({ note }: { note: NoteDto }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby="addenda-heading">
      <Title order={2} size="h4" id="addenda-heading">
        Addenda
      </Title>
      {note.addenda.length === 0 && (
        <Text size="sm" c="dimmed">
          No addenda. Corrections, late entries and clarifications are added here; the signed note never changes.
        </Text>
      )}
      {note.addenda.map((addendum) => (
        <Paper
          key={addendum.id}
          withBorder
          p="md"
          component="article"
          aria-label={`${ADDENDUM_KIND_LABELS[addendum.kind]} by ${addendum.author.name}`}
        >
          <Text size="sm" fw={600}>
            {ADDENDUM_KIND_LABELS[addendum.kind]} — {addendum.author.name}, {formatDateTime(addendum.signedAt)}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{addendum.body}</Text>
        </Paper>
      ))}
      <AddendumForm noteId={note.id} />
    </Stack>
  );
}

/** /notes/:noteId: the author's draft editor, or the signed note with its addenda. */
export function NotePage() {
  const { noteId = '' } = useParams();
  const session = useActiveSession();
  const note = useNote(noteId);
  const cosign = useCosignNote(noteId);

  if (note.isError && note.error instanceof ApiError && note.error.status === 404) return <NotFound />;
  if (note.isPending) return <SectionLoader label="Loading the note" />;
  if (note.isError) return <ErrorAlert error={note.error} onRetry={() => void note.refetch()} />;

  const data = note.data;
  const me = session.user.id;
  const editable = data.status === 'draft' && data.author.id === me && data.noteType !== 'group';
  return (
    <Page title={data.typeLabel}>
      <Group gap="md" wrap="wrap">
        <Anchor component={Link} to={`/patients/${data.patientId}#notes`}>
          {data.patientName}
        </Anchor>
        <Text size="sm">Service date {formatDate(data.serviceDate)}</Text>
        {data.durationMinutes !== null && <Text size="sm">{data.durationMinutes} minutes</Text>}
        <Text size="sm">Author {data.author.name}</Text>
        <NoteBadges note={data} />
        <NotePrintButton noteId={data.id} />
        {data.status !== 'draft' && canAccess(session.user.roles, ACCESS.disclose) && (
          <SendRecordButton patientId={data.patientId} patientName={data.patientName} what={{ kind: 'note', noteId: data.id }} />
        )}
      </Group>
      {editable && <NoteEditor key={data.id} note={data} />}
      {data.status === 'draft' && !editable && (
        <Text size="sm" c="dimmed">
          This draft is being written by {data.author.name}; it becomes part of the chart when signed.
        </Text>
      )}
      {data.status !== 'draft' && <SignedNote note={data} />}
      {data.status === 'awaiting_cosign' && data.groupNoteId === null && data.cosigner !== null && (
        <Group gap="sm">
          <Text size="sm">Awaiting co-signature by {data.cosigner.name}</Text>
          <ChangeCosignerButton target={{ kind: 'note', noteId: data.id }} current={data.cosigner} signerId={data.signedBy?.id ?? null} />
        </Group>
      )}
      {data.status === 'awaiting_cosign' && data.cosigner?.id === me && data.groupNoteId !== null && data.sessionId !== null && (
        <Text size="sm">
          An attendee’s note is co-signed with its group note:{' '}
          <Anchor component={Link} to={`/sessions/${data.sessionId}/group-note`}>
            open the group note to co-sign
          </Anchor>
          .
        </Text>
      )}
      {data.status === 'awaiting_cosign' && data.cosigner?.id === me && data.groupNoteId === null && (
        <Group>
          <Button onClick={() => cosign.mutate()} loading={cosign.isPending}>
            Co-sign
          </Button>
          {cosign.isError && <ErrorAlert error={cosign.error} />}
        </Group>
      )}
      {data.status !== 'draft' && <Addenda note={data} />}
    </Page>
  );
}
