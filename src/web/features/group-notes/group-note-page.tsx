import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { sessionTimes } from '../attendance/attendance-page';
import { useActiveSession } from '../auth/session-provider';
import { ChangeCosignerButton } from '../notes/change-cosigner';
import { AttendeeCard } from './attendee-card';
import { SUMMARY_FIELDS } from './group-note-draft';
import { GroupNoteEditor } from './group-note-editor';
import { useCosignGroupNote, useGroupNote, type GroupNoteDto, type GroupNoteViewDto } from './group-notes-api';

/** A trainee's signed note: who must co-sign it, and the button for that supervisor (decision 0032). */
function AwaitingCosign({ note }: { note: GroupNoteDto }) {
  const me = useActiveSession().user.id;
  const cosign = useCosignGroupNote(note.sessionId);
  const mine = note.cosigner?.id === me;
  return (
    <Alert color="orange" title={`Awaiting co-signature by ${note.cosigner?.name ?? 'the supervisor'}`} role="status">
      <Stack gap="sm">
        <Text size="sm">
          Signed by {note.signedBy?.name ?? 'unknown'} on {formatDateTime(note.signedAt)}. The group note and its {note.notesWritten}{' '}
          attendee {note.notesWritten === 1 ? 'note' : 'notes'} are locked and count as signed only once co-signed.
        </Text>
        {mine && (
          <Group>
            <Button onClick={() => cosign.mutate()} loading={cosign.isPending}>
              Co-sign
            </Button>
            {cosign.isError && <ErrorAlert error={cosign.error} />}
          </Group>
        )}
        {note.cosigner !== null && (
          <Group>
            <ChangeCosignerButton
              target={{ kind: 'group-note', sessionId: note.sessionId }}
              current={note.cosigner}
              signerId={note.signedBy?.id ?? null}
            />
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** Who signed (and co-signed), how many chart notes it wrote, and any attendance corrected since. */
function SignedBanner({ view, note }: { view: GroupNoteViewDto; note: GroupNoteDto }) {
  return (
    <>
      {note.status === 'awaiting_cosign' ? (
        <AwaitingCosign note={note} />
      ) : (
        <Alert color="green" title="Signed" role="status">
          Signed by {note.signedBy?.name ?? 'unknown'} on {formatDateTime(note.signedAt)}
          {note.cosignedBy && `, co-signed by ${note.cosignedBy.name} on ${formatDateTime(note.cosignedAt)}`} — {note.notesWritten}{' '}
          {note.notesWritten === 1 ? 'note' : 'notes'} written to the charts.
          {note.part2 && ' These notes are 42 CFR Part 2 records.'}
        </Alert>
      )}
      {view.rosterChanges.length > 0 && (
        <Alert color="orange" title="Attendance changed after signing">
          <Text size="sm">Signed notes are not edited: write an addendum to each patient’s note that no longer matches the roster.</Text>
          <List size="sm">
            {view.rosterChanges.map((change) => (
              <List.Item key={change.patientId}>
                {change.name}: {change.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </>
  );
}

/** A note read-only: once signed, or a draft shown to a reader who does not facilitate the session. */
function ReadOnlyNote({ view, note }: { view: GroupNoteViewDto; note: GroupNoteDto }) {
  const rows = new Map(view.roster.map((row) => [row.patientId, row]));
  return (
    <Stack gap="lg">
      {note.status !== 'draft' && <SignedBanner view={view} note={note} />}
      <Card withBorder component="section" aria-labelledby="read-only-summary-heading">
        <Stack gap="sm">
          <Title order={2} size="h3" id="read-only-summary-heading">
            Shared part
          </Title>
          {SUMMARY_FIELDS.map((field) => (
            <div key={field.key}>
              <Text size="sm" fw={600}>
                {field.label}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {note.summary[field.key] || '—'}
              </Text>
            </div>
          ))}
        </Stack>
      </Card>
      {note.entries.map((entry) => {
        const row = rows.get(entry.patientId);
        return row ? <AttendeeCard key={entry.patientId} row={row} entry={entry} readOnly errors={{}} onChange={() => undefined} /> : null;
      })}
    </Stack>
  );
}

const STATUS_BADGES: Partial<Record<GroupNoteDto['status'], string>> = { signed: 'Signed', awaiting_cosign: 'Awaiting co-signature' };

/** `/sessions/:sessionId/group-note`: write, autosave and sign a group's note, or read it once signed. */
export function GroupNotePage() {
  const { sessionId = '' } = useParams();
  const query = useGroupNote(sessionId);

  if (query.isPending) return <SectionLoader label="Loading the group note" />;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Page title="Group note">
        <ErrorAlert
          error={query.error}
          title={notFound ? 'No such session' : 'Could not load the group note'}
          onRetry={notFound ? undefined : () => void query.refetch()}
        />
      </Page>
    );
  }
  const view = query.data;
  const { session, note } = view;
  const notGroup = session.kind !== 'group';
  const cancelled = session.status === 'cancelled';
  return (
    <Page title={`Group note: ${session.title}`}>
      <Group gap="sm" wrap="wrap">
        <Text>
          {sessionTimes(session)} ({session.timeZone}) · {session.lengthMinutes} min · {session.siteName}
        </Text>
        {note && <Badge variant="light">{STATUS_BADGES[note.status] ?? `Draft, version ${note.version}`}</Badge>}
      </Group>
      <Group gap="md">
        <Anchor component={Link} to={`/sessions/${session.id}/attendance`} size="sm">
          Attendance for this session
        </Anchor>
        <Anchor component={Link} to="/group-notes" size="sm">
          Group notes to write
        </Anchor>
      </Group>
      {notGroup && <Alert color="gray">This session is an individual appointment; group notes are for group sessions.</Alert>}
      {cancelled && <Alert color="red">This session was cancelled; it has no group note.</Alert>}
      {note && note.status !== 'draft' ? (
        <ReadOnlyNote view={view} note={note} />
      ) : notGroup || cancelled ? null : view.canWrite ? (
        <GroupNoteEditor key={query.dataUpdatedAt} view={view} onSigned={() => void query.refetch()} />
      ) : (
        <>
          <Alert color="gray" title="Read only">
            Only the session’s facilitators and directors write and sign its group note.
            {note === null ? ' Nothing has been written yet.' : ` This draft (version ${note.version}) is still being written.`}
          </Alert>
          {note !== null && <ReadOnlyNote view={view} note={note} />}
        </>
      )}
    </Page>
  );
}
