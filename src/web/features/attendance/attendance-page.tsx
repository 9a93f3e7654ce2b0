import { Alert, Badge, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { ApiError } from '../../lib/api';
import type { RosterSessionDto } from '../../lib/api-types';
import { useRoster } from './attendance-api';
import { GroupNoteButton } from '../group-notes/group-note-button';
import { RosterForm } from './roster-form';

/** "Wednesday, November 4, 2026, 9:00 AM – 12:00 PM" in the site's zone, which the page names. */
export function sessionTimes(session: Pick<RosterSessionDto, 'startsAt' | 'endsAt' | 'timeZone'>): string {
  const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeZone: session.timeZone });
  const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone: session.timeZone });
  return `${day.format(Date.parse(session.startsAt))}, ${time.format(Date.parse(session.startsAt))} – ${time.format(Date.parse(session.endsAt))}`;
}

function SessionSummary({
  session,
  counts,
}: {
  session: RosterSessionDto;
  counts: { expected: number; recorded: number; attended: number; walkIns: number };
}) {
  return (
    <Group gap="sm" wrap="wrap">
      <Text>
        {sessionTimes(session)} ({session.timeZone}) · {session.lengthMinutes} min · {session.siteName}
      </Text>
      <Badge variant="light">
        {counts.attended} attended · {counts.recorded} of {counts.expected + counts.walkIns} recorded
      </Badge>
      {session.status === 'cancelled' && <Badge color="red">Cancelled</Badge>}
      {session.dayClosed && <Badge color="gray">Day closed</Badge>}
    </Group>
  );
}

/** `/sessions/:sessionId/attendance`: the roster, checked in as a group. */
export function AttendancePage() {
  const { sessionId = '' } = useParams();
  const roster = useRoster(sessionId);
  const [savedAt, setSavedAt] = useState<string | null>(null);

  if (roster.isPending) return <SectionLoader label="Loading the roster" />;
  if (roster.isError) {
    const notFound = roster.error instanceof ApiError && roster.error.status === 404;
    return (
      <Page title="Attendance">
        <ErrorAlert
          error={roster.error}
          title={notFound ? 'No such session' : 'Could not load the roster'}
          onRetry={notFound ? undefined : () => void roster.refetch()}
        />
      </Page>
    );
  }
  const { session, counts } = roster.data;
  return (
    <Page title={`Attendance: ${session.title}`} actions={<GroupNoteButton session={session} />}>
      <SessionSummary session={session} counts={counts} />
      {session.status === 'cancelled' && (
        <Alert color="red" title="This session was cancelled">
          {session.cancelReason ?? 'No reason given'}. Attendance cannot be recorded.
        </Alert>
      )}
      {session.dayClosed && (
        <Alert color="gray" title="The day is closed">
          Changes are corrections: each needs a reason and is recorded in the audit trail.
        </Alert>
      )}
      {savedAt !== null && (
        <Text size="sm" c="green.8" role="status">
          Saved at {new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(Date.parse(savedAt))}
        </Text>
      )}
      <RosterForm
        key={roster.dataUpdatedAt}
        roster={roster.data}
        onSaved={() => setSavedAt(new Date().toISOString())}
        onReload={() => void roster.refetch()}
      />
    </Page>
  );
}
