import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Role } from '../../lib/api-types';
import { formatDateTime } from '../../lib/format';
import { ACCESS, canAccess } from '../../lib/roles';
import type { AlertDto } from './safety-api';
import { ACTION_LABELS, SEVERITY_LABELS, severityColor, waitingText } from './safety-format';

function SubjectLink({ alert, roles }: { alert: AlertDto; roles: readonly Role[] }) {
  const { subject } = alert;
  if (subject.kind === 'patient')
    return (
      <Anchor component={Link} to={`/patients/${subject.id}`}>
        {subject.name}
      </Anchor>
    );
  const label = `${subject.name} (inquiry)`;
  return canAccess(roles, ACCESS.admissions) ? (
    <Anchor component={Link} to={`/admissions/${subject.id}`}>
      {label}
    </Anchor>
  ) : (
    <Text span>{label}</Text>
  );
}

export function SeverityBadge({ alert }: { alert: AlertDto }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={severityColor(alert.severity)} variant="filled" tt="none">
        {SEVERITY_LABELS[alert.severity]}
      </Badge>
      {alert.escalated && alert.acknowledgedAt === null && (
        <Badge color="dark" variant="outline" tt="none" title={`Escalated ${formatDateTime(alert.escalatedAt)}`}>
          Escalated to directors
        </Badge>
      )}
    </Group>
  );
}

/** Open alerts (with Acknowledge) or acknowledged ones (with what was done). */
export function AlertsTable({
  alerts,
  roles,
  caption,
  showSubject = true,
  onAcknowledge,
}: {
  alerts: AlertDto[];
  roles: readonly Role[];
  caption: string;
  showSubject?: boolean;
  onAcknowledge: ((alert: AlertDto) => void) | null;
}) {
  const open = onAcknowledge !== null;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Severity</Table.Th>
            {showSubject && <Table.Th>Person</Table.Th>}
            <Table.Th>Reason</Table.Th>
            <Table.Th>{open ? 'Waiting' : 'Acknowledged'}</Table.Th>
            <Table.Th>{open ? 'Action' : 'Actions taken'}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((alert) => (
            <Table.Tr key={alert.id} data-alert-id={alert.id}>
              <Table.Td>
                <SeverityBadge alert={alert} />
              </Table.Td>
              {showSubject && (
                <Table.Td>
                  <SubjectLink alert={alert} roles={roles} />
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm">{alert.reason}</Text>
                {alert.note !== null && (
                  <Text size="xs" c="dimmed">
                    {alert.note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {open ? (
                  <Text size="sm" title={`Raised ${formatDateTime(alert.createdAt)}`}>
                    {waitingText(alert.waitingMinutes)}
                  </Text>
                ) : (
                  <Text size="sm">
                    {formatDateTime(alert.acknowledgedAt)} by {alert.acknowledgedBy?.name ?? '—'}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {onAcknowledge !== null ? (
                  <Button size="xs" onClick={() => onAcknowledge(alert)} aria-label={`Acknowledge alert for ${alert.subject.name}`}>
                    Acknowledge
                  </Button>
                ) : (
                  <Text size="sm">
                    {alert.actions.map((action) => ACTION_LABELS[action]).join(', ')}
                    {alert.ackNote !== null && ` — ${alert.ackNote}`}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
