import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { ACCESS, canAccess } from '../../lib/roles';
import { useActiveSession } from '../auth/session-provider';
import { PlanPrintButton, SendRecordButton } from '../disclosures/print-buttons';
import { displayName } from '../patients/patient-format';
import { usePatient } from '../patients/patients-api';
import { NotFound } from '../../components/status-pages';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { ObjectiveHistory } from './objective-history';
import { PatientSignModal } from './patient-sign-modal';
import { PlanContentView } from './plan-content-view';
import { PlanEditor } from './plan-editor';
import { REVIEW_BADGE, STATUS_BADGE } from './plan-format';
import { CreateSignLinkModal, SignLinksList } from './sign-links';
import { usePatientPlans, usePlan, type PlanDto } from './treatment-plans-api';

/** /patients/:patientId/treatment-plans/:planId: the draft's editor, or a signed version read-only. */
export function TreatmentPlanPage() {
  const { patientId = '', planId = '' } = useParams();
  const plan = usePlan(planId);
  const chart = usePatientPlans(patientId);
  const patient = usePatient(patientId);
  const session = useActiveSession();

  if (plan.isError && plan.error instanceof ApiError && plan.error.status === 404) return <NotFound />;
  if (plan.isPending || chart.isPending) return <SectionLoader label="Loading the treatment plan" />;
  if (plan.isError) return <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />;
  if (chart.isError) return <ErrorAlert error={chart.error} onRetry={() => void chart.refetch()} />;

  const data = plan.data;
  const review = data.reviewStatus === null ? null : REVIEW_BADGE[data.reviewStatus];
  return (
    <Page title={`Treatment plan, version ${data.planVersion}`}>
      <Group gap="xs">
        <Anchor component={Link} to={`/patients/${encodeURIComponent(patientId)}`} size="sm">
          Back to the chart
        </Anchor>
        <Badge color={STATUS_BADGE[data.status].color} variant="light" data-testid="plan-status">
          {STATUS_BADGE[data.status].label}
        </Badge>
        {review && (
          <Badge color={review.color} variant="light">
            {review.label}
          </Badge>
        )}
        {data.part2 && (
          <Badge color="grape" variant="light">
            42 CFR Part 2
          </Badge>
        )}
        <Text size="sm" c="dimmed">
          {data.program.name}
          {data.revisionReason === null ? '' : ` · Revision: ${data.revisionReason}`}
        </Text>
        <PlanPrintButton planId={data.id} />
        {data.status !== 'draft' && patient.isSuccess && canAccess(session.user.roles, ACCESS.disclose) && (
          <SendRecordButton patientId={patientId} patientName={displayName(patient.data)} what={{ kind: 'plan', planId: data.id }} />
        )}
      </Group>
      {data.status === 'draft' ? (
        <PlanEditor key={data.id} plan={data} staff={chart.data.staff} />
      ) : (
        <SignedPlan plan={data} staff={chart.data.staff} />
      )}
    </Page>
  );
}

function SignedPlan({ plan, staff }: { plan: PlanDto; staff: { id: string; name: string }[] }) {
  const [dialog, setDialog] = useState<'none' | 'patient' | 'link'>('none');
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Stack gap={4}>
          <Text size="sm">
            Signed by {plan.clinicianSignedBy?.name ?? '—'} on {formatDateTime(plan.clinicianSignedAt)}. Review due{' '}
            {plan.reviewDueOn ?? '—'}.
          </Text>
          {plan.patientSignature && (
            <Text size="sm">
              Signed by the patient as “{plan.patientSignature.name}” on {formatDateTime(plan.patientSignature.at)} (
              {plan.patientSignature.method === 'device' ? 'on a clinic device' : 'through a signing link'}
              {plan.patientSignature.hasImage ? ', with a drawn signature' : ''}).
            </Text>
          )}
          {plan.patientDeclinedReason !== null && <Text size="sm">The patient did not sign: {plan.patientDeclinedReason}</Text>}
        </Stack>
      </Paper>
      {plan.status === 'awaiting_patient' && (
        <Alert color="yellow" title="Awaiting the patient’s signature">
          <Group gap="xs">
            <Button size="xs" onClick={() => setDialog('patient')}>
              Patient signs on this device
            </Button>
            <Button size="xs" variant="light" onClick={() => setDialog('link')}>
              Send a signing link
            </Button>
          </Group>
        </Alert>
      )}
      <SignLinksList planId={plan.id} />
      <PlanContentView
        content={plan.content}
        staff={staff}
        plannedDaysPerWeek={plan.plannedDaysPerWeek}
        plannedMinutesPerWeek={plan.plannedMinutesPerWeek}
      />
      <ObjectiveHistory planId={plan.id} />
      {dialog === 'patient' && <PatientSignModal plan={plan} onClose={() => setDialog('none')} />}
      {dialog === 'link' && <CreateSignLinkModal planId={plan.id} onClose={() => setDialog('none')} />}
    </Stack>
  );
}
