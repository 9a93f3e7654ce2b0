import { Checkbox, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { ALERT_ACTIONS, type AlertAction } from '../../../domain/safety/alerts';
import { formErrorsFrom } from '../../lib/form-errors';
import { FormButtons, GeneralError } from '../patients/episode-dialogs';
import { useAcknowledge, type AlertDto } from './safety-api';
import { ACTION_LABELS } from './safety-format';
import { Dialog } from '../../components/dialog';

const FIELDS = ['actions', 'note'] as const;

/** Records what was done about an alert: at least one action, and a note for "other". */
export function AcknowledgeModal({ alert, onClose }: { alert: AlertDto; onClose: () => void }) {
  const acknowledge = useAcknowledge();
  const [actions, setActions] = useState<AlertAction[]>([]);
  const [note, setNote] = useState('');

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    acknowledge.mutate(
      { alertId: alert.id, actions, note },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `Alert for ${alert.subject.name} acknowledged` });
          onClose();
        },
      },
    );
  }

  const errors = acknowledge.isError ? formErrorsFrom(acknowledge.error, FIELDS) : null;
  const title = `Acknowledge alert for ${alert.subject.name}`;
  return (
    <Dialog opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          <Text size="sm">{alert.reason}</Text>
          {alert.note !== null && <Text size="sm">“{alert.note}”</Text>}
          <Checkbox.Group
            label="Actions taken"
            description="Choose every action taken"
            required
            value={actions}
            onChange={(values) => setActions(ALERT_ACTIONS.filter((action) => values.includes(action)))}
            error={errors?.fields.actions}
          >
            <Stack gap={6} mt="xs">
              {ALERT_ACTIONS.map((action) => (
                <Checkbox key={action} value={action} label={ACTION_LABELS[action]} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Textarea
            label="Note"
            description="What you did and agreed; required for “Other”"
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={errors?.fields.note}
          />
          <GeneralError message={errors?.general} />
          <FormButtons submitLabel="Acknowledge" pending={acknowledge.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}
