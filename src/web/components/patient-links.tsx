import { Alert, Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { formatDateTime } from '../lib/format';
import { CopyField } from './copy-field';
import { ErrorAlert } from './error-alert';
import { SectionLoader } from './full-page-loader';
import { Dialog } from './dialog';

// Links staff give a patient to open something without signing in (a safety plan, decision 0024;
// a treatment plan to sign, decision 0026). The address holds the token, so it is shown once.

type CreatedLink = { url: string; expiresAt: string };
type LinkRow<S extends string> = { id: string; state: S; createdAt: string; createdBy: { name: string }; expiresAt: string };

/** Creates a link and shows its address this once. */
export function CreateLinkModal({
  title,
  intro,
  shownOnce,
  fieldLabel,
  testId,
  createLabel,
  create,
  onClose,
}: {
  title: string;
  intro: ReactNode;
  /** Said with the address: who may have it and how long it works. */
  shownOnce: ReactNode;
  fieldLabel: string;
  testId: string;
  createLabel: string;
  create: UseMutationResult<CreatedLink, Error, void>;
  onClose: () => void;
}) {
  const [created, setCreated] = useState<CreatedLink | null>(null);
  return (
    <Dialog opened onClose={onClose} title={title} size="lg">
      {created ? (
        <Stack gap="md">
          <Alert color="blue">{shownOnce}</Alert>
          <CopyField
            label={fieldLabel}
            value={`${window.location.origin}${created.url}`}
            testId={testId}
            description={`Expires ${formatDateTime(created.expiresAt)}`}
          />
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm">{intro}</Text>
          {create.isError && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button loading={create.isPending} onClick={() => create.mutate(undefined, { onSuccess: setCreated })}>
              {createLabel}
            </Button>
          </Group>
        </Stack>
      )}
    </Dialog>
  );
}

/** The links without their tokens; active ones can be revoked. Nothing is shown while there are none. */
export function LinksTable<S extends string, L extends LinkRow<S>>({
  caption,
  loadingLabel,
  states,
  links,
  revoke,
  extraColumn,
}: {
  caption: string;
  loadingLabel: string;
  states: Record<S, { label: string; color: string }>;
  links: UseQueryResult<L[]>;
  revoke: UseMutationResult<unknown, Error, string>;
  extraColumn?: { heading: string; cell: (link: L) => ReactNode };
}) {
  if (links.isPending) return <SectionLoader label={loadingLabel} />;
  if (links.isError) return <ErrorAlert error={links.error} onRetry={() => void links.refetch()} />;
  if (links.data.length === 0) return null;
  return (
    <Stack gap="xs">
      {revoke.isError && <ErrorAlert error={revoke.error} />}
      <Table striped withTableBorder>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Created</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Expires</Table.Th>
            {extraColumn && <Table.Th>{extraColumn.heading}</Table.Th>}
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
                <Badge color={states[link.state].color} variant="light">
                  {states[link.state].label}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDateTime(link.expiresAt)}</Table.Td>
              {extraColumn && <Table.Td>{extraColumn.cell(link)}</Table.Td>}
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
