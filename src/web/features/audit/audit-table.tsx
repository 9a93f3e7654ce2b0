import { Anchor, Badge, Table, Text, UnstyledButton } from '@mantine/core';
import type { AuditEventDto, AuditOutcome } from '../../lib/api-types';
import { formatPreciseDateTime } from '../../lib/format';
import type { AuditSort } from './audit-params';

const OUTCOME_COLORS: Record<AuditOutcome, string> = { success: 'green', failure: 'orange', denied: 'red' };

type Props = {
  events: AuditEventDto[];
  sort: AuditSort;
  onSortChange: (sort: AuditSort) => void;
  onFilterUser: (userId: string) => void;
};

export function AuditTable({ events, sort, onSortChange, onFilterUser }: Props) {
  const ascending = sort === 'occurredAt';
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped verticalSpacing="xs" fz="sm">
        <Table.Caption>Audit events, {ascending ? 'oldest' : 'newest'} first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" aria-sort={ascending ? 'ascending' : 'descending'}>
              <UnstyledButton
                fw={700}
                fz="sm"
                onClick={() => onSortChange(ascending ? '-occurredAt' : 'occurredAt')}
                title={ascending ? 'Show newest first' : 'Show oldest first'}
              >
                Time <span aria-hidden="true">{ascending ? '▲' : '▼'}</span>
              </UnstyledButton>
            </Table.Th>
            <Table.Th scope="col">User</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Entity</Table.Th>
            <Table.Th scope="col">Patient</Table.Th>
            <Table.Th scope="col">Outcome</Table.Th>
            <Table.Th scope="col">Client IP</Table.Th>
            <Table.Th scope="col">Request</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatPreciseDateTime(event.occurredAt)}</Table.Td>
              <Table.Td>
                {event.userId === null ? (
                  <Text span c="dimmed" fz="sm">
                    {event.userEmail ?? 'System'}
                  </Text>
                ) : (
                  <Anchor
                    component="button"
                    type="button"
                    fz="sm"
                    onClick={() => event.userId !== null && onFilterUser(event.userId)}
                    aria-label={`Show only events by ${event.userEmail ?? event.userId}`}
                  >
                    {event.userEmail ?? event.userId}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td>
                <code>{event.action}</code>
              </Table.Td>
              <Table.Td>{event.entityType === null ? '—' : `${event.entityType} ${event.entityId ?? ''}`}</Table.Td>
              <Table.Td>{event.patientId ?? '—'}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={OUTCOME_COLORS[event.outcome]}>
                  {event.outcome}
                </Badge>
              </Table.Td>
              <Table.Td>{event.clientIp ?? '—'}</Table.Td>
              <Table.Td>
                <Text span fz="xs" ff="monospace">
                  {event.requestId ?? '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
