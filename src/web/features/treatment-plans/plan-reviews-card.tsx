import { Anchor, Badge, Card, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { usePlanReviews, type ReviewDueDto } from './treatment-plans-api';

const KIND: Record<ReviewDueDto['kind'], { label: string; color: string }> = {
  overdue: { label: 'Review overdue', color: 'red' },
  missing: { label: 'No signed plan', color: 'orange' },
  due: { label: 'Review due', color: 'yellow' },
};

/** Dashboard: open episodes whose treatment plan review is overdue or due within 7 days, or that have no signed plan. */
export function PlanReviewsCard() {
  const reviews = usePlanReviews();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="plan-reviews-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="plan-reviews-heading">
          Plan reviews
        </Title>
        {reviews.isPending && <SectionLoader label="Loading plan reviews" />}
        {reviews.isError && <ErrorAlert error={reviews.error} onRetry={() => void reviews.refetch()} />}
        {reviews.isSuccess && reviews.data.length === 0 && (
          <Text size="sm" c="dimmed">
            Every open episode has a signed plan that is not yet due for review.
          </Text>
        )}
        {reviews.isSuccess && reviews.data.length > 0 && (
          <Table striped withTableBorder>
            <Table.Caption>Treatment plans to write or review</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Patient</Table.Th>
                <Table.Th>Program</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Review due</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reviews.data.map((item) => (
                <Table.Tr key={item.episodeId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/patients/${encodeURIComponent(item.patientId)}#treatment-plans`}>
                      {item.patientName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{item.programName}</Table.Td>
                  <Table.Td>
                    <Badge color={KIND[item.kind].color} variant="light">
                      {KIND[item.kind].label}
                    </Badge>
                    {item.hasDraft && (
                      <Text span size="xs" c="dimmed" ml="xs">
                        draft in progress
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{item.reviewDueOn ?? `admitted ${item.admittedOn}`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
