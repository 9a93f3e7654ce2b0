import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { formatDate } from '../patients/patient-format';
import { NoteBadges } from './note-badges';
import { useMyNotes, type GroupNoteAwaitingCosign, type NoteSummary } from './notes-api';

function NotesTable({ id, title, empty, notes }: { id: string; title: string; empty: string; notes: NoteSummary[] }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {notes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Service date</Table.Th>
              <Table.Th scope="col">Patient</Table.Th>
              <Table.Th scope="col">Note</Table.Th>
              <Table.Th scope="col">Author</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {notes.map((note) => (
              <Table.Tr key={note.id}>
                <Table.Td>{formatDate(note.serviceDate)}</Table.Td>
                <Table.Td>{note.patientName}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/notes/${note.id}`}>
                    {note.typeLabel}
                  </Anchor>
                </Table.Td>
                <Table.Td>{note.author.name}</Table.Td>
                <Table.Td>
                  <NoteBadges note={note} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** Group notes awaiting co-signature: one row per group, opened on the group note page to co-sign. */
function GroupNotesTable({ id, title, notes }: { id: string; title: string; notes: GroupNoteAwaitingCosign[] }) {
  if (notes.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Service date</Table.Th>
            <Table.Th scope="col">Group note</Table.Th>
            <Table.Th scope="col">Attendee notes</Table.Th>
            <Table.Th scope="col">Signed by</Table.Th>
            <Table.Th scope="col">Co-signer</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {notes.map((note) => (
            <Table.Tr key={note.groupNoteId}>
              <Table.Td>{formatDate(note.serviceDate)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/sessions/${note.sessionId}/group-note`}>
                  {note.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{note.attendees}</Table.Td>
              <Table.Td>{note.signedBy.name}</Table.Td>
              <Table.Td>{note.cosigner.name}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** /notes: my drafts, my notes awaiting a supervisor, and notes awaiting my co-signature. */
export function MyNotesPage() {
  const mine = useMyNotes();
  return (
    <Page title="My notes">
      {mine.isPending && <SectionLoader label="Loading your notes" />}
      {mine.isError && <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />}
      {mine.isSuccess && (
        <Stack gap="xl">
          <NotesTable id="my-drafts" title="Drafts" empty="No drafts: every note you started is signed." notes={mine.data.drafts} />
          <NotesTable
            id="awaiting-my-cosign"
            title="Awaiting my co-signature"
            empty="No individual notes wait for your co-signature."
            notes={mine.data.awaitingMyCosign}
          />
          <GroupNotesTable
            id="group-notes-awaiting-my-cosign"
            title="Group notes to co-sign"
            notes={mine.data.groupNotesAwaitingMyCosign}
          />
          <NotesTable
            id="mine-awaiting-cosign"
            title="My notes awaiting co-signature"
            empty="None of your individual notes waits for a supervisor."
            notes={mine.data.mineAwaitingCosign}
          />
          <GroupNotesTable
            id="my-group-notes-awaiting-cosign"
            title="My group notes awaiting co-signature"
            notes={mine.data.myGroupNotesAwaitingCosign}
          />
        </Stack>
      )}
    </Page>
  );
}
