import { Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { formErrorsFrom } from '../../lib/form-errors';
import { FormButtons, GeneralError } from '../patients/episode-dialogs';
import { localToday } from '../patients/patient-format';
import { useRevokeConsent, type ConsentDto } from './consents-api';
import { Dialog } from '../../components/dialog';

const FIELDS = ['receivedOn', 'note'] as const;

/** Records the patient's written revocation: it binds every disclosure from now on. */
export function RevokeConsentModal({ patientId, consent, onClose }: { patientId: string; consent: ConsentDto; onClose: () => void }) {
  const revoke = useRevokeConsent(patientId);
  const [receivedOn, setReceivedOn] = useState(localToday());
  const [note, setNote] = useState('');

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    revoke.mutate(
      { id: consent.id, version: consent.version, receivedOn, note },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: 'Revocation recorded: the consent covers no further disclosure' });
          onClose();
        },
      },
    );
  }

  const errors = revoke.isError ? formErrorsFrom(revoke.error, FIELDS) : null;
  const title = 'Record the written revocation';
  return (
    <Dialog opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          <Text size="sm">Consent to {consent.recipients.join(', ')}. Disclosures after the revocation are refused.</Text>
          <TextInput
            label="Date the written revocation was received"
            type="date"
            required
            value={receivedOn}
            onChange={(event) => setReceivedOn(event.currentTarget.value)}
            error={errors?.fields.receivedOn}
          />
          <Textarea
            label="Revocation note (how it was received, where the letter is kept)"
            required
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={errors?.fields.note}
          />
          <GeneralError message={errors?.general} />
          <FormButtons submitLabel="Record revocation" pending={revoke.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}
