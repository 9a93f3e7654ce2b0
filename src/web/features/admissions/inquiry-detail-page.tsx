import { Anchor, Badge, Button, Group, List, Stack, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { TRANSITIONS, isOpenStage } from '../../../domain/admissions/stage-rules';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { formatDateTime } from '../../lib/format';
import { formErrorsFrom } from '../../lib/form-errors';
import { ACCESS, canAccess } from '../../lib/roles';
import { useActiveSession } from '../auth/session-provider';
import { GeneralError } from '../patients/episode-dialogs';
import { useCensusPrograms } from '../patients/patients-api';
import { useStaff } from '../staff/staff-api';
import { useChangeStage, useInquiry, type ActivityBody } from './admissions-api';
import { STAGE_LABELS, URGENT_LABEL, activityTitle, clockText } from './admissions-format';
import type { InquiryDetailDto } from './admissions-types';
import { Contact, Duplicates, Owner, Section, SelfCheck, Tasks } from './inquiry-sections';
import { ActivityModal, AdmitModal, AdmitUnavailable, BookAssessmentModal, CloseModal, ReferModal } from './inquiry-dialogs';

type Dialog =
  | { kind: 'activity'; activity: ActivityBody['kind'] }
  | { kind: 'book' }
  | { kind: 'close' }
  | { kind: 'refer' }
  | { kind: 'admit' }
  | null;

function StageActions({ inquiry, canWork, open }: { inquiry: InquiryDetailDto; canWork: boolean; open: (dialog: Dialog) => void }) {
  const change = useChangeStage(inquiry.id);
  if (!canWork || inquiry.mergedIntoId !== null) return null;
  const allowed = TRANSITIONS[inquiry.stage];
  const errors = change.isError ? formErrorsFrom(change.error, [] as const) : null;
  return (
    <Stack gap="xs">
      <Group gap="sm">
        {allowed.includes('contacted') && (
          <Button variant="default" loading={change.isPending} onClick={() => change.mutate({ version: inquiry.version, to: 'contacted' })}>
            {inquiry.stage === 'new'
              ? 'Mark contacted'
              : inquiry.stage === 'closed' || inquiry.stage === 'referred'
                ? 'Reopen (contacted)'
                : 'Back to contacted'}
          </Button>
        )}
        {allowed.includes('screening') && (
          <Button variant="default" loading={change.isPending} onClick={() => change.mutate({ version: inquiry.version, to: 'screening' })}>
            Move to screening
          </Button>
        )}
        {allowed.includes('assessment_scheduled') && (
          <Button variant="default" onClick={() => open({ kind: 'book' })}>
            {inquiry.stage === 'assessment_scheduled' ? 'Re-book assessment' : 'Book assessment'}
          </Button>
        )}
        {allowed.includes('referred') && (
          <Button variant="default" onClick={() => open({ kind: 'refer' })}>
            Refer elsewhere
          </Button>
        )}
        {allowed.includes('closed') && (
          <Button variant="default" onClick={() => open({ kind: 'close' })}>
            Close inquiry
          </Button>
        )}
      </Group>
      <GeneralError message={errors?.general} />
    </Stack>
  );
}

function Activities({ inquiry, canWork, open }: { inquiry: InquiryDetailDto; canWork: boolean; open: (dialog: Dialog) => void }) {
  const work = canWork && inquiry.mergedIntoId === null;
  return (
    <Section
      title="Activity"
      actions={
        work && (
          <Group gap="xs">
            <Button size="xs" onClick={() => open({ kind: 'activity', activity: 'call' })}>
              Log a call
            </Button>
            <Button size="xs" variant="default" onClick={() => open({ kind: 'activity', activity: 'email' })}>
              Log an email
            </Button>
            <Button size="xs" variant="default" onClick={() => open({ kind: 'activity', activity: 'text_message' })}>
              Log a text
            </Button>
            <Button size="xs" variant="default" onClick={() => open({ kind: 'activity', activity: 'note' })}>
              Add a note
            </Button>
          </Group>
        )
      }
    >
      <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Activity log, newest first">
        {inquiry.activities.map((activity) => (
          <li key={activity.id}>
            <Text size="sm" fw={600}>
              {activityTitle(activity)}
            </Text>
            {activity.body !== null && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {activity.body}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {formatDateTime(activity.createdAt)}
              {activity.createdByName === null ? '' : ` · ${activity.createdByName}`}
            </Text>
          </li>
        ))}
      </Stack>
    </Section>
  );
}

function Assessment({ inquiry, canAdmit, open }: { inquiry: InquiryDetailDto; canAdmit: boolean; open: (dialog: Dialog) => void }) {
  const admittable = isOpenStage(inquiry.stage);
  return (
    <Section title="Level-of-care assessment">
      <Stack gap="sm">
        {inquiry.assessmentAt !== null && (
          <Text size="sm">
            Booked for {formatDateTime(inquiry.assessmentAt)}
            {inquiry.assessmentClinicianName === null ? '' : ` with ${inquiry.assessmentClinicianName}`}
          </Text>
        )}
        {inquiry.assessments.length === 0 ? (
          <Text size="sm">No assessment recorded yet.</Text>
        ) : (
          <List size="sm">
            {inquiry.assessments.map((a) => (
              <List.Item key={a.id}>
                {formatDateTime(a.assessedAt)}: recommended {a.recommendedLevel}, chosen {a.finalLevel}
              </List.Item>
            ))}
          </List>
        )}
        <Anchor component={Link} to={`/admissions/${inquiry.id}/assessment`}>
          Open the level-of-care assessment
        </Anchor>
        {inquiry.stage === 'admitted' && inquiry.patientId !== null && (
          <Anchor component={Link} to={`/patients/${inquiry.patientId}`}>
            Open the patient&apos;s chart
          </Anchor>
        )}
        {canAdmit && admittable && inquiry.mergedIntoId === null && (
          <>
            {!inquiry.admission.allowed && <AdmitUnavailable message={inquiry.admission.message} />}
            <Tooltip label={inquiry.admission.message ?? ''} disabled={inquiry.admission.allowed}>
              <Button w="fit-content" disabled={!inquiry.admission.allowed} onClick={() => open({ kind: 'admit' })}>
                Admit
              </Button>
            </Tooltip>
          </>
        )}
      </Stack>
    </Section>
  );
}

function Detail({ inquiry }: { inquiry: InquiryDetailDto }) {
  const session = useActiveSession();
  const roles = session.user.roles;
  const canWork = canAccess(roles, ACCESS.admissionsWork);
  const canAdmit = canAccess(roles, ACCESS.admissionsAdmit);
  const [dialog, setDialog] = useState<Dialog>(null);
  const staff = useStaff(false);
  const programs = useCensusPrograms();
  const active = (staff.data ?? []).filter((member) => member.status === 'active');
  const clinicians = active.filter((member) => member.roles.some((role) => role === 'clinician' || role === 'psychiatrist'));
  const owners = active
    .filter((member) => member.roles.some((role) => role === 'admissions' || role === 'director' || role === 'front_desk'))
    .map((member) => ({ value: member.userId, label: member.displayName }));
  const close = () => setDialog(null);

  return (
    <Page title={inquiry.contactName}>
      <Stack gap="md">
        <Group gap="sm">
          <Badge variant="light" tt="none" size="lg">
            {STAGE_LABELS[inquiry.stage]}
          </Badge>
          {inquiry.urgent && (
            <Badge color="red.9" tt="none" size="lg">
              {URGENT_LABEL}
            </Badge>
          )}
          <Text fw={inquiry.clock.overdue ? 700 : undefined}>{clockText(inquiry)}</Text>
          <Text size="sm" c="dimmed">
            Received {formatDateTime(inquiry.createdAt)} via{' '}
            {inquiry.source === 'staff' ? 'a call to staff' : inquiry.source === 'api' ? 'the API' : 'the website'}
          </Text>
        </Group>
        {inquiry.urgent && inquiry.urgentReason !== null && <Text size="sm">Why urgent: {inquiry.urgentReason}</Text>}
        {inquiry.mergedIntoId !== null && (
          <Text size="sm">
            Merged into{' '}
            <Anchor component={Link} to={`/admissions/${inquiry.mergedIntoId}`}>
              another inquiry
            </Anchor>
            .
          </Text>
        )}
        {inquiry.closedReason !== null && <Text size="sm">Closed: {inquiry.closedReason}</Text>}
        {inquiry.referredTo !== null && inquiry.stage === 'referred' && <Text size="sm">Referred to: {inquiry.referredTo}</Text>}
        <StageActions inquiry={inquiry} canWork={canWork} open={setDialog} />
        <Owner key={`${inquiry.id}-${inquiry.version}`} inquiry={inquiry} canWork={canWork} owners={owners} />
        <Contact inquiry={inquiry} />
        <SelfCheck inquiry={inquiry} />
        <Assessment inquiry={inquiry} canAdmit={canAdmit} open={setDialog} />
        <Activities inquiry={inquiry} canWork={canWork} open={setDialog} />
        <Tasks inquiry={inquiry} canWork={canWork} owners={owners} />
        <Duplicates inquiry={inquiry} canWork={canWork} />
      </Stack>
      {dialog?.kind === 'activity' && <ActivityModal inquiry={inquiry} kind={dialog.activity} onClose={close} />}
      {dialog?.kind === 'book' && <BookAssessmentModal inquiry={inquiry} clinicians={clinicians} onClose={close} />}
      {dialog?.kind === 'close' && <CloseModal inquiry={inquiry} onClose={close} />}
      {dialog?.kind === 'refer' && <ReferModal inquiry={inquiry} onClose={close} />}
      {dialog?.kind === 'admit' && <AdmitModal inquiry={inquiry} programs={programs.data ?? []} onClose={close} />}
    </Page>
  );
}

/** /admissions/:inquiryId: one inquiry with its log, tasks, duplicates, assessment and the stage actions. */
export function InquiryDetailPage() {
  const { inquiryId = '' } = useParams();
  const inquiry = useInquiry(inquiryId);
  if (inquiry.isPending) return <SectionLoader label="Loading inquiry" />;
  if (inquiry.isError) return <ErrorAlert error={inquiry.error} onRetry={() => void inquiry.refetch()} />;
  return (
    <Stack gap="xs">
      <Anchor component={Link} to="/admissions" size="sm">
        ← Admissions
      </Anchor>
      <Detail inquiry={inquiry.data} />
    </Stack>
  );
}
