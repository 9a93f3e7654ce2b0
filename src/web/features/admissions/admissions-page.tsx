import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Pagination,
  Paper,
  ScrollArea,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { INQUIRY_STAGES, OPEN_STAGES, type InquiryStage } from '../../../domain/admissions/stage-rules';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { formatDateTime } from '../../lib/format';
import { ACCESS, canAccess } from '../../lib/roles';
import { useActiveSession } from '../auth/session-provider';
import { BOARD_PAGE_SIZE, LIST_PAGE_SIZE, useInquiries, useMyTasks, type InquirySearch } from './admissions-api';
import { STAGE_LABELS, STAGE_OPTIONS, URGENT_LABEL, clockText } from './admissions-format';
import type { InquirySummaryDto } from './admissions-types';
import { InquiryCard } from './inquiry-card';
import { NewInquiryModal } from './new-inquiry-modal';

type View = 'board' | 'list';

function readSearch(params: URLSearchParams): InquirySearch {
  // The list opens on the open stages; "all" is a choice (old closed inquiries would fill it first).
  const stage = params.get('stage') ?? 'open';
  const page = Number(params.get('page') ?? '1');
  return {
    stage: stage === 'all' || (INQUIRY_STAGES as readonly string[]).includes(stage) ? (stage as InquiryStage | 'all') : 'open',
    q: params.get('q') ?? '',
    urgent: params.get('urgent') === '1',
    overdue: params.get('overdue') === '1',
    mine: params.get('mine') === '1',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function writeSearch(search: InquirySearch, view: View): URLSearchParams {
  const params = new URLSearchParams();
  if (view === 'list') params.set('view', 'list');
  if (search.stage !== 'open') params.set('stage', search.stage);
  if (search.q !== '') params.set('q', search.q);
  if (search.urgent) params.set('urgent', '1');
  if (search.overdue) params.set('overdue', '1');
  if (search.mine) params.set('mine', '1');
  if (search.page > 1) params.set('page', String(search.page));
  return params;
}

function Filters({ applied, view, onApply }: { applied: InquirySearch; view: View; onApply: (search: InquirySearch) => void }) {
  const [draft, setDraft] = useState(applied);
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({ ...draft, page: 1 });
  }
  return (
    <form onSubmit={submit} aria-label="Filter inquiries">
      <SimpleGrid cols={{ base: 1, sm: view === 'list' ? 2 : 1 }} spacing="sm">
        <TextInput
          label="Search"
          description="Name, email or part of a phone number"
          value={draft.q}
          onChange={(event) => setDraft({ ...draft, q: event.currentTarget.value })}
        />
        {view === 'list' && (
          <NativeSelect
            label="Stage"
            data={[
              { value: 'open', label: 'Open (not admitted, referred or closed)' },
              { value: 'all', label: 'Any stage' },
              ...STAGE_OPTIONS,
            ]}
            value={draft.stage}
            onChange={(event) => setDraft({ ...draft, stage: readSearch(new URLSearchParams({ stage: event.currentTarget.value })).stage })}
          />
        )}
      </SimpleGrid>
      <Group mt="sm" gap="lg">
        <Checkbox
          label="Urgent only"
          checked={draft.urgent}
          onChange={(event) => setDraft({ ...draft, urgent: event.currentTarget.checked })}
        />
        <Checkbox
          label="Overdue only"
          checked={draft.overdue}
          onChange={(event) => setDraft({ ...draft, overdue: event.currentTarget.checked })}
        />
        <Checkbox label="Mine only" checked={draft.mine} onChange={(event) => setDraft({ ...draft, mine: event.currentTarget.checked })} />
        <Button type="submit">Apply</Button>
        <Button variant="default" onClick={() => onApply({ stage: 'open', q: '', urgent: false, overdue: false, mine: false, page: 1 })}>
          Clear
        </Button>
      </Group>
    </form>
  );
}

/**
 * Columns for the open stages, where the work is. Admitted, referred and closed inquiries are
 * reached through the list (linked under the board): on a board they would only pile up.
 */
function Board({ inquiries }: { inquiries: InquirySummaryDto[] }) {
  return (
    <Stack gap="xs">
      <ScrollArea type="auto" offsetScrollbars>
        <Group align="flex-start" wrap="nowrap" gap="md">
          {OPEN_STAGES.map((stage) => {
            const cards = inquiries.filter((inquiry) => inquiry.stage === stage);
            const headingId = `stage-${stage}`;
            return (
              <Paper
                key={stage}
                component="section"
                aria-labelledby={headingId}
                withBorder
                p="sm"
                bg="gray.0"
                w={270}
                style={{ flex: '0 0 270px' }}
              >
                <Title order={2} size="h5" id={headingId} mb="sm">
                  {STAGE_LABELS[stage]} ({cards.length})
                </Title>
                <Stack gap="sm">
                  {cards.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      None
                    </Text>
                  ) : (
                    cards.map((inquiry) => <InquiryCard key={inquiry.id} inquiry={inquiry} />)
                  )}
                </Stack>
              </Paper>
            );
          })}
        </Group>
      </ScrollArea>
      <Text size="sm">
        Finished inquiries:{' '}
        {(['admitted', 'referred', 'closed'] as const).map((stage, index) => (
          <span key={stage}>
            {index > 0 && ' · '}
            <Anchor component={Link} to={`/admissions?view=list&stage=${stage}`}>
              {STAGE_LABELS[stage]}
            </Anchor>
          </span>
        ))}
      </Text>
    </Stack>
  );
}

function List({ inquiries }: { inquiries: InquirySummaryDto[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="xs">
        <Table.Caption>Inquiries: urgent first, then overdue, then the oldest</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Stage</Table.Th>
            <Table.Th scope="col">Response</Table.Th>
            <Table.Th scope="col">Owner</Table.Th>
            <Table.Th scope="col">Open tasks</Table.Th>
            <Table.Th scope="col">Received</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {inquiries.map((inquiry) => (
            <Table.Tr key={inquiry.id}>
              <Table.Td>
                <Stack gap={2}>
                  <Anchor component={Link} to={`/admissions/${inquiry.id}`}>
                    {inquiry.contactName}
                  </Anchor>
                  {inquiry.urgent && (
                    <Badge color="red.9" tt="none" size="sm">
                      {URGENT_LABEL}
                    </Badge>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>{STAGE_LABELS[inquiry.stage]}</Table.Td>
              <Table.Td fw={inquiry.clock.overdue ? 700 : undefined}>{clockText(inquiry)}</Table.Td>
              <Table.Td>{inquiry.ownerName ?? '—'}</Table.Td>
              <Table.Td>{inquiry.openTasks === 0 ? '—' : `${inquiry.openTasks} (next ${formatDateTime(inquiry.nextTaskDueAt)})`}</Table.Td>
              <Table.Td>{formatDateTime(inquiry.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function MyTasks() {
  const tasks = useMyTasks();
  if (!tasks.isSuccess || tasks.data.length === 0) return null;
  return (
    <Paper component="section" aria-labelledby="my-tasks" withBorder p="sm">
      <Title order={2} size="h4" id="my-tasks" mb="xs">
        My follow-ups
      </Title>
      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {tasks.data.map((task) => (
          <li key={task.id}>
            <Text size="sm" fw={task.overdue ? 700 : undefined}>
              {task.overdue ? 'Overdue: ' : ''}
              {task.title} — due {formatDateTime(task.dueAt)} —{' '}
              <Anchor component={Link} to={`/admissions/${task.inquiryId}`}>
                {task.contactName}
              </Anchor>
            </Text>
          </li>
        ))}
      </Stack>
    </Paper>
  );
}

/** /admissions: the pipeline as a board (columns by stage) or a filtered list. */
export function AdmissionsPage() {
  const session = useActiveSession();
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'list' ? 'list' : 'board';
  const search = readSearch(params);
  const effective = view === 'board' ? { ...search, stage: 'open' as const, page: 1 } : search;
  const pageSize = view === 'board' ? BOARD_PAGE_SIZE : LIST_PAGE_SIZE;
  const inquiries = useInquiries(effective, session.user.id, pageSize);
  const [creating, setCreating] = useState(false);
  const roles = session.user.roles;
  const show = (next: InquirySearch, nextView: View = view) => setParams(writeSearch(next, nextView));
  const total = inquiries.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <Page
      title="Admissions"
      actions={
        <Group gap="sm">
          {canAccess(roles, ACCESS.admissionsReport) && (
            <Button component={Link} to="/admissions/report" variant="default">
              Conversion report
            </Button>
          )}
          {canAccess(roles, ACCESS.admissionsWork) && <Button onClick={() => setCreating(true)}>New inquiry from a call</Button>}
        </Group>
      }
    >
      <SegmentedControl
        aria-label="View"
        value={view}
        onChange={(value) => show({ ...search, page: 1 }, value === 'list' ? 'list' : 'board')}
        data={[
          { value: 'board', label: 'Board' },
          { value: 'list', label: 'List' },
        ]}
        w="fit-content"
      />
      <Filters key={params.toString()} applied={search} view={view} onApply={(next) => show(next)} />
      <MyTasks />
      {inquiries.isPending && <SectionLoader label="Loading inquiries" />}
      {inquiries.isError && <ErrorAlert error={inquiries.error} onRetry={() => void inquiries.refetch()} />}
      {inquiries.isSuccess && (
        <>
          <Text size="sm" c="dimmed" role="status">
            {total === 0 ? 'No inquiries match.' : `${total} inquir${total === 1 ? 'y' : 'ies'}`} · first contact due within{' '}
            {inquiries.data.responseTargetMinutes} minutes
          </Text>
          {view === 'board' ? <Board inquiries={inquiries.data.inquiries} /> : <List inquiries={inquiries.data.inquiries} />}
          {view === 'list' && pages > 1 && (
            <nav aria-label="Inquiry list pages">
              <Pagination
                total={pages}
                value={search.page}
                onChange={(page) => show({ ...search, page })}
                getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
                getControlProps={(control) => ({ 'aria-label': `${control[0]?.toUpperCase() ?? ''}${control.slice(1)} page` })}
              />
            </nav>
          )}
        </>
      )}
      {creating && <NewInquiryModal onClose={() => setCreating(false)} />}
    </Page>
  );
}
