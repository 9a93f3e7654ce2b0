import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { formatDateTime } from '../../lib/format';
import { LinkModal, PaperFormModal } from './measure-dialogs';
import { useInstruments, usePatientMeasures } from './measures-api';
import { DUE_REASON, SOURCE_LABEL, newestFirst } from './measures-format';

type Dialog = 'none' | 'paper' | 'link' | 'kiosk';

/** The chart's measures: what is due or overdue, every response, and the ways to collect one. */
export function PatientMeasuresSection({ patientId }: { patientId: string }) {
  const measures = usePatientMeasures(patientId);
  const instruments = useInstruments();
  const [dialog, setDialog] = useState<Dialog>('none');
  const close = () => {
    setDialog('none');
    void measures.refetch();
  };
  const ready = instruments.isSuccess;

  return (
    <Stack gap="sm" component="section" aria-labelledby="measures-heading" id="measures">
      <Group justify="space-between">
        <Title order={2} size="h4" id="measures-heading">
          Measures
        </Title>
        <Group gap="xs">
          <Button variant="default" disabled={!ready} onClick={() => setDialog('paper')}>
            Enter paper form
          </Button>
          <Button variant="default" disabled={!ready} onClick={() => setDialog('link')}>
            Send link
          </Button>
          <Button variant="default" disabled={!ready} onClick={() => setDialog('kiosk')}>
            Start kiosk
          </Button>
        </Group>
      </Group>
      {measures.isPending && <SectionLoader label="Loading measures" />}
      {measures.isError && <ErrorAlert error={measures.error} onRetry={() => void measures.refetch()} />}
      {measures.isSuccess && (
        <>
          {measures.data.due.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing due.
            </Text>
          ) : (
            <Group gap="xs" aria-label="Due measures">
              {measures.data.due.map((due) => (
                <Badge key={`${due.instrument}-${due.reason}`} color={due.status === 'overdue' ? 'red' : 'yellow'} variant="light">
                  {`${due.instrumentName} ${DUE_REASON[due.reason].toLowerCase()}: ${due.status} since ${due.dueOn}`}
                </Badge>
              ))}
            </Group>
          )}
          {measures.data.instruments.length === 0 ? (
            <Text size="sm" c="dimmed">
              No responses yet.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped aria-label="Measure responses">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Date</Table.Th>
                    <Table.Th>Instrument</Table.Th>
                    <Table.Th>Total</Table.Th>
                    <Table.Th>Band</Table.Th>
                    <Table.Th>Flags</Table.Th>
                    <Table.Th>Source</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {newestFirst(measures.data.instruments).map((response) => (
                    <Table.Tr key={response.id}>
                      <Table.Td>{formatDateTime(response.administeredAt)}</Table.Td>
                      <Table.Td>{response.instrumentName}</Table.Td>
                      <Table.Td>{response.complete ? response.total : `Incomplete (missing ${response.missingItems.join(', ')})`}</Table.Td>
                      <Table.Td>{response.band ?? '—'}</Table.Td>
                      <Table.Td>
                        {response.flags.length === 0
                          ? '—'
                          : response.flags.map((flag) => (
                              <Badge key={flag} color={flag.includes('suicide') ? 'red' : 'gray'} variant="light" mr={4}>
                                {flag}
                              </Badge>
                            ))}
                      </Table.Td>
                      <Table.Td>
                        {SOURCE_LABEL[response.source]}
                        {response.enteredBy ? ` by ${response.enteredBy.name}` : ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Text size="xs" c="dimmed">
            Scores support clinical judgement; a score is not a diagnosis.
          </Text>
        </>
      )}
      {ready && dialog === 'paper' && <PaperFormModal patientId={patientId} instruments={instruments.data} onClose={close} />}
      {ready && (dialog === 'link' || dialog === 'kiosk') && (
        <LinkModal patientId={patientId} instruments={instruments.data} kind={dialog} onClose={close} />
      )}
    </Stack>
  );
}
