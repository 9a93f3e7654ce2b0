import { Anchor, Button, Group, List, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { formErrorsFrom } from '../../lib/form-errors';
import { GeneralError } from '../patients/episode-dialogs';
import { useAddTask, useAssignOwner, useCompleteTask, useMerge } from './admissions-api';
import { STAGE_LABELS, localInputToIso, readSelfCheck, whoFor } from './admissions-format';
import type { InquiryDetailDto } from './admissions-types';

// Sections of the inquiry page: contact, self-check, owner, follow-up tasks, possible duplicates.

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
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

export function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value === null || value === '' ? '—' : value}</Text>
    </div>
  );
}

export function Contact({ inquiry }: { inquiry: InquiryDetailDto }) {
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

export function SelfCheck({ inquiry }: { inquiry: InquiryDetailDto }) {
  const summary = readSelfCheck(inquiry.selfCheck);
  if (summary === null) return null;
  return (
    <Section title="Self-check they sent">
      <Text size="sm" mb="xs">
        What the visitor reported in the public self-check. It is not a diagnosis: a clinician&apos;s level-of-care assessment decides.
      </Text>
      {summary.outcome !== null && (
        <Text size="sm" mb="xs">
          Result shown to them: <strong>{summary.outcome}</strong>
        </Text>
      )}
      {summary.reasons.length === 0 ? (
        <Text size="sm">No reasons were given.</Text>
      ) : (
        <List size="sm">
          {summary.reasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
      )}
      {(summary.phq9Total !== null || summary.gad7Total !== null) && (
        <Text size="sm" mt="xs">
          {summary.phq9Total !== null && `PHQ-9 total ${summary.phq9Total}. `}
          {summary.gad7Total !== null && `GAD-7 total ${summary.gad7Total}.`}
        </Text>
      )}
    </Section>
  );
}

export function Tasks({
  inquiry,
  canWork,
  owners,
}: {
  inquiry: InquiryDetailDto;
  canWork: boolean;
  owners: { value: string; label: string }[];
}) {
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
                      aria-label={`Mark done: ${task.title}`}
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

export function Owner({
  inquiry,
  canWork,
  owners,
}: {
  inquiry: InquiryDetailDto;
  canWork: boolean;
  owners: { value: string; label: string }[];
}) {
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

export function Duplicates({ inquiry, canWork }: { inquiry: InquiryDetailDto; canWork: boolean }) {
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
                aria-label={`Merge into this one: ${duplicate.contactName}`}
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
