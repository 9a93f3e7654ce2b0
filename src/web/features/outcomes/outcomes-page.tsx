import { addDays } from '../../../domain/scheduling/local-time';
import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { Instrument } from '../../../domain/instruments/instrument';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { useInstruments } from '../measures/measures-api';
import { localToday } from '../patients/patient-format';
import { usePrograms } from '../programs/programs-api';
import { OutcomesBars } from './outcomes-bars';
import { outcomesCsvHref, useOutcomes, type OutcomesDto, type OutcomesParams, type RateDto } from './outcomes-api';

/** Instruments whose data says how change is read (the server refuses the others). */
function isOutcomeMeasure(instrument: Instrument): boolean {
  return instrument.change.remissionBelow !== null || (instrument.change.sd !== null && instrument.change.reliability !== null);
}

function rateText(rate: RateDto | null): string {
  if (rate === null) return 'not defined for this instrument';
  return rate.percent === null ? '—' : `${rate.percent}%`;
}

export type OutcomeRow = { key: string; label: string; numerator: number | null; denominator: number | null; value: string };

export function outcomeRows(report: OutcomesDto): OutcomeRow[] {
  const rate = (key: string, label: string, value: RateDto | null): OutcomeRow => ({
    key,
    label,
    numerator: value?.numerator ?? null,
    denominator: value?.denominator ?? null,
    value: rateText(value),
  });
  return [
    { key: 'episodes', label: 'Episodes in the period', numerator: null, denominator: null, value: String(report.episodes) },
    { key: 'baseline', label: 'With a baseline', numerator: null, denominator: null, value: String(report.withBaseline) },
    rate('followUp', 'With a follow-up (of those with a baseline)', report.followUp),
    {
      key: 'meanChange',
      label: 'Mean change, baseline to last follow-up (sum / count)',
      numerator: report.meanChange.sum,
      denominator: report.meanChange.count,
      value: report.meanChange.mean === null ? '—' : String(report.meanChange.mean),
    },
    rate('response', 'Response (≥ 50% drop)', report.response),
    rate('remission', 'Remission', report.remission),
    rate('improvement', 'Reliable improvement', report.reliableImprovement),
    rate('deterioration', 'Reliable deterioration', report.reliableDeterioration),
  ];
}

function Report({ report, params }: { report: OutcomesDto; params: OutcomesParams }) {
  const rows = outcomeRows(report);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm">
          {`${report.program.name}, ${report.instrument.name}, ${report.from} to ${report.to} (days at the site, ${report.timeZone}).`}
        </Text>
        <Button component="a" href={outcomesCsvHref(params)} download variant="default">
          Download CSV
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Paper withBorder p="sm">
          <Text size="sm">Episodes with a baseline</Text>
          <Text fw={700} size="xl" data-testid="with-baseline">
            {report.withBaseline}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="sm">With a follow-up</Text>
          <Text fw={700} size="xl" data-testid="with-follow-up">
            {report.withFollowUp}
          </Text>
        </Paper>
        <Paper withBorder p="sm">
          <Text size="sm">Mean change</Text>
          <Text fw={700} size="xl">
            {report.meanChange.mean ?? '—'}
          </Text>
        </Paper>
      </SimpleGrid>
      <Table captionSide="top" aria-label="Outcomes">
        <Table.Caption>Outcomes with their counts</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Measure</Table.Th>
            <Table.Th scope="col">Numerator</Table.Th>
            <Table.Th scope="col">Denominator</Table.Th>
            <Table.Th scope="col">Value</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" fw={400}>
                {row.label}
              </Table.Th>
              <Table.Td>{row.numerator ?? ''}</Table.Td>
              <Table.Td>{row.denominator ?? ''}</Table.Td>
              <Table.Td>{row.value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={2} size="h4">
        Rates
      </Title>
      <OutcomesBars report={report} />
      {report.reliabilityVerified === false && (
        <Alert color="yellow" variant="light" title="Reliable change uses unverified values">
          <Text size="sm">
            The SD and reliability behind reliable improvement and deterioration are placeholders in the instrument data, not yet checked
            against their sources: {report.reliabilitySources.join(' ')}
          </Text>
        </Alert>
      )}
      <Text size="xs" c="dimmed">
        Counts only, no names. Definitions: an episode of the program open on any day of the period; baseline, its first complete response;
        follow-up, its last complete response after the baseline within the period. Rates are of episodes with a follow-up.
      </Text>
    </Stack>
  );
}

/** /outcomes: population outcomes of one program, period and instrument, with a chart and a CSV download. */
export function OutcomesPage() {
  const [params, setParams] = useSearchParams();
  const programs = usePrograms({});
  const instruments = useInstruments();
  const today = localToday();
  const current = {
    programId: params.get('programId') ?? '',
    instrument: params.get('instrument') ?? 'phq-9',
    from: params.get('from') ?? addDays(today, -89),
    to: params.get('to') ?? today,
  };
  const [draft, setDraft] = useState(current);
  const chosen = current.programId === '' ? null : current;
  const report = useOutcomes(chosen);
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(new URLSearchParams(draft));
  }
  const outcomeInstruments = (instruments.data ?? []).filter(isOutcomeMeasure);
  return (
    <Page title="Outcomes">
      <form onSubmit={submit} aria-label="Outcome report">
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label="Program"
            value={draft.programId}
            onChange={(event) => setDraft({ ...draft, programId: event.currentTarget.value })}
            data={[{ value: '', label: 'Choose a program' }, ...(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))]}
          />
          <NativeSelect
            label="Instrument"
            value={draft.instrument}
            onChange={(event) => setDraft({ ...draft, instrument: event.currentTarget.value })}
            data={
              outcomeInstruments.length === 0
                ? [{ value: 'phq-9', label: 'PHQ-9' }]
                : outcomeInstruments.map((i) => ({ value: i.code, label: i.name }))
            }
          />
          <TextInput
            label="From"
            type="date"
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.currentTarget.value })}
          />
          <TextInput label="To" type="date" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.currentTarget.value })} />
          <Button type="submit" disabled={draft.programId === ''}>
            Show
          </Button>
        </Group>
      </form>
      {programs.isError && <ErrorAlert error={programs.error} onRetry={() => void programs.refetch()} />}
      {chosen === null && <Text size="sm">Choose a program, an instrument and a period.</Text>}
      {chosen !== null && report.isPending && <SectionLoader label="Loading outcomes" />}
      {report.isError && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {chosen !== null && report.isSuccess && <Report report={report.data} params={chosen} />}
    </Page>
  );
}
