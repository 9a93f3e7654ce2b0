import { Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import type { EpisodeDto } from '../../lib/api-types';
import { careTimeline, formatDate } from './patient-format';

/** The level-of-care history across every episode, oldest first. */
export function CareTimeline({ episodes }: { episodes: EpisodeDto[] }) {
  const entries = careTimeline(episodes);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="history-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="history-heading">
          Level-of-care history
        </Title>
        {entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            No admissions yet.
          </Text>
        ) : (
          <Timeline active={entries.length - 1} bulletSize={14} lineWidth={2}>
            {entries.map((entry) => (
              <Timeline.Item key={entry.key} title={entry.title}>
                <Text size="xs" c="dimmed">
                  {formatDate(entry.date)}
                  {entry.by !== null && ` · recorded by ${entry.by}`}
                </Text>
                {entry.reason !== '' && <Text size="sm">Reason: {entry.reason}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
    </Paper>
  );
}
