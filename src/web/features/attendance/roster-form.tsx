import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState, type SubmitEvent } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { ApiError } from '../../lib/api';
import type { CheckInResultDto, RosterDto } from '../../lib/api-types';
import { CHECK_IN_ROLES, CORRECTION_ROLES, canAccess } from '../../lib/roles';
import { useActiveSession } from '../auth/session-provider';
import { useCloseDay, useSaveAttendance } from './attendance-api';
import {
  changedItems,
  draftFromRoster,
  markAllPresent,
  minutesError,
  newIdempotencyKey,
  rowErrorsFrom,
  withStatus,
  type DraftRow,
} from './attendance-draft';
import { ReasonModal } from './reason-modal';
import { RosterTable } from './roster-table';
import { Dialog } from '../../components/dialog';

function isConflict(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 409 || error.status === 412);
}

function reasonError(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  return error.validationIssues.find((issue) => issue.path === 'reason')?.message ?? null;
}

/**
 * The roster being edited. Rendered with `key` = the roster's fetch time, so a save (which
 * refetches) starts a fresh draft from what the server now holds.
 */
export function RosterForm({
  roster,
  onSaved,
  onReload,
}: {
  roster: RosterDto;
  onSaved: (result: CheckInResultDto) => void;
  onReload: () => void;
}) {
  const { user } = useActiveSession();
  const { session } = roster;
  const canCheckIn = canAccess(user.roles, CHECK_IN_ROLES);
  const cancelled = session.status === 'cancelled';
  const readOnly = !canCheckIn || cancelled || (session.dayClosed && !canAccess(user.roles, CORRECTION_ROLES));
  const [rows, setRows] = useState<DraftRow[]>(() => draftFromRoster(roster));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [askReason, setAskReason] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  // One key per request body: the same body sent again after a lost answer is a retry.
  const lastRequest = useRef<{ body: string; key: string } | null>(null);
  const save = useSaveAttendance(session.id);
  const close = useCloseDay(session.id);

  const items = changedItems(rows);
  const invalid = rows.some((row) => minutesError(row, session.lengthMinutes) !== null);

  function update(patientId: string, change: (row: DraftRow) => DraftRow) {
    setRows((current) => current.map((row) => (row.patientId === patientId ? change(row) : row)));
    setServerErrors((current) => {
      const next = { ...current };
      delete next[patientId];
      return next;
    });
  }

  function send(reason?: string) {
    const body = { attendance: items, ...(reason === undefined ? {} : { reason }) };
    const text = JSON.stringify(body);
    if (lastRequest.current?.body !== text) lastRequest.current = { body: text, key: newIdempotencyKey() };
    save.mutate(
      { body, idempotencyKey: lastRequest.current.key },
      {
        onSuccess: (result) => {
          setAskReason(false);
          notifications.show({
            color: 'green',
            message: `Attendance saved for ${result.results.length} ${result.results.length === 1 ? 'patient' : 'patients'}`,
          });
          onSaved(result);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 400) setServerErrors(rowErrorsFrom(error.validationIssues, items));
        },
      },
    );
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (items.length === 0 || invalid || readOnly) return;
    if (session.dayClosed) setAskReason(true);
    else send();
  }

  const saveError = save.isError && !askReason ? save.error : null;
  return (
    <form onSubmit={submit} noValidate aria-label={`Attendance for ${session.title}`}>
      <Stack gap="md">
        {!readOnly && (
          <Group justify="space-between">
            <Button variant="light" onClick={() => setRows((current) => markAllPresent(current, session.lengthMinutes))}>
              Mark all present
            </Button>
            <Text size="sm" c="dimmed" aria-live="polite">
              {items.length === 0 ? 'No unsaved changes' : `${items.length} unsaved ${items.length === 1 ? 'change' : 'changes'}`}
            </Text>
          </Group>
        )}
        <RosterTable
          rows={rows}
          lengthMinutes={session.lengthMinutes}
          readOnly={readOnly}
          serverErrors={serverErrors}
          onStatus={(patientId, status) => update(patientId, (row) => withStatus(row, status, session.lengthMinutes))}
          onMinutes={(patientId, minutes) => update(patientId, (row) => ({ ...row, minutes }))}
          onMode={(patientId, mode) => update(patientId, (row) => ({ ...row, mode }))}
        />
        {saveError !== null &&
          (isConflict(saveError) ? (
            <Alert color="orange" role="alert" title="Someone else recorded attendance first">
              <Stack gap="xs">
                <Text size="sm">{saveError instanceof ApiError ? saveError.message : ''}</Text>
                <div>
                  <Button size="xs" variant="light" color="orange" onClick={onReload}>
                    Reload the roster
                  </Button>
                </div>
              </Stack>
            </Alert>
          ) : (
            <ErrorAlert error={saveError} title="Attendance was not saved" />
          ))}
        {!readOnly && (
          <Group justify="flex-end">
            {!session.dayClosed && (
              <Button variant="default" disabled={items.length > 0} onClick={() => setConfirmClose(true)}>
                Close day
              </Button>
            )}
            <Button type="submit" loading={save.isPending} disabled={items.length === 0 || invalid}>
              {session.dayClosed ? 'Save correction' : 'Save attendance'}
            </Button>
          </Group>
        )}
      </Stack>
      {askReason && (
        <ReasonModal
          count={items.length}
          busy={save.isPending}
          error={reasonError(save.error)}
          onSubmit={(reason) => send(reason)}
          onClose={() => setAskReason(false)}
        />
      )}
      {confirmClose && (
        <Dialog opened onClose={() => setConfirmClose(false)} title="Close the day for this session?">
          <Stack gap="md">
            <Text size="sm">
              Once closed, changes to this attendance are corrections: they need a reason and a clinician, psychiatrist or director.
            </Text>
            {close.isError && <ErrorAlert error={close.error} title="The day was not closed" />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirmClose(false)}>
                Cancel
              </Button>
              <Button loading={close.isPending} onClick={() => close.mutate(undefined, { onSuccess: () => setConfirmClose(false) })}>
                Close day
              </Button>
            </Group>
          </Stack>
        </Dialog>
      )}
    </form>
  );
}
