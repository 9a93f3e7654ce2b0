import { Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { SAFETY_PLAN_PARTS } from '../../../domain/safety/safety-plan';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import type { Role } from '../../lib/api-types';
import { formatDateTime } from '../../lib/format';
import { AcknowledgeModal } from './acknowledge-modal';
import { AlertsTable } from './alerts-table';
import { PlanEditorModal } from './plan-editor-modal';
import { PlanLinksList, SharePlanModal } from './plan-links';
import { RaiseAlertModal } from './raise-alert-modal';
import { planPdfUrl, useAlerts, usePlanVersion, useSafetyPlan, type AlertDto, type PlanDto } from './safety-api';

function PlanView({ plan }: { plan: PlanDto }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {SAFETY_PLAN_PARTS.map((part, index) => (
        <div key={part.key}>
          <Title order={4} size="h6">
            {`Step ${index + 1}: ${part.title}`}
          </Title>
          {plan[part.key].length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing written yet.
            </Text>
          ) : (
            <List size="sm" spacing={2}>
              {plan[part.key].map((entry, i) => (
                <List.Item key={i}>{entry}</List.Item>
              ))}
            </List>
          )}
        </div>
      ))}
    </SimpleGrid>
  );
}

function OldVersion({ patientId, version, onClose }: { patientId: string; version: number; onClose: () => void }) {
  const plan = usePlanVersion(patientId, version);
  return (
    <Paper withBorder p="md" component="section" aria-label={`Safety plan version ${version}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>Version {version}</Text>
          <Button size="xs" variant="default" onClick={onClose}>
            Close version {version}
          </Button>
        </Group>
        {plan.isPending && <SectionLoader label={`Loading version ${version}`} />}
        {plan.isError && <ErrorAlert error={plan.error} />}
        {plan.isSuccess && <PlanView plan={plan.data} />}
      </Stack>
    </Paper>
  );
}

type Dialog = { kind: 'none' } | { kind: 'edit' } | { kind: 'raise' } | { kind: 'share' } | { kind: 'ack'; alert: AlertDto };

/** The chart's safety section: open alerts, the current safety plan with its versions, PDF, raising an alert. */
export function PatientSafetySection({
  patientId,
  patientName,
  roles,
}: {
  patientId: string;
  patientName: string;
  roles: readonly Role[];
}) {
  const alerts = useAlerts('open', patientId);
  const plan = useSafetyPlan(patientId);
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const [viewing, setViewing] = useState<number | null>(null);
  const close = () => setDialog({ kind: 'none' });
  const current = plan.data?.current ?? null;

  return (
    <Stack gap="sm" component="section" aria-labelledby="safety-heading" id="safety">
      <Group justify="space-between">
        <Title order={2} size="h4" id="safety-heading">
          Safety
        </Title>
        <Button color="red" variant="light" onClick={() => setDialog({ kind: 'raise' })}>
          Raise alert
        </Button>
      </Group>
      {alerts.isPending && <SectionLoader label="Loading alerts" />}
      {alerts.isError && <ErrorAlert error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.isSuccess && alerts.data.length === 0 && (
        <Text size="sm" c="dimmed">
          No open safety alerts.
        </Text>
      )}
      {alerts.isSuccess && alerts.data.length > 0 && (
        <AlertsTable
          alerts={alerts.data}
          roles={roles}
          caption="Open safety alerts"
          showSubject={false}
          onAcknowledge={(alert) => setDialog({ kind: 'ack', alert })}
        />
      )}

      <Paper withBorder p="md" component="article" aria-labelledby="safety-plan-heading">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={3} size="h5" id="safety-plan-heading">
                Safety plan
              </Title>
              {current !== null && (
                <Text size="xs" c="dimmed">
                  Version {current.version}, {formatDateTime(current.createdAt)} by {current.createdBy.name}
                </Text>
              )}
            </div>
            <Group gap="xs">
              {current !== null && (
                <Button component="a" href={planPdfUrl(patientId)} target="_blank" rel="noopener" size="xs" variant="default">
                  Print PDF
                </Button>
              )}
              {current !== null && (
                <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'share' })}>
                  Share with the patient
                </Button>
              )}
              <Button size="xs" onClick={() => setDialog({ kind: 'edit' })} disabled={!plan.isSuccess}>
                {current === null ? 'Write a safety plan' : 'Edit (new version)'}
              </Button>
            </Group>
          </Group>
          {plan.isPending && <SectionLoader label="Loading the safety plan" />}
          {plan.isError && <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />}
          {plan.isSuccess && current === null && (
            <Text size="sm" c="dimmed">
              No safety plan yet.
            </Text>
          )}
          {current !== null && <PlanView plan={current} />}
          {plan.isSuccess && plan.data.versions.length > 1 && (
            <Group gap="xs" aria-label="Earlier versions" role="group">
              <Text size="sm" c="dimmed">
                Earlier versions:
              </Text>
              {plan.data.versions
                .filter((v) => v.version !== current?.version)
                .map((v) => (
                  <Anchor
                    key={v.version}
                    component="button"
                    type="button"
                    size="sm"
                    onClick={() => setViewing(v.version)}
                    title={`${formatDateTime(v.createdAt)} by ${v.createdBy.name}`}
                  >
                    Version {v.version}
                  </Anchor>
                ))}
            </Group>
          )}
          {viewing !== null && <OldVersion patientId={patientId} version={viewing} onClose={() => setViewing(null)} />}
          {plan.isSuccess && <PlanLinksList patientId={patientId} />}
        </Stack>
      </Paper>

      {dialog.kind === 'edit' && <PlanEditorModal patientId={patientId} current={current} onClose={close} />}
      {dialog.kind === 'share' && <SharePlanModal patientId={patientId} onClose={close} />}
      {dialog.kind === 'raise' && <RaiseAlertModal patientId={patientId} patientName={patientName} onClose={close} />}
      {dialog.kind === 'ack' && <AcknowledgeModal alert={dialog.alert} onClose={close} />}
    </Stack>
  );
}
