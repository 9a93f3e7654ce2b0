import { Alert, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { fullDay, levelLabel, pointMarkers, signed } from './chart-geometry';
import { usePatientTrends, type LevelMarkerDto, type TrendDto } from './outcomes-api';
import { TrendChart, TrendLegend } from './trend-chart';

/** The values behind one chart, for screen readers (the chart itself is a picture to them). */
function TrendTable({ trend }: { trend: TrendDto }) {
  return (
    <VisuallyHidden>
      <table>
        <caption>{`${trend.name} responses`}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Total</th>
            <th scope="col">Band</th>
            <th scope="col">Change from baseline</th>
            <th scope="col">Markers</th>
          </tr>
        </thead>
        <tbody>
          {trend.points.map((point) => (
            <tr key={point.id}>
              <td>{fullDay(point.administeredAt)}</td>
              <td>{point.total}</td>
              <td>{point.band ?? ''}</td>
              <td>{point.isBaseline ? 'baseline' : signed(point.change)}</td>
              <td>{pointMarkers(point).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </VisuallyHidden>
  );
}

function LevelList({ events }: { events: readonly LevelMarkerDto[] }) {
  if (events.length === 0) return null;
  return (
    <VisuallyHidden>
      <ul aria-label="Level-of-care changes">
        {events.map((event, index) => (
          <li key={`${event.kind}-${event.date}-${index}`}>{`${event.date}: ${levelLabel(event)}`}</li>
        ))}
      </ul>
    </VisuallyHidden>
  );
}

function InstrumentTrend({ trend, levelOfCare }: { trend: TrendDto; levelOfCare: readonly LevelMarkerDto[] }) {
  return (
    <Paper withBorder p="sm" component="figure" m={0} aria-labelledby={`trend-${trend.code}-heading`}>
      <Title order={3} size="h5" id={`trend-${trend.code}-heading`} mb="xs">
        {trend.name}
      </Title>
      {trend.points.length === 0 ? (
        <Text size="sm" c="dimmed">
          No complete responses yet.
        </Text>
      ) : (
        <TrendChart trend={trend} levelOfCare={levelOfCare} />
      )}
      <TrendTable trend={trend} />
      {trend.incomplete.length > 0 && (
        <Text size="xs" c="dimmed">
          {`${trend.incomplete.length} incomplete form${trend.incomplete.length === 1 ? '' : 's'} not plotted (no total from an incomplete form).`}
        </Text>
      )}
      {trend.reliability !== null && !trend.reliability.verified && (
        <Text size="xs" c="dimmed">
          {`Reliable change uses SD ${trend.reliability.sd} and reliability ${trend.reliability.reliability}, not yet verified against their source.`}
        </Text>
      )}
    </Paper>
  );
}

/** The chart's trends: each instrument answered, with bands, baseline, markers and level-of-care changes. */
export function PatientTrendsSection({ patientId }: { patientId: string }) {
  const trends = usePatientTrends(patientId);
  return (
    <Stack gap="sm" component="section" aria-labelledby="trends-heading" id="trends">
      <Title order={2} size="h4" id="trends-heading">
        Trends
      </Title>
      {trends.isPending && <SectionLoader label="Loading trends" />}
      {trends.isError && <ErrorAlert error={trends.error} onRetry={() => void trends.refetch()} />}
      {trends.isSuccess &&
        (trends.data.instruments.length === 0 ? (
          <Text size="sm" c="dimmed">
            No responses to chart yet.
          </Text>
        ) : (
          <>
            <TrendLegend />
            {trends.data.instruments.map((trend) => (
              <InstrumentTrend key={trend.code} trend={trend} levelOfCare={trends.data.levelOfCare} />
            ))}
            <LevelList events={trends.data.levelOfCare} />
            <Alert variant="light" color="gray" p="xs">
              <Text size="xs">
                Response is a drop of 50% or more from the episode’s first complete response (the baseline); remission is a PHQ-9 or GAD-7
                total below 5; reliable change follows Jacobson and Truax.
              </Text>
            </Alert>
          </>
        ))}
    </Stack>
  );
}
