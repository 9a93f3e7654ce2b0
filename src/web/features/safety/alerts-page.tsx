import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { useActiveSession } from '../auth/session-provider';
import { AcknowledgeModal } from './acknowledge-modal';
import { AlertsTable } from './alerts-table';
import { useAlerts, type AlertDto, type AlertStatus } from './safety-api';

/** /alerts: the suicide-risk alert queue, acute first then longest waiting (docs/domain/safety.md). */
export function AlertsPage() {
  const session = useActiveSession();
  const [status, setStatus] = useState<AlertStatus>('open');
  const alerts = useAlerts(status);
  const [acknowledging, setAcknowledging] = useState<AlertDto | null>(null);

  return (
    <Page title="Safety alerts">
      <Text c="dimmed" size="sm">
        Alerts nobody acknowledges in time escalate to the program directors (by default after 30 minutes for acute, 4 hours for positive).
      </Text>
      <SegmentedControl
        aria-label="Which alerts"
        value={status}
        onChange={(value) => setStatus(value === 'acknowledged' ? 'acknowledged' : 'open')}
        data={[
          { value: 'open', label: 'Open' },
          { value: 'acknowledged', label: 'Acknowledged' },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <Stack gap="sm">
        {alerts.isPending && <SectionLoader label="Loading alerts" />}
        {alerts.isError && <ErrorAlert error={alerts.error} onRetry={() => void alerts.refetch()} />}
        {alerts.isSuccess && alerts.data.length === 0 && (
          <Text size="sm" c="dimmed">
            {status === 'open' ? 'No open alerts.' : 'No acknowledged alerts yet.'}
          </Text>
        )}
        {alerts.isSuccess && alerts.data.length > 0 && (
          <AlertsTable
            alerts={alerts.data}
            roles={session.user.roles}
            caption={status === 'open' ? 'Open alerts, most urgent first' : 'Acknowledged alerts, latest first'}
            onAcknowledge={status === 'open' ? setAcknowledging : null}
          />
        )}
      </Stack>
      {acknowledging !== null && <AcknowledgeModal alert={acknowledging} onClose={() => setAcknowledging(null)} />}
    </Page>
  );
}
