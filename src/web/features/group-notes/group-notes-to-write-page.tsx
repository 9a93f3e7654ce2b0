import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { formatDateTime } from '../../lib/format';
import { useGroupNotesToWrite } from './group-notes-api';

const sessionTime = (startsAt: string, timeZone: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(Date.parse(startsAt));

/** `/group-notes`: past groups I facilitated (a director: every group) with attendees and no signed note. */
export function GroupNotesToWritePage() {
  const query = useGroupNotesToWrite();
  return (
    <Page title="Group notes to write">
      {query.isPending && <SectionLoader label="Loading group notes to write" />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && query.data.sessions.length === 0 && <Text>Every group with attendees has a signed note.</Text>}
      {query.isSuccess && query.data.sessions.length > 0 && (
        <Table striped>
          <Table.Caption>Past group sessions with attendees and no signed note, newest first</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Group</Table.Th>
              <Table.Th scope="col">When</Table.Th>
              <Table.Th scope="col">Site</Table.Th>
              <Table.Th scope="col">Attendees</Table.Th>
              <Table.Th scope="col">Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.sessions.map((session) => (
              <Table.Tr key={session.sessionId}>
                <Table.Td>
                  <Anchor component={Link} to={`/sessions/${session.sessionId}/group-note`}>
                    {session.title}, {session.localDate}
                  </Anchor>
                </Table.Td>
                <Table.Td>{sessionTime(session.startsAt, session.timeZone)}</Table.Td>
                <Table.Td>{session.siteName}</Table.Td>
                <Table.Td>{session.attendees}</Table.Td>
                <Table.Td>
                  {session.draft === null ? (
                    <Badge color="orange">Not started</Badge>
                  ) : (
                    <Badge color="blue" variant="light">
                      Draft saved {formatDateTime(session.draft.updatedAt)}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Page>
  );
}
