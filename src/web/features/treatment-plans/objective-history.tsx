import { Stack, Table, Text, Title } from '@mantine/core';
import { NOTE_TYPE_DEFINITIONS } from '../../../domain/notes/note-content';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { formatDate } from '../patients/patient-format';
import { OBJECTIVE_STATUS_LABEL } from './plan-format';
import { useObjectiveHistory } from './treatment-plans-api';

/** For the plan review: each objective with the signed notes that said they addressed it, and when. */
export function ObjectiveHistory({ planId }: { planId: string }) {
  const history = useObjectiveHistory(planId);
  return (
    <Stack gap="sm" component="section" aria-labelledby="objective-history-heading">
      <Title order={2} size="h5" id="objective-history-heading">
        Objectives addressed
      </Title>
      {history.isPending && <SectionLoader label="Loading the objective history" />}
      {history.isError && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
      {history.isSuccess && (
        <Table striped withTableBorder>
          <Table.Caption>Signed notes that addressed each objective</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Objective</Table.Th>
              <Table.Th>Target date</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Addressed in</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data.objectives.map((objective) => (
              <Table.Tr key={objective.id}>
                <Table.Td>{objective.statement || '(not written)'}</Table.Td>
                <Table.Td>{objective.targetDate}</Table.Td>
                <Table.Td>{OBJECTIVE_STATUS_LABEL[objective.status as keyof typeof OBJECTIVE_STATUS_LABEL] ?? objective.status}</Table.Td>
                <Table.Td>
                  {objective.notes.length === 0
                    ? 'Not yet addressed in a signed note'
                    : objective.notes
                        .map(
                          (note) => `${formatDate(note.serviceDate)} (${NOTE_TYPE_DEFINITIONS[note.noteType].label}, ${note.author.name})`,
                        )
                        .join('; ')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {history.isSuccess && history.data.withheldNotes > 0 && (
        <Text size="sm" c="dimmed">
          {history.data.withheldNotes} SUD counseling note(s) also cited these objectives; they are readable only by their author and staff
          with counseling-note access.
        </Text>
      )}
    </Stack>
  );
}
