import { Checkbox, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { formErrorsFrom } from '../../lib/form-errors';
import { FormButtons, GeneralError } from '../patients/episode-dialogs';
import { useCreateInquiry } from './admissions-api';
import { Dialog } from '../../components/dialog';

const FIELDS = ['forWhom', 'contactName', 'patientName', 'phone', 'email', 'concerns', 'urgentReason'] as const;

/** A call taken by staff becomes an inquiry; the call itself is the first contact unless none was made. */
export function NewInquiryModal({ onClose }: { onClose: () => void }) {
  const create = useCreateInquiry();
  const navigate = useNavigate();
  const [forWhom, setForWhom] = useState<'self' | 'loved_one'>('self');
  const [contactName, setContactName] = useState('');
  const [patientName, setPatientName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [concerns, setConcerns] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [urgentReason, setUrgentReason] = useState('');
  const [contactMade, setContactMade] = useState(true);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      {
        forWhom,
        contactName,
        ...(patientName === '' ? {} : { patientName }),
        ...(phone === '' ? {} : { phone }),
        ...(email === '' ? {} : { email }),
        ...(concerns === '' ? {} : { concerns }),
        urgent,
        ...(urgent ? { urgentReason } : {}),
        contactMade,
      },
      {
        onSuccess: (inquiry) => {
          notifications.show({ color: 'green', message: `Inquiry from ${inquiry.contactName} saved` });
          onClose();
          void navigate(`/admissions/${inquiry.id}`);
        },
      },
    );
  }

  const errors = create.isError ? formErrorsFrom(create.error, FIELDS) : null;
  return (
    <Dialog opened onClose={onClose} title="New inquiry from a call" size="lg">
      <form onSubmit={submit} noValidate aria-label="New inquiry from a call">
        <Stack gap="md">
          <NativeSelect
            label="Who is the care for?"
            data={[
              { value: 'self', label: 'The caller' },
              { value: 'loved_one', label: 'A loved one of the caller' },
            ]}
            value={forWhom}
            onChange={(event) => setForWhom(event.currentTarget.value === 'loved_one' ? 'loved_one' : 'self')}
            error={errors?.fields.forWhom}
          />
          <TextInput
            label="Caller's name"
            required
            value={contactName}
            onChange={(e) => setContactName(e.currentTarget.value)}
            error={errors?.fields.contactName}
          />
          {forWhom === 'loved_one' && (
            <TextInput
              label="Loved one's first name"
              value={patientName}
              onChange={(e) => setPatientName(e.currentTarget.value)}
              error={errors?.fields.patientName}
            />
          )}
          <TextInput
            label="Phone"
            type="tel"
            description="A phone number or an email is needed"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={errors?.fields.phone}
          />
          <TextInput
            label="Email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors?.fields.email}
          />
          <Textarea
            label="What they are looking for"
            autosize
            minRows={2}
            value={concerns}
            onChange={(e) => setConcerns(e.currentTarget.value)}
            error={errors?.fields.concerns}
          />
          <Checkbox label="Spoke with them on this call" checked={contactMade} onChange={(e) => setContactMade(e.currentTarget.checked)} />
          <Checkbox label="Urgent — same-day call-back" checked={urgent} onChange={(e) => setUrgent(e.currentTarget.checked)} />
          {urgent && (
            <TextInput
              label="Why it is urgent"
              required
              value={urgentReason}
              onChange={(e) => setUrgentReason(e.currentTarget.value)}
              error={errors?.fields.urgentReason}
            />
          )}
          <GeneralError message={errors?.general} />
          <FormButtons submitLabel="Save inquiry" pending={create.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}
