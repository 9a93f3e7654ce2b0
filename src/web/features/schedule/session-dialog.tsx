import { Anchor, Button, Group, NumberInput, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { ACCESS, canAccess } from '../../lib/roles';
import { useActiveSession } from '../auth/session-provider';
import type { CalendarSessionDto, ScheduleOptionsDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { ConflictAlert } from './conflict-alert';
import { useChangeSession, type SessionChange } from './schedule-api';
import { sessionPlace, sessionTimes } from './week-grid';
import { Dialog } from '../../components/dialog';

const MOVE_FIELDS = ['date', 'startTime', 'durationMinutes', 'reason', 'facilitatorId', 'replacesFacilitatorId'] as const;

type Props = {
  session: CalendarSessionDto;
  options: ScheduleOptionsDto;
  canChange: boolean;
  canEditSeries: boolean;
  onEditSeries: (templateId: string) => void;
  onClose: () => void;
};

function Details({ session }: { session: CalendarSessionDto }) {
  return (
    <Stack gap={4}>
      <Text>
        {session.localDate}, {sessionTimes(session)} ({session.timeZone})
      </Text>
      <Text>Where: {sessionPlace(session)}</Text>
      <Text>
        {session.kind === 'group' ? 'Facilitators' : 'Clinician'}:{' '}
        {session.facilitators.map((person) => person.displayName).join(', ') || '—'}
      </Text>
      {session.kind === 'group' && (
        <Text>
          Expected: {session.expected} of {session.capacity}
        </Text>
      )}
      {session.status === 'cancelled' && (
        <Text c="red">
          Cancelled{session.cancelledBy === 'closure' ? ' (site closed)' : ''}: {session.cancelReason}
        </Text>
      )}
      {session.moved && session.occurrenceDate !== null && <Text c="dimmed">Moved from the series date {session.occurrenceDate}</Text>}
    </Stack>
  );
}

/** One session: its details and, for staff who may, move / cancel / restore / substitute. */
export function SessionDialog({ session, options, canChange, canEditSeries, onEditSeries, onClose }: Props) {
  const roles = useActiveSession().user.roles;
  const change = useChangeSession();
  const [date, setDate] = useState(session.localDate);
  const [startTime, setStartTime] = useState(session.localStartTime);
  const [duration, setDuration] = useState<number | string>(session.durationMinutes);
  const [reason, setReason] = useState('');
  const [substitute, setSubstitute] = useState<string | null>(null);
  const [replaces, setReplaces] = useState<string | null>(null);
  const isGroup = session.kind === 'group';
  const qualified = options.staff.filter(
    (staff) =>
      session.modality !== null &&
      staff.modalities.includes(session.modality) &&
      !session.facilitators.some((person) => person.id === staff.id),
  );

  function send(body: SessionChange, done: string) {
    change.mutate(
      { sessionId: session.id, change: body },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: done });
          onClose();
        },
      },
    );
  }

  function submit(action: 'move' | 'cancel' | 'substitute') {
    return (event: SubmitEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (action === 'move')
        send({ action, version: session.version, date, startTime, durationMinutes: Number(duration) }, 'Session moved');
      if (action === 'cancel') send({ action, version: session.version, reason }, 'Session cancelled');
      if (action === 'substitute' && substitute !== null) {
        send(
          {
            action,
            version: session.version,
            facilitatorId: substitute,
            ...(replaces === null ? {} : { replacesFacilitatorId: replaces }),
          },
          'Substitute facilitator set',
        );
      }
    };
  }

  const errors = change.isError ? formErrorsFrom(change.error, MOVE_FIELDS) : null;
  const cancelledByStaff = session.status === 'cancelled' && session.cancelledBy === 'staff';
  return (
    <Dialog opened onClose={onClose} title={session.title} size="lg">
      <Stack gap="md">
        <Details session={session} />
        {session.status === 'scheduled' && canAccess(roles, ACCESS.attendance) && (
          <Anchor component={Link} to={`/sessions/${session.id}/attendance`}>
            Take attendance
          </Anchor>
        )}
        {errors !== null && errors.general !== null && <ConflictAlert error={change.error} />}
        {canChange && (
          <Tabs defaultValue="move" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="move">Move</Tabs.Tab>
              <Tabs.Tab value="cancel">{cancelledByStaff ? 'Restore' : 'Cancel'}</Tabs.Tab>
              {isGroup && <Tabs.Tab value="substitute">Substitute</Tabs.Tab>}
            </Tabs.List>
            <Tabs.Panel value="move" pt="sm">
              <form onSubmit={submit('move')} aria-label="Move this session" noValidate>
                <Stack gap="sm">
                  <Group grow align="flex-start">
                    <TextInput
                      label="Date"
                      type="date"
                      required
                      value={date}
                      error={errors?.fields.date}
                      onChange={(event) => setDate(event.currentTarget.value)}
                    />
                    <TextInput
                      label="Start time"
                      type="time"
                      required
                      value={startTime}
                      error={errors?.fields.startTime}
                      onChange={(event) => setStartTime(event.currentTarget.value)}
                    />
                    <NumberInput
                      label="Length (minutes)"
                      required
                      min={1}
                      max={720}
                      value={duration}
                      error={errors?.fields.durationMinutes}
                      onChange={setDuration}
                    />
                  </Group>
                  <Text size="xs" c="dimmed">
                    Times are in {session.timeZone}. Only this occurrence moves; the series stays as it is.
                  </Text>
                  <Group justify="flex-end">
                    <Button type="submit" loading={change.isPending}>
                      Move session
                    </Button>
                  </Group>
                </Stack>
              </form>
            </Tabs.Panel>
            <Tabs.Panel value="cancel" pt="sm">
              {cancelledByStaff ? (
                <Group justify="space-between">
                  <Text size="sm">Put this session back on the schedule.</Text>
                  <Button
                    loading={change.isPending}
                    onClick={() => send({ action: 'restore', version: session.version }, 'Session restored')}
                  >
                    Restore session
                  </Button>
                </Group>
              ) : session.status === 'cancelled' ? (
                <Text size="sm">The site is closed that day. Lift the closure to restore the session.</Text>
              ) : (
                <form onSubmit={submit('cancel')} aria-label="Cancel this session" noValidate>
                  <Stack gap="sm">
                    <TextInput
                      label="Reason"
                      required
                      value={reason}
                      error={errors?.fields.reason}
                      onChange={(event) => setReason(event.currentTarget.value)}
                    />
                    <Group justify="flex-end">
                      <Button type="submit" color="red" loading={change.isPending}>
                        Cancel this session
                      </Button>
                    </Group>
                  </Stack>
                </form>
              )}
            </Tabs.Panel>
            {isGroup && (
              <Tabs.Panel value="substitute" pt="sm">
                <form onSubmit={submit('substitute')} aria-label="Substitute facilitator" noValidate>
                  <Stack gap="sm">
                    <Select
                      label="Substitute facilitator"
                      description="Staff whose profile lists this group's modality"
                      data={qualified.map((staff) => ({ value: staff.id, label: staff.displayName }))}
                      value={substitute}
                      onChange={setSubstitute}
                      error={errors?.fields.facilitatorId}
                      searchable
                    />
                    {session.facilitators.length > 1 && (
                      <Select
                        label="Replaces"
                        data={session.facilitators.map((person) => ({ value: person.id, label: person.displayName }))}
                        value={replaces}
                        onChange={setReplaces}
                        error={errors?.fields.replacesFacilitatorId}
                      />
                    )}
                    <Group justify="flex-end">
                      {session.substituteFacilitatorId !== null && (
                        <Button
                          variant="default"
                          loading={change.isPending}
                          onClick={() =>
                            send({ action: 'substitute', version: session.version, facilitatorId: null }, 'Substitute removed')
                          }
                        >
                          Remove substitute
                        </Button>
                      )}
                      <Button type="submit" disabled={substitute === null} loading={change.isPending}>
                        Set substitute
                      </Button>
                    </Group>
                  </Stack>
                </form>
              </Tabs.Panel>
            )}
          </Tabs>
        )}
        <Group justify="flex-end">
          {isGroup && canEditSeries && session.templateId !== null && (
            <Button variant="light" onClick={() => session.templateId !== null && onEditSeries(session.templateId)}>
              Edit the series
            </Button>
          )}
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
