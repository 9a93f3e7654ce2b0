import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { SignLinkState } from '../../../domain/treatment-plans/sign-links';
import { CopyField } from '../../components/copy-field';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { formatDateTime } from '../../lib/format';
import { useCreateSignLink, useRevokeSignLink, useSignLinks, type CreatedSignLinkDto } from './treatment-plans-api';

const STATE_LABEL: Record<SignLinkState, { label: string; color: string }> = {
  active: { label: 'Active', color: 'green' },
  used: { label: 'Used', color: 'blue' },
  expired: { label: 'Expired', color: 'gray' },
  revoked: { label: 'Revoked', color: 'red' },
};

/** Creates a one-time signing link and shows its address this once (decision 0026). */
export function CreateSignLinkModal({ planId, onClose }: { planId: string; onClose: () => void }) {
  const create = useCreateSignLink(planId);
  const [created, setCreated] = useState<CreatedSignLinkDto | null>(null);
  return (
    <Modal opened onClose={onClose} title="Send the plan to the patient to sign" size="lg">
      {created ? (
        <Stack gap="md">
          <Alert color="blue">
            This link is shown only once. It needs no login, works once, and expires in 7 days unless you revoke it. Give it only to the
            patient.
          </Alert>
          <CopyField
            label="Signing link"
            value={`${window.location.origin}${created.url}`}
            testId="sign-link-url"
            description={`Expires ${formatDateTime(created.expiresAt)}`}
          />
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm">The patient gets a private link to read this version of the plan and sign it with their typed name.</Text>
          {create.isError && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button loading={create.isPending} onClick={() => create.mutate(undefined, { onSuccess: setCreated })}>
              Create signing link
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** The version's signing links without their tokens; active ones can be revoked. */
export function SignLinksList({ planId }: { planId: string }) {
  const links = useSignLinks(planId);
  const revoke = useRevokeSignLink(planId);
  if (links.isPending) return <SectionLoader label="Loading signing links" />;
  if (links.isError) return <ErrorAlert error={links.error} onRetry={() => void links.refetch()} />;
  if (links.data.length === 0) return null;
  return (
    <Stack gap="xs">
      {revoke.isError && <ErrorAlert error={revoke.error} />}
      <Table striped withTableBorder>
        <Table.Caption>Signing links sent to the patient</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Created</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Expires</Table.Th>
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
              <Table.Td>
                {link.state === 'active' && (
                  <Button
                    size="xs"
                    variant="subtle"
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
