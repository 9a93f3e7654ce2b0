import { Radio, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import type { AlertSeverity } from '../../../domain/safety/alerts';
import { formErrorsFrom } from '../../lib/form-errors';
import { FormButtons, GeneralError } from '../patients/episode-dialogs';
import { useRaiseAlert } from './safety-api';
import { Dialog } from '../../components/dialog';

const FIELDS = ['severity', 'note'] as const;

export function RaiseAlertModal({ patientId, patientName, onClose }: { patientId: string; patientName: string; onClose: () => void }) {
  const raise = useRaiseAlert(patientId);
  const [severity, setSeverity] = useState<AlertSeverity>('positive');
  const [note, setNote] = useState('');

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    raise.mutate(
      { severity, note },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `Safety alert raised for ${patientName}` });
          onClose();
        },
      },
    );
  }

  const errors = raise.isError ? formErrorsFrom(raise.error, FIELDS) : null;
  const title = `Raise a safety alert for ${patientName}`;
  return (
    <Dialog opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          <Radio.Group
            label="Severity"
            required
            value={severity}
            onChange={(value) => setSeverity(value === 'acute' ? 'acute' : 'positive')}
            error={errors?.fields.severity}
          >
            <Stack gap={6} mt="xs">
              <Radio value="acute" label="Acute: imminent risk, needs an immediate safety evaluation" />
              <Radio value="positive" label="Positive: risk reported, needs a full safety assessment today" />
            </Stack>
          </Radio.Group>
          <Textarea
            label="What you saw or heard"
            required
            autosize
            minRows={3}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={errors?.fields.note}
          />
          <GeneralError message={errors?.general} />
          <FormButtons submitLabel="Raise alert" pending={raise.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}
