import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { formatDateTime } from '../../lib/format';
import { REVIEW_BADGE, STATUS_BADGE } from './plan-format';
import { useCreatePlan, usePatientPlans, useStartRevision, type EpisodePlansDto } from './treatment-plans-api';
import { Dialog } from '../../components/dialog';

const planUrl = (patientId: string, planId: string) =>
  `/patients/${encodeURIComponent(patientId)}/treatment-plans/${encodeURIComponent(planId)}`;

/** The chart's treatment plan section: one card per open episode with its versions. */
export function PatientPlansSection({ patientId }: { patientId: string }) {
  const plans = usePatientPlans(patientId);
  return (
    <Stack gap="sm" component="section" aria-labelledby="treatment-plans-heading" id="treatment-plans">
      <Title order={2} size="h4" id="treatment-plans-heading">
        Treatment plans
      </Title>
      {plans.isPending && <SectionLoader label="Loading treatment plans" />}
      {plans.isError && <ErrorAlert error={plans.error} onRetry={() => void plans.refetch()} />}
      {plans.isSuccess && plans.data.episodes.length === 0 && (
        <Text size="sm" c="dimmed">
          No open episode: a treatment plan is written for an episode of care.
        </Text>
      )}
      {plans.data?.episodes.map((episode) => (
        <EpisodePlans key={episode.episodeId} patientId={patientId} episode={episode} />
      ))}
    </Stack>
  );
}

function EpisodePlans({ patientId, episode }: { patientId: string; episode: EpisodePlansDto }) {
  const navigate = useNavigate();
  const create = useCreatePlan();
  const [revising, setRevising] = useState(false);
  const [latest] = episode.versions;
  const current = episode.versions.find((v) => v.status !== 'draft');
  const review = current?.reviewStatus ? REVIEW_BADGE[current.reviewStatus] : null;
  const open = (planId: string) => void navigate(planUrl(patientId, planId));

  return (
    <Paper withBorder p="md" component="article" aria-label={`Treatment plan for ${episode.program.name}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} size="h5">
              {episode.program.name}
            </Title>
            <Group gap="xs" mt={4}>
              {latest === undefined && (
                <Badge color="red" variant="light">
                  No treatment plan
                </Badge>
              )}
              {latest !== undefined && (
                <Badge color={STATUS_BADGE[latest.status].color} variant="light" data-testid="plan-section-status">
                  Version {latest.planVersion}: {STATUS_BADGE[latest.status].label}
                </Badge>
              )}
              {review && (
                <Badge color={review.color} variant="light">
                  {review.label} {current?.reviewDueOn}
                </Badge>
              )}
              {current && current.reviewStatus === 'current' && (
                <Text size="xs" c="dimmed">
                  Review due {current.reviewDueOn}
                </Text>
              )}
            </Group>
          </div>
          <Group gap="xs">
            {latest === undefined && (
              <Button
                size="xs"
                loading={create.isPending}
                onClick={() => create.mutate(episode.episodeId, { onSuccess: (plan) => open(plan.id) })}
              >
                Start treatment plan
              </Button>
            )}
            {latest?.status === 'draft' && (
              <Button size="xs" component={Link} to={planUrl(patientId, latest.id)}>
                Continue draft (version {latest.planVersion})
              </Button>
            )}
            {latest !== undefined && latest.status !== 'draft' && (
              <Button size="xs" variant="light" onClick={() => setRevising(true)}>
                Revise plan
              </Button>
            )}
          </Group>
        </Group>
        {create.isError && <ErrorAlert error={create.error} />}
        {episode.versions.length > 0 && (
          <Table withTableBorder striped>
            <Table.Caption>Plan versions (older versions stay readable)</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Version</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Signed</Table.Th>
                <Table.Th>Review due</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {episode.versions.map((version) => (
                <Table.Tr key={version.id}>
                  <Table.Td>
                    <Anchor component={Link} to={planUrl(patientId, version.id)}>
                      Version {version.planVersion}
                    </Anchor>
                    {version.revisionReason !== null && (
                      <Text size="xs" c="dimmed">
                        {version.revisionReason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{STATUS_BADGE[version.status].label}</Table.Td>
                  <Table.Td>
                    {version.clinicianSignedAt === null
                      ? '—'
                      : `${formatDateTime(version.clinicianSignedAt)} by ${version.clinicianSignedBy?.name ?? ''}`}
                  </Table.Td>
                  <Table.Td>{version.reviewDueOn ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {revising && <RevisionModal episodeId={episode.episodeId} onClose={() => setRevising(false)} onStarted={open} />}
    </Paper>
  );
}

function RevisionModal({ episodeId, onClose, onStarted }: { episodeId: string; onClose: () => void; onStarted: (planId: string) => void }) {
  const start = useStartRevision();
  const [reason, setReason] = useState('');
  const [isReview, setIsReview] = useState(true);
  return (
    <Dialog opened onClose={onClose} title="Revise the treatment plan">
      <Stack gap="md">
        <Text size="sm">The next version starts as a copy of the current one; the current version stays readable.</Text>
        <Textarea
          label="Reason for the revision"
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <Checkbox
          label="This is the scheduled plan review"
          checked={isReview}
          onChange={(event) => setIsReview(event.currentTarget.checked)}
        />
        {start.isError && <ErrorAlert error={start.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={reason.trim() === ''}
            loading={start.isPending}
            onClick={() => start.mutate({ episodeId, reason: reason.trim(), isReview }, { onSuccess: (plan) => onStarted(plan.id) })}
          >
            Start revision
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
