import { Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { formatDateTime } from '../../lib/format';
import { useRevokeShare, useShares, type ShareDto } from './disclosures-api';

const STATE: Record<ShareDto['state'], { label: string; color: string }> = {
  active: { label: 'Active', color: 'green' },
  expired: { label: 'Expired', color: 'gray' },
  revoked: { label: 'Revoked', color: 'red' },
};

/** The patient's API shares with outside systems (decision 0030): who, what, until when, how often fetched. */
export function RecordShares({ patientId, canRevoke }: { patientId: string; canRevoke: boolean }) {
  const shares = useShares(patientId);
  const revoke = useRevokeShare(patientId);
  if (shares.isPending) return <SectionLoader label="Loading API shares" />;
  if (shares.isError) return <ErrorAlert error={shares.error} onRetry={() => void shares.refetch()} />;
  if (shares.data.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        API shares
      </Title>
      {revoke.isError && <ErrorAlert error={revoke.error} />}
      <Table.ScrollContainer minWidth={720}>
        <Table striped captionSide="top">
          <Table.Caption>Shares an outside system fetches with a token, latest first</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">State</Table.Th>
              <Table.Th scope="col">Recipient</Table.Th>
              <Table.Th scope="col">What</Table.Th>
              <Table.Th scope="col">Created</Table.Th>
              <Table.Th scope="col">Works until</Table.Th>
              <Table.Th scope="col">Fetches</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shares.data.map((share) => (
              <Table.Tr key={share.id}>
                <Table.Td>
                  <Badge color={STATE[share.state].color} variant="light" tt="none">
                    {STATE[share.state].label}
                  </Badge>
                </Table.Td>
                <Table.Td>{share.recipient}</Table.Td>
                <Table.Td>{share.what}</Table.Td>
                <Table.Td>
                  {formatDateTime(share.createdAt)}
                  <Text size="xs" c="dimmed">
                    {share.createdBy.name}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDateTime(share.expiresAt)}</Table.Td>
                <Table.Td>
                  {share.fetchCount}
                  {share.lastFetchedAt !== null && (
                    <Text size="xs" c="dimmed">
                      last {formatDateTime(share.lastFetchedAt)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {canRevoke && share.state === 'active' && (
                    <Button
                      size="xs"
                      variant="default"
                      color="red"
                      loading={revoke.isPending && revoke.variables === share.id}
                      onClick={() => revoke.mutate(share.id)}
                      aria-label={`Revoke the API share to ${share.recipient}`}
                    >
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
