import { Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { formatMinutes } from '../../../domain/intensity/minutes-format';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { usePatientIntensity } from './dashboard-api';
import { COMPLIANCE, FORECAST } from './intensity-labels';

/**
 * A patient's hours this week (or the given ISO week) against the program's rules, with the
 * forecast: drop it into a patient chart with `<PatientIntensityCard patientId={id} />`.
 * Readable by director, admin, clinician, psychiatrist and billing (the server refuses others).
 */
export function PatientIntensityCard({ patientId, week, title = 'Weekly hours' }: { patientId: string; week?: string; title?: string }) {
  const query = usePatientIntensity(patientId, week);
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {title}
          {query.data ? ` · ${query.data.week.key}` : ''}
        </Title>
        {query.isPending && <SectionLoader label="Loading weekly hours" />}
        {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
        {query.isSuccess && <IntensityBody data={query.data} />}
      </Stack>
    </Card>
  );
}

function IntensityBody({ data }: { data: NonNullable<ReturnType<typeof usePatientIntensity>['data']> }) {
  if (!data.episode || !data.intensity || !data.forecast || !data.rules) {
    return <Text c="dimmed">No episode of care covers this week.</Text>;
  }
  const { intensity, forecast, rules, episode } = data;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {episode.programName} ({episode.levelOfCare}) · floor {formatMinutes(rules.weeklyFloorMinutes)}
        {rules.weeklyCeilingMinutes === null ? '' : `, ceiling ${formatMinutes(rules.weeklyCeilingMinutes)}`} · days in {episode.timeZone}
      </Text>
      <Group gap="lg">
        <div>
          <Text size="xl" fw={700}>
            {formatMinutes(intensity.minutes)}
          </Text>
          <Text size="xs" c="dimmed">
            attended on {intensity.daysAttended} {intensity.daysAttended === 1 ? 'day' : 'days'}, {intensity.billableDays} billable
          </Text>
        </div>
        <Badge color={COMPLIANCE[intensity.status].color} variant="light">
          {COMPLIANCE[intensity.status].label}
        </Badge>
        {data.isCurrentWeek && <Badge color={FORECAST[forecast.status].color}>Forecast: {FORECAST[forecast.status].label}</Badge>}
        {forecast.overCeiling && <Badge color="grape">Scheduled above the ceiling</Badge>}
      </Group>
      {data.isCurrentWeek && (
        <Text size="sm">
          {forecast.remainingSessions} {forecast.remainingSessions === 1 ? 'session' : 'sessions'} (
          {formatMinutes(forecast.remainingMinutes)}) still scheduled this week.
        </Text>
      )}
      <List size="sm" spacing={2}>
        {(data.isCurrentWeek ? forecast.reasons : intensity.reasons).map((reason) => (
          <List.Item key={reason}>{reason}</List.Item>
        ))}
      </List>
      {intensity.days.length > 0 && (
        <Table withTableBorder verticalSpacing={4} fz="sm">
          <Table.Caption>Minutes per day</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Day</Table.Th>
              <Table.Th scope="col">Attended</Table.Th>
              <Table.Th scope="col">Services</Table.Th>
              <Table.Th scope="col">Billable day</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {intensity.days.map((day) => (
              <Table.Tr key={day.date}>
                <Table.Th scope="row">{day.date}</Table.Th>
                <Table.Td>{formatMinutes(day.minutes)}</Table.Td>
                <Table.Td>{day.services}</Table.Td>
                <Table.Td>{day.billable ? 'Yes' : 'No'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
