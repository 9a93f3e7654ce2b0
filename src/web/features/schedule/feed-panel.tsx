import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { CopyField } from '../../components/copy-field';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../lib/format';
import { useCreateFeed, useFeedStatus, useRevokeFeed } from './schedule-api';

/** The feed's full address; calendar apps also accept webcal:// for the same URL. */
export function absoluteFeedUrl(path: string, origin: string): string {
  return new URL(path, origin).href;
}

/** "Subscribe to my calendar": a secret iCalendar URL of the caller's own sessions, shown once, revocable. */
export function FeedPanel() {
  const status = useFeedStatus();
  const create = useCreateFeed();
  const revoke = useRevokeFeed();
  const [url, setUrl] = useState<string | null>(null);
  const active = status.data?.active ?? false;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="feed-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="feed-heading">
          Subscribe to my calendar
        </Title>
        <Text size="sm">
          Add your own sessions (two weeks back, eight weeks ahead) to a calendar app with a secret link. The feed shows times, group titles
          and rooms, never patient names.
        </Text>
        {status.isError && <ErrorAlert error={status.error} />}
        {url !== null && (
          <Alert color="yellow" title="Copy this link now" role="status">
            <Stack gap="xs">
              <Text size="sm">
                It is shown only once. Anyone who has it can see your schedule, so keep it private; revoke it if it leaks.
              </Text>
              <CopyField label="Calendar feed link" value={url} testId="feed-url" />
            </Stack>
          </Alert>
        )}
        {url === null && status.isSuccess && (
          <Text size="sm" c="dimmed">
            {active && status.data.createdAt !== null
              ? `A link is active (created ${formatDateTime(status.data.createdAt)}).`
              : 'No link is active.'}
          </Text>
        )}
        {(create.isError || revoke.isError) && <ErrorAlert error={create.error ?? revoke.error} title="Not done" />}
        <Group gap="sm">
          <Button
            loading={create.isPending}
            onClick={() => create.mutate(undefined, { onSuccess: (feed) => setUrl(absoluteFeedUrl(feed.url, window.location.origin)) })}
          >
            {active ? 'Replace the link' : 'Create a subscription link'}
          </Button>
          {active && (
            <Button
              variant="default"
              color="red"
              loading={revoke.isPending}
              onClick={() => revoke.mutate(undefined, { onSuccess: () => setUrl(null) })}
            >
              Revoke the link
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
