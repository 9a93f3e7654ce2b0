import { Anchor, Group, NumberInput, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { formatDateTime } from '../../lib/format';
import { formatDate } from '../patients/patient-format';
import { useTimeliness } from './notes-api';

/** /late-notes: notes still not fully signed past the limit, per clinician (directors see everyone). */
export function LateNotesPage() {
  const [limit, setLimit] = useState<number | string>('');
  const report = useTimeliness(typeof limit === 'number' ? limit : undefined);
  return (
    <Page title="Late notes">
      <Group align="flex-end">
        <NumberInput
          label="Signing limit (hours)"
          description="Leave empty for the organization’s limit"
          min={1}
          max={720}
          value={limit}
          onChange={setLimit}
          w={260}
        />
      </Group>
      {report.isPending && <SectionLoader label="Loading the report" />}
      {report.isError && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {report.isSuccess && (
        <>
          <Text size="sm" c="dimmed">
            Notes not fully signed {report.data.limitHours} hours after the end of their service day, as of{' '}
            {formatDateTime(report.data.asOf)}.
          </Text>
          {report.data.rows.length === 0 ? (
            <Text>No late notes.</Text>
          ) : (
            <Table striped captionSide="top">
              <Table.Caption>Late notes per clinician</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Clinician</Table.Th>
                  <Table.Th scope="col">Late notes</Table.Th>
                  <Table.Th scope="col">Oldest</Table.Th>
                  <Table.Th scope="col">Due</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.data.rows.map((row) => (
                  <Table.Tr key={row.author.id}>
                    <Table.Td>{row.author.name}</Table.Td>
                    <Table.Td>{row.lateCount}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/notes/${row.oldest.noteId}`}>
                        Service date {formatDate(row.oldest.serviceDate)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDateTime(row.oldest.dueAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Page>
  );
}
