import { Alert, Badge, Button, CloseButton, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { formatMinutes } from '../../../domain/intensity/minutes-format';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { ApiError } from '../../lib/api';
import type { PlanDto, SeriesDto } from '../../lib/api-types';
import { errorMessage } from '../../lib/form-errors';
import { localToday, weekdayList } from './patient-format';
import { usePlan, useSavePlan } from './patients-api';
import { PlanSummary } from './plan-summary';
import { newRow, previewIntensity, rowsFromPlan, sameRows, seriesLookup, toPlanBody, type PlanRow } from './plan-values';

function seriesText(series: SeriesDto): string {
  return `${weekdayList(series.daysOfWeek)} ${series.startTime}, ${formatMinutes(series.durationMinutes)}${series.telehealth ? ', telehealth' : ''}`;
}

/** The editable rows; keyed on the plan's version, so a save or reload starts again from the server's rows. */
function PlanForm({ plan, canEdit, onReload }: { plan: PlanDto; canEdit: boolean; onReload: () => void }) {
  const save = useSavePlan(plan.episodeId);
  const [rows, setRows] = useState<PlanRow[]>(() => rowsFromPlan(plan));
  const [adding, setAdding] = useState('');
  const lookup = seriesLookup(plan);
  const edited = !sameRows(rows, rowsFromPlan(plan));
  const intensity = previewIntensity(rows, lookup, plan, plan.weekly.asOf);
  const editable = canEdit && plan.episodeStatus === 'open';
  const addable = plan.available.filter((series) => !rows.some((row) => row.templateId === series.templateId && row.endsOn === ''));
  const stale = save.error instanceof ApiError && save.error.status === 412;
  const issues = save.error instanceof ApiError ? save.error.validationIssues : [];
  const rowError = (index: number) => issues.find((issue) => issue.path.startsWith(`enrolments.${index}.`))?.message;
  // Row problems show on their row; anything else (a closed episode, a network failure) above the buttons.
  const general =
    save.isError && !stale && !issues.some((issue) => /^enrolments\.\d+\./.test(issue.path)) ? errorMessage(save.error) : null;

  const update = (key: string, change: Partial<PlanRow>) => setRows(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  function add() {
    const series = lookup.get(adding);
    if (series === undefined) return;
    setRows([...rows, newRow(series, plan, localToday())]);
    setAdding('');
  }
  function submit() {
    save.mutate(toPlanBody(rows, plan.version), {
      onSuccess: () => notifications.show({ color: 'green', message: 'Weekly plan saved' }),
    });
  }

  return (
    <Stack gap="sm">
      <PlanSummary intensity={intensity} rules={plan.program.rules} asOf={plan.weekly.asOf} edited={edited} />
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No group series in the plan yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs">
            <Table.Caption>Group series in the weekly plan. Individual sessions are booked as appointments.</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Series</Table.Th>
                <Table.Th scope="col">Meets</Table.Th>
                <Table.Th scope="col">First day</Table.Th>
                <Table.Th scope="col">Last day</Table.Th>
                {editable && <Table.Th scope="col">Remove</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, index) => {
                const series = lookup.get(row.templateId);
                const title = series?.title ?? 'Unknown series';
                return (
                  <Table.Tr key={row.key}>
                    <Table.Td>
                      <Text size="sm">{title}</Text>
                      <Text size="xs" c={rowError(index) === undefined ? 'dimmed' : 'red'}>
                        {rowError(index) ?? series?.programName}
                      </Text>
                    </Table.Td>
                    <Table.Td>{series === undefined ? '—' : seriesText(series)}</Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`First day of ${title}`}
                        type="date"
                        size="xs"
                        disabled={!editable}
                        value={row.startsOn}
                        onChange={(event) => update(row.key, { startsOn: event.currentTarget.value })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Last day of ${title} (empty: open-ended)`}
                        type="date"
                        size="xs"
                        disabled={!editable}
                        value={row.endsOn}
                        onChange={(event) => update(row.key, { endsOn: event.currentTarget.value })}
                      />
                    </Table.Td>
                    {editable && (
                      <Table.Td>
                        <CloseButton
                          aria-label={`Remove ${title} from the plan`}
                          onClick={() => setRows(rows.filter((other) => other.key !== row.key))}
                        />
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editable && (
        <>
          <Text size="xs" c="dimmed">
            To stop a series the patient has already attended, set its last day rather than removing it, so the plan's history stays.
          </Text>
          <Group align="flex-end" gap="sm">
            <NativeSelect
              label="Add a group series"
              data={[
                {
                  value: '',
                  label: addable.length === 0 ? 'No other series at this site' : 'Choose a series',
                },
                ...addable.map((series) => ({
                  value: series.templateId,
                  label: `${series.title} · ${series.programName} · ${seriesText(series)}`,
                })),
              ]}
              value={adding}
              onChange={(event) => setAdding(event.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button variant="light" onClick={add} disabled={adding === ''}>
              Add to plan
            </Button>
          </Group>
          {stale && (
            <Alert color="orange" role="alert" title="Someone else changed this plan first">
              Your changes were not saved.{' '}
              <Button size="xs" variant="light" color="orange" onClick={onReload}>
                Load the current plan
              </Button>
            </Alert>
          )}
          {general !== null && (
            <Alert color="red" role="alert">
              {general}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" disabled={!edited} onClick={() => setRows(rowsFromPlan(plan))}>
              Undo changes
            </Button>
            <Button onClick={submit} disabled={!edited} loading={save.isPending}>
              Save weekly plan
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

export function PlanEditor({ episodeId, canEdit }: { episodeId: string; canEdit: boolean }) {
  const [asOf, setAsOf] = useState('');
  const plan = usePlan(episodeId, asOf);
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={`plan-${episodeId}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Title order={3} size="h5" id={`plan-${episodeId}`}>
            Weekly plan
          </Title>
          <TextInput
            label="Show the plan on"
            description="Empty: today"
            type="date"
            size="xs"
            value={asOf}
            onChange={(event) => setAsOf(event.currentTarget.value)}
          />
        </Group>
        {plan.isPending && <SectionLoader label="Loading the weekly plan" />}
        {plan.isError && <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />}
        {plan.isSuccess && (
          <>
            <PlanForm key={plan.data.version} plan={plan.data} canEdit={canEdit} onReload={() => void plan.refetch()} />
            {plan.data.episodeStatus === 'closed' && (
              <Badge variant="light" color="gray">
                Closed episode: the plan is kept as it ended
              </Badge>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
