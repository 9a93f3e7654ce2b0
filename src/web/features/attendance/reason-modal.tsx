import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { Dialog } from '../../components/dialog';

/** Asks why attendance changes after the day was closed; the reason is stored with the correction. */
export function ReasonModal({
  count,
  busy,
  error,
  onSubmit,
  onClose,
}: {
  count: number;
  busy: boolean;
  error: string | null;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [empty, setEmpty] = useState(false);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = reason.trim();
    setEmpty(trimmed === '');
    if (trimmed !== '') onSubmit(trimmed);
  }

  return (
    <Dialog opened onClose={onClose} title="Reason for the correction">
      <form onSubmit={submit} noValidate aria-label="Reason for the correction">
        <Stack gap="md">
          <Text size="sm">
            The day is closed. {count === 1 ? 'This change is' : `These ${count} changes are`} recorded as a correction with your name, the
            time and this reason.
          </Text>
          <Textarea
            label="Reason"
            required
            autosize
            minRows={2}
            maxLength={1000}
            data-autofocus
            value={reason}
            error={empty ? 'Give a reason for the correction' : error}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Save correction
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
