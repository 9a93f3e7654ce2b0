import { Card, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { ACCESS, canAccess, roleList } from '../../lib/roles';
import { useActiveSession } from '../auth/session-provider';
import { PlanReviewsCard } from '../treatment-plans/plan-reviews-card';
import { AtRiskTable } from './at-risk-table';
import { CensusTable, Movements } from './census-tables';
import { useDashboard } from './dashboard-api';
import { TodaysSessions } from './todays-sessions';

/**
 * `/`: the director dashboard (today's sessions per site, census, patients at risk this week,
 * admissions and discharges) for the roles that may read it; a welcome for everyone else.
 */
export function DashboardPage() {
  const { user } = useActiveSession();
  const allowed = canAccess(user.roles, ACCESS.intensity);
  const dashboard = useDashboard(allowed);

  return (
    <Page title="Dashboard">
      <Card withBorder padding="md">
        <Title order={2} size="h4">
          Welcome, {user.displayName}
        </Title>
        <Text size="sm" c="dimmed">
          Your roles: {roleList(user.roles)}
        </Text>
      </Card>
      {canAccess(user.roles, ACCESS.treatmentPlans) && <PlanReviewsCard />}
      {!allowed && (
        <Text c="dimmed">The program dashboard is for directors, clinicians, psychiatrists, administrators and billing staff.</Text>
      )}
      {allowed && dashboard.isPending && <SectionLoader label="Loading the dashboard" />}
      {allowed && dashboard.isError && (
        <ErrorAlert error={dashboard.error} title="Could not load the dashboard" onRetry={() => void dashboard.refetch()} />
      )}
      {dashboard.isSuccess && (
        <Stack gap="xl">
          <TodaysSessions sites={dashboard.data.sites} canTakeAttendance={canAccess(user.roles, ACCESS.attendance)} />
          <AtRiskTable atRisk={dashboard.data.atRisk} />
          <CensusTable census={dashboard.data.census} />
          <Movements admissions={dashboard.data.admissions} discharges={dashboard.data.discharges} />
        </Stack>
      )}
    </Page>
  );
}
