import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { LOC_LEVEL_LABELS } from '../../../domain/level-of-care/pack';
import { formatDateTime } from '../../lib/format';
import type { AssessmentDto } from './level-of-care-api';
import { ReasonLines } from './reason-lines';

/** A stored assessment as the server holds it: levels, reasons, override, and every rating. */
export function AssessmentResult({ assessment, headingLevel = 2 }: { assessment: AssessmentDto; headingLevel?: 2 | 3 }) {
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`assessment-${assessment.id}`}>
      <Stack gap="sm">
        <Title order={headingLevel} size="h4" id={`assessment-${assessment.id}`}>
          Assessment of {formatDateTime(assessment.assessedAt)} by {assessment.assessedBy.name}
        </Title>
        <Group gap="xs">
          <Text size="sm">Recommended: {LOC_LEVEL_LABELS[assessment.recommendedLevel]}</Text>
          <Text size="sm">→</Text>
          <Text size="sm" fw={600}>
            Chosen: {LOC_LEVEL_LABELS[assessment.finalLevel]}
          </Text>
          {assessment.overridden && (
            <Badge color="orange" variant="light" tt="none">
              Override
            </Badge>
          )}
        </Group>
        {assessment.overrideReason !== null && <Text size="sm">Reason for another level: {assessment.overrideReason}</Text>}
        <ReasonLines reasons={assessment.reasons} />
        <Table striped withTableBorder>
          <Table.Caption>
            Ratings ({assessment.pack.name ?? assessment.pack.id}, version {assessment.pack.version})
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Dimension</Table.Th>
              <Table.Th scope="col">Rating</Table.Th>
              <Table.Th scope="col">Points to</Table.Th>
              <Table.Th scope="col">Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assessment.ratings.map((rating) => (
              <Table.Tr key={rating.dimensionId}>
                <Table.Th scope="row">{rating.title}</Table.Th>
                <Table.Td>
                  {rating.rating} · {rating.label}
                </Table.Td>
                <Table.Td>{rating.level === null ? '—' : LOC_LEVEL_LABELS[rating.level]}</Table.Td>
                <Table.Td>{rating.note ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {assessment.note !== null && <Text size="sm">Note: {assessment.note}</Text>}
      </Stack>
    </Paper>
  );
}
