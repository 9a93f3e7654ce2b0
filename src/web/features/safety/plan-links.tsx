import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { CopyField } from '../../components/copy-field';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { formatDateTime } from '../../lib/format';
import { useCreatePlanLink, usePlanLinks, useRevokePlanLink, type CreatedPlanLinkDto, type PlanLinkState } from './safety-api';

const STATE_LABEL: Record<PlanLinkState, { label: string; color: string }> = {
  active: { label: 'Active', color: 'green' },
  expired: { label: 'Expired', color: 'gray' },
  revoked: { label: 'Revoked', color: 'red' },
};

/** Creates a link to the patient's current safety plan and shows its address this once (decision 0024). */
export function SharePlanModal({ patientId, onClose }: { patientId: string; onClose: () => void }) {
  const create = useCreatePlanLink(patientId);
  const [created, setCreated] = useState<CreatedPlanLinkDto | null>(null);
  return (
    <Modal opened onClose={onClose} title="Share the safety plan with the patient" size="lg">
      {created ? (
        <Stack gap="md">
          <Alert color="blue">
            This link is shown only once. It needs no login, always shows the newest version of the plan, and works for 30 days unless you
            revoke it. Give it only to the patient.
          </Alert>
          <CopyField
            label="Safety plan link"
            value={`${window.location.origin}${created.url}`}
            testId="plan-link-url"
            description={`Expires ${formatDateTime(created.expiresAt)}`}
          />
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm">
            The patient gets a private link to the current safety plan, with crisis numbers first. It works for 30 days, can be printed, and
            you can revoke it at any time.
          </Text>
          {create.isError && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button loading={create.isPending} onClick={() => create.mutate(undefined, { onSuccess: setCreated })}>
              Create link
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** The patient's safety plan links, newest first, without their tokens; active ones can be revoked. */
export function PlanLinksList({ patientId }: { patientId: string }) {
  const links = usePlanLinks(patientId);
  const revoke = useRevokePlanLink(patientId);
  if (links.isPending) return <SectionLoader label="Loading safety plan links" />;
  if (links.isError) return <ErrorAlert error={links.error} onRetry={() => void links.refetch()} />;
  if (links.data.length === 0) return null;
  return (
    <Stack gap="xs">
      {revoke.isError && <ErrorAlert error={revoke.error} />}
      <Table striped withTableBorder>
        <Table.Caption>Links shared with the patient</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Created</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>Last opened</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {links.data.map((link) => (
            <Table.Tr key={link.id}>
              <Table.Td>
                {formatDateTime(link.createdAt)} by {link.createdBy.name}
              </Table.Td>
              <Table.Td>
                <Badge color={STATE_LABEL[link.state].color} variant="light">
                  {STATE_LABEL[link.state].label}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDateTime(link.expiresAt)}</Table.Td>
              <Table.Td>{link.lastViewedAt === null ? 'Never' : formatDateTime(link.lastViewedAt)}</Table.Td>
              <Table.Td>
                {link.state === 'active' && (
                  <Button
                    size="xs"
                    variant="default"
                    color="red"
                    loading={revoke.isPending && revoke.variables === link.id}
                    onClick={() => revoke.mutate(link.id)}
                    aria-label={`Revoke the link created ${formatDateTime(link.createdAt)}`}
                  >
                    Revoke
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
