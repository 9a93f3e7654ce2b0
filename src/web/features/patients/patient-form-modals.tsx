import { Alert, Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../lib/api';
import type { PatientDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { PatientFields } from './patient-fields';
import { EMPTY_PATIENT, PATIENT_FIELDS, toBody, toPatch, valuesFrom } from './patient-form-values';
import { displayName } from './patient-format';
import { useCreatePatient, useUpdatePatient } from './patients-api';
import { Dialog } from '../../components/dialog';

function GeneralError({ message }: { message: string | null }) {
  if (message === null) return null;
  return (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  );
}

/** Rendered only while open, so every opening starts from an empty form. */
export function NewPatientModal({ onClose }: { onClose: () => void }) {
  const create = useCreatePatient();
  const navigate = useNavigate();
  const [values, setValues] = useState(EMPTY_PATIENT);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(toBody(values), {
      onSuccess: (patient) => {
        notifications.show({
          color: 'green',
          message: `Created the record of ${displayName(patient)}`,
        });
        void navigate(`/patients/${patient.id}`);
      },
    });
  }

  const errors = create.isError ? formErrorsFrom(create.error, PATIENT_FIELDS) : null;
  return (
    <Dialog opened onClose={onClose} title="New patient" size="xl">
      <form onSubmit={submit} noValidate aria-label="New patient">
        <Stack gap="md">
          <PatientFields values={values} onChange={setValues} errors={errors?.fields ?? {}} />
          <GeneralError message={errors?.general ?? null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create patient
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

/** Edits the record as loaded; a 412 means someone saved first, and the form says so instead of overwriting. */
export function EditPatientModal({ patient, onClose, onReload }: { patient: PatientDto; onClose: () => void; onReload: () => void }) {
  const update = useUpdatePatient(patient.id);
  const [values, setValues] = useState(() => valuesFrom(patient));

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate(toPatch(values, patient), {
      onSuccess: (saved) => {
        notifications.show({ color: 'green', message: `Saved changes to ${displayName(saved)}` });
        onClose();
      },
    });
  }

  const stale = update.error instanceof ApiError && update.error.status === 412;
  const errors = update.isError && !stale ? formErrorsFrom(update.error, PATIENT_FIELDS) : null;
  return (
    <Dialog opened onClose={onClose} title={`Edit ${displayName(patient)}`} size="xl">
      <form onSubmit={submit} noValidate aria-label={`Edit ${displayName(patient)}`}>
        <Stack gap="md">
          <PatientFields values={values} onChange={setValues} errors={errors?.fields ?? {}} />
          {stale && (
            <Alert color="orange" role="alert" title="Someone else saved this record first">
              Your changes were not saved. Close this form to load the current record, then make your change again.
              <Group mt="sm">
                <Button size="xs" variant="light" color="orange" onClick={onReload}>
                  Close and load the current record
                </Button>
              </Group>
            </Alert>
          )}
          <GeneralError message={errors?.general ?? null} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
