import { Card, List, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { roleList } from '../../lib/roles';
import { useSites } from '../../lib/use-sites';
import { useActiveSession } from '../auth/session-provider';

/** `/`: a placeholder until the census, schedule and alerts modules arrive. */
export function DashboardPage() {
  const { user } = useActiveSession();
  const sites = useSites();
  const mySites = sites.data?.filter((site) => user.siteIds.includes(site.id)) ?? [];

  return (
    <Page title="Dashboard">
      <Card withBorder padding="lg">
        <Stack gap="sm">
          <Title order={2} size="h3">
            Welcome, {user.displayName}
          </Title>
          <Text>Your roles: {roleList(user.roles)}</Text>
          <Title order={3} size="h5">
            Your sites
          </Title>
          {sites.isPending && <SectionLoader label="Loading sites" />}
          {sites.isError && <ErrorAlert error={sites.error} onRetry={() => void sites.refetch()} />}
          {sites.isSuccess &&
            (mySites.length === 0 ? (
              <Text c="dimmed">You are not assigned to a site yet.</Text>
            ) : (
              <List>
                {mySites.map((site) => (
                  <List.Item key={site.id}>
                    {site.name}{' '}
                    <Text span c="dimmed" size="sm">
                      ({site.timeZone})
                    </Text>
                  </List.Item>
                ))}
              </List>
            ))}
        </Stack>
      </Card>
      <Text c="dimmed">
        Later modules will add today&apos;s census, the group schedule and safety alerts to this page.
      </Text>
    </Page>
  );
}
