import { addDays } from '../../../domain/scheduling/local-time';
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { InquiryStage } from '../../../domain/admissions/stage-rules';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { localToday } from '../patients/patient-format';
import { useAdmissionsReport } from './admissions-api';
import { CLOSE_REASON_LABELS, STAGE_LABELS, formatMinutes } from './admissions-format';
import type { Count } from './admissions-types';

const SOURCE_LABELS: Record<string, string> = { web_form: 'Website form', api: 'API', staff: 'Call to staff' };

function CountTable({ caption, rows, label }: { caption: string; rows: Count[]; label: (key: string) => string }) {
  return (
    <Table captionSide="top">
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{caption}</Table.Th>
          <Table.Th scope="col">Inquiries</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.length === 0 ? (
          <Table.Tr>
            <Table.Td colSpan={2}>None</Table.Td>
          </Table.Tr>
        ) : (
          rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>{label(row.key)}</Table.Td>
              <Table.Td>{row.count}</Table.Td>
            </Table.Tr>
          ))
        )}
      </Table.Tbody>
    </Table>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm">{label}</Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Paper>
  );
}

/** /admissions/report: conversion of inquiries that arrived in a date range, with a CSV download. */
export function AdmissionsReportPage() {
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? localToday();
  const from = params.get('from') ?? addDays(to, -29);
  const report = useAdmissionsReport(from, to);
  const [draft, setDraft] = useState({ from, to });
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(new URLSearchParams(draft));
  }
  const csvHref = `/api/v1/admissions/report.csv?${new URLSearchParams({ from, to }).toString()}`;
  return (
    <Page title="Admissions report">
      <Anchor component={Link} to="/admissions" size="sm">
        ← Admissions
      </Anchor>
      <form onSubmit={submit} aria-label="Report period">
        <Group align="flex-end" gap="sm">
          <TextInput
            label="From"
            type="date"
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.currentTarget.value })}
          />
          <TextInput label="To" type="date" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.currentTarget.value })} />
          <Button type="submit">Show</Button>
          <Button component="a" href={csvHref} download variant="default">
            Download CSV
          </Button>
        </Group>
      </form>
      {report.isPending && <SectionLoader label="Loading report" />}
      {report.isError && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {report.isSuccess && (
        <Stack gap="md">
          <Text size="sm">
            Inquiries that arrived from {report.data.from} to {report.data.to} (UTC days); merged duplicates are not counted.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3, md: 5 }}>
            <Stat label="Inquiries" value={String(report.data.total)} />
            <Stat label="Median time to first contact" value={formatMinutes(report.data.firstContact.medianMinutes)} />
            <Stat label="90th percentile to first contact" value={formatMinutes(report.data.firstContact.p90Minutes)} />
            <Stat label="Median time to admission" value={formatMinutes(report.data.admission.medianMinutes)} />
            <Stat
              label="Admitted"
              value={`${report.data.admission.admitted}${report.data.admission.conversionPercent === null ? '' : ` (${report.data.admission.conversionPercent}%)`}`}
            />
          </SimpleGrid>
          <Title order={2} size="h4">
            Breakdown
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <CountTable caption="Source" rows={report.data.bySource} label={(key) => SOURCE_LABELS[key] ?? key} />
            <CountTable caption="Current stage" rows={report.data.byStage} label={(key) => STAGE_LABELS[key as InquiryStage]} />
            <CountTable
              caption="Reason closed"
              rows={report.data.closedReasons}
              label={(key) => CLOSE_REASON_LABELS[key as keyof typeof CLOSE_REASON_LABELS] ?? key}
            />
            <CountTable caption="Referred to" rows={report.data.referredTo} label={(key) => key} />
          </SimpleGrid>
        </Stack>
      )}
    </Page>
  );
}
