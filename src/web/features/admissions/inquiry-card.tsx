import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { URGENT_LABEL, clockText } from './admissions-format';
import type { InquirySummaryDto } from './admissions-types';

/** Urgent and overdue cards carry a coloured edge (not the only cue: each also says so in words). */
function edgeColor(inquiry: InquirySummaryDto): string | undefined {
  if (inquiry.urgent) return 'var(--mantine-color-red-9)';
  if (inquiry.clock.overdue) return 'var(--mantine-color-orange-7)';
  return undefined;
}

export function InquiryCard({ inquiry }: { inquiry: InquirySummaryDto }) {
  const edge = edgeColor(inquiry);
  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      aria-label={inquiry.contactName}
      style={edge === undefined ? undefined : { borderLeft: `6px solid ${edge}` }}
      data-testid="inquiry-card"
    >
      <Stack gap={4}>
        <Anchor component={Link} to={`/admissions/${inquiry.id}`} fw={600}>
          {inquiry.contactName}
        </Anchor>
        {inquiry.urgent && (
          <Badge color="red.9" tt="none">
            {URGENT_LABEL}
          </Badge>
        )}
        <Text size="sm" fw={inquiry.clock.overdue ? 700 : undefined}>
          {clockText(inquiry)}
        </Text>
        <Text size="xs" c="dimmed">
          Received {formatDateTime(inquiry.createdAt)}
        </Text>
        {inquiry.assessmentAt !== null && (
          <Text size="xs">
            Assessment {formatDateTime(inquiry.assessmentAt)}
            {inquiry.assessmentClinicianName === null ? '' : ` with ${inquiry.assessmentClinicianName}`}
          </Text>
        )}
        <Group gap={4}>
          {inquiry.ownerName !== null && (
            <Badge variant="light" color="gray" tt="none">
              Owner: {inquiry.ownerName}
            </Badge>
          )}
          {inquiry.openTasks > 0 && (
            <Badge variant="light" color="blue" tt="none">
              {inquiry.openTasks} open task{inquiry.openTasks === 1 ? '' : 's'}
            </Badge>
          )}
          {inquiry.duplicateCount > 0 && (
            <Badge variant="light" color="grape" tt="none">
              Possible duplicate ({inquiry.duplicateCount})
            </Badge>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
