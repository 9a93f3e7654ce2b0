import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { formatDateTime } from '../../lib/format';
import { CHANNEL_LABELS, disclosuresCsvUrl, useDisclosures, type DisclosureDto } from './disclosures-api';

const BASIS_LABELS: Record<string, string> = {
  consent: 'Consent',
  medical_emergency: 'Medical emergency (2.51)',
  court_order: 'Court order (2.64)',
  not_part2: 'No Part 2 records',
};

function basisText(row: DisclosureDto): string {
  return BASIS_LABELS[row.basis] ?? row.basis;
}

/** The per-patient disclosure report: date, recipient, purpose, basis or consent, who, what. */
export function DisclosureLog({ patientId }: { patientId: string }) {
  const log = useDisclosures(patientId);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5">
          Disclosure log
        </Title>
        <Anchor href={disclosuresCsvUrl(patientId)} size="sm">
          Download the disclosure log (CSV)
        </Anchor>
      </Group>
      {log.isPending && <SectionLoader label="Loading the disclosure log" />}
      {log.isError && <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />}
      {log.isSuccess && log.data.length === 0 && (
        <Text size="sm" c="dimmed">
          No records of this patient have been disclosed.
        </Text>
      )}
      {log.isSuccess && log.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped captionSide="top">
            <Table.Caption>Disclosures, latest first</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Recipient</Table.Th>
                <Table.Th scope="col">Purpose</Table.Th>
                <Table.Th scope="col">Basis</Table.Th>
                <Table.Th scope="col">What</Table.Th>
                <Table.Th scope="col">How</Table.Th>
                <Table.Th scope="col">By</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>{formatDateTime(row.disclosedAt)}</Table.Td>
                  <Table.Td>{row.recipient}</Table.Td>
                  <Table.Td>{row.purpose}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Text span size="sm">
                        {basisText(row)}
                      </Text>
                      {row.noticeIncluded && (
                        <Badge variant="light" tt="none" title="The 42 CFR 2.32 notice went with the records">
                          Notice sent
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{row.what}</Table.Td>
                  <Table.Td>{CHANNEL_LABELS[row.channel]}</Table.Td>
                  <Table.Td>{row.disclosedBy.name}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
