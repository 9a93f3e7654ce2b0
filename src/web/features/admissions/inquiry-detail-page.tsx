import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useState, type ReactNode, type SubmitEvent } from 'react';
import { Link, useParams } from 'react-router';
import { TRANSITIONS } from '../../../domain/admissions/stage-rules';
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
import { useAddTask, useAssignOwner, useChangeStage, useCompleteTask, useInquiry, useMerge, type ActivityBody } from './admissions-api';
import { STAGE_LABELS, URGENT_LABEL, activityTitle, clockText, localInputToIso, selfCheckReasons, whoFor } from './admissions-format';
import type { InquiryDetailDto } from './admissions-types';
import { ActivityModal, AdmitModal, AdmitUnavailable, BookAssessmentModal, CloseModal, ReferModal } from './inquiry-dialogs';

type Dialog =
  | { kind: 'activity'; activity: ActivityBody['kind'] }
  | { kind: 'book' }
  | { kind: 'close' }
  | { kind: 'refer' }
  | { kind: 'admit' }
  | null;

function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value === null || value === '' ? '—' : value}</Text>
    </div>
  );
}

function Contact({ inquiry }: { inquiry: InquiryDetailDto }) {
  return (
    <Section title="Contact">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Field label="Name" value={inquiry.contactName} />
        <Field label="Who the care is for" value={whoFor(inquiry)} />
        <Field label="Phone" value={inquiry.phone} />
        <Field label="Email" value={inquiry.email} />
        <Field label="Best time to reach" value={inquiry.bestTime} />
        <Field label="State" value={inquiry.state} />
        <Field label="Age range" value={inquiry.ageRange} />
        <Field label="Program of interest" value={inquiry.programName} />
        <Field label="Format" value={inquiry.formatPreference} />
        <Field
          label="Insurance"
          value={
            inquiry.payerName === null ? null : `${inquiry.payerName}${inquiry.memberId === null ? '' : ` (member ${inquiry.memberId})`}`
          }
        />
        <Field label="Heard about us" value={inquiry.heardAbout} />
        <Field label="Language" value={inquiry.language === 'es' ? 'Spanish' : 'English'} />
      </SimpleGrid>
      {inquiry.concerns !== null && (
        <Stack gap={2} mt="sm">
          <Text size="xs" c="dimmed">
            What they are looking for
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {inquiry.concerns}
          </Text>
        </Stack>
      )}
    </Section>
  );
}

function SelfCheck({ inquiry }: { inquiry: InquiryDetailDto }) {
  const reasons = selfCheckReasons(inquiry.selfCheck);
  if (inquiry.selfCheck === null) return null;
  return (
    <Section title="Self-check they sent">
      <Text size="sm" mb="xs">
        What the visitor reported in the public self-check. It is not a diagnosis: a clinician&apos;s level-of-care assessment decides.
      </Text>
      {reasons.length === 0 ? (
        <Text size="sm">No reasons were given.</Text>
      ) : (
        <List size="sm">
          {reasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
      )}
    </Section>
  );
}

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
            {inquiry.stage === 'closed' || inquiry.stage === 'referred' ? 'Reopen (contacted)' : 'Mark contacted'}
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
            Close
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

function Tasks({ inquiry, canWork, owners }: { inquiry: InquiryDetailDto; canWork: boolean; owners: { value: string; label: string }[] }) {
  const add = useAddTask(inquiry.id);
  const complete = useCompleteTask(inquiry.id);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [ownerId, setOwnerId] = useState('');
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    add.mutate(
      { title, dueAt: localInputToIso(due) ?? due, ...(ownerId === '' ? {} : { ownerId }) },
      {
        onSuccess: () => {
          setTitle('');
          setDue('');
        },
      },
    );
  }
  const errors = add.isError ? formErrorsFrom(add.error, ['title', 'dueAt', 'ownerId'] as const) : null;
  return (
    <Section title="Follow-up tasks">
      {inquiry.tasks.length === 0 ? (
        <Text size="sm">No tasks.</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Task</Table.Th>
              <Table.Th scope="col">Due</Table.Th>
              <Table.Th scope="col">Owner</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {inquiry.tasks.map((task) => (
              <Table.Tr key={task.id}>
                <Table.Td>{task.title}</Table.Td>
                <Table.Td fw={task.overdue ? 700 : undefined}>
                  {formatDateTime(task.dueAt)}
                  {task.overdue ? ' (overdue)' : ''}
                </Table.Td>
                <Table.Td>{task.ownerName}</Table.Td>
                <Table.Td>
                  {task.doneAt !== null ? (
                    `Done ${formatDateTime(task.doneAt)}`
                  ) : canWork ? (
                    <Button
                      size="xs"
                      variant="default"
                      loading={complete.isPending}
                      onClick={() => complete.mutate(task.id)}
                      aria-label={`Mark "${task.title}" done`}
                    >
                      Mark done
                    </Button>
                  ) : (
                    'Open'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canWork && inquiry.mergedIntoId === null && (
        <form onSubmit={submit} aria-label="Add a follow-up task">
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm" spacing="sm">
            <TextInput
              label="New task"
              required
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
              error={errors?.fields.title}
            />
            <TextInput
              label="Due"
              type="datetime-local"
              required
              value={due}
              onChange={(event) => setDue(event.currentTarget.value)}
              error={errors?.fields.dueAt}
            />
            <NativeSelect
              label="Task owner"
              data={[{ value: '', label: 'Me' }, ...owners]}
              value={ownerId}
              onChange={(event) => setOwnerId(event.currentTarget.value)}
              error={errors?.fields.ownerId}
            />
          </SimpleGrid>
          <GeneralError message={errors?.general} />
          <Button type="submit" mt="sm" size="xs" loading={add.isPending}>
            Add task
          </Button>
        </form>
      )}
    </Section>
  );
}

function Owner({ inquiry, canWork, owners }: { inquiry: InquiryDetailDto; canWork: boolean; owners: { value: string; label: string }[] }) {
  const assign = useAssignOwner(inquiry.id);
  const [ownerId, setOwnerId] = useState(inquiry.ownerId ?? '');
  if (!canWork || inquiry.mergedIntoId !== null) return <Field label="Owner" value={inquiry.ownerName} />;
  const errors = assign.isError ? formErrorsFrom(assign.error, ['ownerId'] as const) : null;
  return (
    <form
      aria-label="Inquiry owner"
      onSubmit={(event) => {
        event.preventDefault();
        assign.mutate({ version: inquiry.version, ownerId: ownerId === '' ? null : ownerId });
      }}
    >
      <Group align="flex-end" gap="xs">
        <NativeSelect
          label="Owner"
          data={[{ value: '', label: 'Nobody' }, ...owners]}
          value={ownerId}
          onChange={(event) => setOwnerId(event.currentTarget.value)}
          error={errors?.fields.ownerId}
        />
        <Button type="submit" variant="default" loading={assign.isPending}>
          Assign
        </Button>
      </Group>
      <GeneralError message={errors?.general} />
    </form>
  );
}

function Duplicates({ inquiry, canWork }: { inquiry: InquiryDetailDto; canWork: boolean }) {
  const merge = useMerge(inquiry.id);
  if (inquiry.duplicates.length === 0) return null;
  const errors = merge.isError ? formErrorsFrom(merge.error, [] as const) : null;
  return (
    <Section title="Possible duplicates">
      <Text size="sm" mb="xs">
        Same phone number or email. Merging moves the other inquiry&apos;s log, tasks and assessments here and closes it as a duplicate.
      </Text>
      <Stack gap="xs">
        {inquiry.duplicates.map((duplicate) => (
          <Group key={duplicate.id} justify="space-between">
            <Text size="sm">
              <Anchor component={Link} to={`/admissions/${duplicate.id}`}>
                {duplicate.contactName}
              </Anchor>{' '}
              · {STAGE_LABELS[duplicate.stage]} · {duplicate.phone ?? duplicate.email ?? ''} · received{' '}
              {formatDateTime(duplicate.createdAt)}
            </Text>
            {canWork && duplicate.stage !== 'admitted' && inquiry.mergedIntoId === null && (
              <Button
                size="xs"
                variant="default"
                loading={merge.isPending}
                aria-label={`Merge ${duplicate.contactName} into this inquiry`}
                onClick={() => {
                  if (window.confirm(`Merge the inquiry from ${duplicate.contactName} into this one? It will be closed as a duplicate.`))
                    merge.mutate({ version: inquiry.version, duplicateId: duplicate.id });
                }}
              >
                Merge into this one
              </Button>
            )}
          </Group>
        ))}
      </Stack>
      <GeneralError message={errors?.general} />
    </Section>
  );
}

function Assessment({ inquiry, canAdmit, open }: { inquiry: InquiryDetailDto; canAdmit: boolean; open: (dialog: Dialog) => void }) {
  const admittable = inquiry.stage !== 'admitted' && inquiry.stage !== 'closed';
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
