import { Alert, Button, Group, NativeSelect, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import type { Disposition, EpisodeDto, ProgramCensusDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { DISPOSITIONS, localToday } from './patient-format';
import { useAdmit, useDischarge } from './patients-api';
import { Dialog } from '../../components/dialog';

export function programLabel(program: ProgramCensusDto): string {
  return `${program.programName} · ${program.levelOfCare} · ${program.siteName} (${program.openEpisodes} in care)`;
}

export function GeneralError({ message }: { message: string | null | undefined }) {
  if (message === null || message === undefined) return null;
  return (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  );
}

export function FormButtons({ submitLabel, pending, onClose }: { submitLabel: string; pending: boolean; onClose: () => void }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        Cancel
      </Button>
      <Button type="submit" loading={pending}>
        {submitLabel}
      </Button>
    </Group>
  );
}

const ADMIT_FIELDS = ['programId', 'admittedOn', 'expectedWeeks'] as const;

/** Admission date and expected length: the same two fields wherever someone is admitted (chart, inquiry). */
export function AdmissionDateFields(props: {
  admittedOn: string;
  onAdmittedOn: (value: string) => void;
  expectedWeeks: number | string;
  onExpectedWeeks: (value: number | string) => void;
  errors: Partial<Record<string, string | null>> | undefined;
}) {
  return (
    <>
      <TextInput
        label="Admission date"
        type="date"
        required
        value={props.admittedOn}
        onChange={(event) => props.onAdmittedOn(event.currentTarget.value)}
        error={props.errors?.admittedOn}
      />
      <NumberInput
        label="Expected length (weeks)"
        min={1}
        max={104}
        allowDecimal={false}
        value={props.expectedWeeks}
        onChange={props.onExpectedWeeks}
        error={props.errors?.expectedWeeks}
      />
    </>
  );
}

export function AdmitModal({ patientId, programs, onClose }: { patientId: string; programs: ProgramCensusDto[]; onClose: () => void }) {
  const admit = useAdmit(patientId);
  const choices = programs.filter((program) => program.active);
  const [programId, setProgramId] = useState('');
  const [admittedOn, setAdmittedOn] = useState(localToday());
  const [expectedWeeks, setExpectedWeeks] = useState<string | number>(8);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    admit.mutate(
      { programId, admittedOn, expectedWeeks: expectedWeeks === '' ? null : Number(expectedWeeks) },
      {
        onSuccess: (episode) => {
          notifications.show({ color: 'green', message: `Admitted to ${episode.programName}` });
          onClose();
        },
      },
    );
  }

  const errors = admit.isError ? formErrorsFrom(admit.error, ADMIT_FIELDS) : null;
  return (
    <Dialog opened onClose={onClose} title="Admit to a program" size="lg">
      <form onSubmit={submit} noValidate aria-label="Admit to a program">
        <Stack gap="md">
          <NativeSelect
            label="Program"
            description="The level of care comes from the program"
            required
            data={[
              { value: '', label: 'Choose a program' },
              ...choices.map((program) => ({
                value: program.programId,
                label: programLabel(program),
              })),
            ]}
            value={programId}
            onChange={(event) => setProgramId(event.currentTarget.value)}
            error={errors?.fields.programId}
          />
          <AdmissionDateFields
            admittedOn={admittedOn}
            onAdmittedOn={setAdmittedOn}
            expectedWeeks={expectedWeeks}
            onExpectedWeeks={setExpectedWeeks}
            errors={errors?.fields}
          />
          <GeneralError message={errors?.general} />
          <FormButtons submitLabel="Admit" pending={admit.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}

const DISCHARGE_FIELDS = ['dischargedOn', 'disposition', 'aftercareNote'] as const;

export function DischargeModal({ episode, onClose }: { episode: EpisodeDto; onClose: () => void }) {
  const discharge = useDischarge(episode.patientId, episode.id);
  const [dischargedOn, setDischargedOn] = useState(localToday());
  const [disposition, setDisposition] = useState<Disposition>('completed');
  const [aftercareNote, setAftercareNote] = useState('');

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    discharge.mutate(
      { dischargedOn, disposition, aftercareNote },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `Discharged from ${episode.programName}` });
          onClose();
        },
      },
    );
  }

  const errors = discharge.isError ? formErrorsFrom(discharge.error, DISCHARGE_FIELDS) : null;
  return (
    <Dialog opened onClose={onClose} title={`Discharge from ${episode.programName}`} size="lg">
      <form onSubmit={submit} noValidate aria-label={`Discharge from ${episode.programName}`}>
        <Stack gap="md">
          <TextInput
            label="Discharge date"
            description={`Admitted on ${episode.admittedOn}`}
            type="date"
            required
            value={dischargedOn}
            onChange={(event) => setDischargedOn(event.currentTarget.value)}
            error={errors?.fields.dischargedOn}
          />
          <NativeSelect
            label="Disposition"
            required
            data={DISPOSITIONS.map((item) => ({ value: item.value, label: item.label }))}
            value={disposition}
            onChange={(event) =>
              setDisposition(DISPOSITIONS.find((item) => item.value === event.currentTarget.value)?.value ?? 'completed')
            }
            error={errors?.fields.disposition}
          />
          <Textarea
            label="Aftercare note"
            description="Where care continues: follow-up appointments, referrals, crisis plan"
            required
            autosize
            minRows={3}
            value={aftercareNote}
            onChange={(event) => setAftercareNote(event.currentTarget.value)}
            error={errors?.fields.aftercareNote}
          />
          <GeneralError message={errors?.general} />
          <FormButtons submitLabel="Discharge" pending={discharge.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}
