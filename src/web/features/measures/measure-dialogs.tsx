import { languageLabel, localToday } from '../patients/patient-format';
import { usePatient } from '../patients/patients-api';
import { Alert, Checkbox, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import type { Instrument } from '../../../domain/instruments/instrument';
import { CopyField } from '../../components/copy-field';
import { formErrorsFrom } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { FormButtons, GeneralError } from '../patients/episode-dialogs';
import { useCreateLink, useEnterPaperForm, type LinkDto } from './measures-api';
import { Dialog } from '../../components/dialog';

function InstrumentSelect({
  instruments,
  value,
  onChange,
}: {
  instruments: Instrument[];
  value: string;
  onChange: (code: string) => void;
}) {
  return (
    <NativeSelect
      label="Instrument"
      required
      data={instruments.map((instrument) => ({ value: instrument.code, label: instrument.name }))}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}

/** A paper form typed in by staff; stored as a staff entry with the person entering it. */
export function PaperFormModal({ patientId, instruments, onClose }: { patientId: string; instruments: Instrument[]; onClose: () => void }) {
  const enter = useEnterPaperForm(patientId);
  const [code, setCode] = useState(instruments[0]?.code ?? '');
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [incomplete, setIncomplete] = useState(false);
  const [administeredOn, setAdministeredOn] = useState(() => localToday(new Date()));
  const instrument = instruments.find((candidate) => candidate.code === code);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    enter.mutate(
      { instrument: code, answers, administeredAt: administeredAtOf(administeredOn, new Date()).toISOString(), incomplete },
      {
        onSuccess: (result) => {
          notifications.show({
            color: result.alertId ? 'red' : 'green',
            message: result.alertId ? 'Paper form saved. A suicide-risk answer raised a safety alert.' : 'Paper form saved',
          });
          onClose();
        },
      },
    );
  }

  const errors = enter.isError ? formErrorsFrom(enter.error, ['answers', 'administeredAt', 'instrument'] as const) : null;
  const title = 'Enter a paper form';
  return (
    <Dialog opened onClose={onClose} title={title} size="xl">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          <InstrumentSelect
            instruments={instruments}
            value={code}
            onChange={(next) => {
              setCode(next);
              setAnswers({});
            }}
          />
          <TextInput
            type="date"
            label="Date completed on paper"
            required
            value={administeredOn}
            onChange={(event) => setAdministeredOn(event.currentTarget.value)}
            error={errors?.fields.administeredAt}
          />
          {instrument?.items
            .filter((item) => item.kind === 'choice')
            .map((item) => (
              <Radio.Group
                key={`${code}-${item.id}`}
                label={`${item.id}. ${item.text.en}`}
                value={answers[item.id] === undefined ? null : String(answers[item.id])}
                onChange={(value) => setAnswers({ ...answers, [item.id]: Number(value) })}
              >
                <Stack gap={4} mt={4}>
                  {item.options.map((option) => (
                    <Radio key={option.value} value={String(option.value)} label={`${option.label.en} (${option.value})`} />
                  ))}
                </Stack>
              </Radio.Group>
            ))}
          <Checkbox
            label="The paper form has unanswered items: store it as incomplete (no total or band)"
            checked={incomplete}
            onChange={(event) => setIncomplete(event.currentTarget.checked)}
          />
          {errors?.fields.answers && (
            <Text c="red" size="sm" role="alert">
              {errors.fields.answers}
            </Text>
          )}
          <GeneralError message={errors?.general} />
          <FormButtons submitLabel="Save paper form" pending={enter.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}

/** Creates a single-use link or a kiosk session and shows its URL once. */
export function LinkModal({
  patientId,
  instruments,
  kind,
  onClose,
}: {
  patientId: string;
  instruments: Instrument[];
  kind: 'link' | 'kiosk';
  onClose: () => void;
}) {
  const create = useCreateLink(patientId);
  const [code, setCode] = useState(instruments[0]?.code ?? '');
  // Preset to the patient's recorded language (decision 0033) until staff pick one for this link.
  const recorded = usePatient(patientId).data?.preferredLanguage ?? null;
  const [chosen, setChosen] = useState<'en' | 'es' | null>(null);
  const language = chosen ?? recorded ?? 'en';
  const [created, setCreated] = useState<LinkDto | null>(null);
  const title = kind === 'link' ? 'Send a questionnaire link' : 'Start a kiosk session';

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ instrument: code, language, kind }, { onSuccess: setCreated });
  }

  const errors = create.isError ? formErrorsFrom(create.error, ['instrument'] as const) : null;
  return (
    <Dialog opened onClose={onClose} title={title} size="lg">
      {created ? (
        <Stack gap="md">
          <Alert color="blue">
            {kind === 'link'
              ? 'This link is shown only once. It works one time, needs no login, and shows only the questionnaire.'
              : 'Open this address on the clinic tablet and hand it to the patient. It works once and shows nothing about other patients.'}
          </Alert>
          <CopyField
            label={kind === 'link' ? 'Questionnaire link' : 'Kiosk address'}
            value={`${window.location.origin}${created.url}`}
            testId="measure-link-url"
            description={`Expires ${formatDateTime(created.expiresAt)}`}
          />
          {kind === 'kiosk' && (
            <Text size="sm">
              <a href={created.url} target="_blank" rel="noreferrer">
                Open the kiosk page in a new tab
              </a>
            </Text>
          )}
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label={title}>
          <Stack gap="md">
            <InstrumentSelect instruments={instruments} value={code} onChange={setCode} />
            <Radio.Group
              label="Language"
              description={recorded === null ? undefined : `Recorded for this patient: ${languageLabel(recorded)}`}
              value={language}
              onChange={(value) => setChosen(value === 'es' ? 'es' : 'en')}
            >
              <Stack gap={4} mt={4}>
                <Radio value="en" label="English" />
                <Radio value="es" label="Spanish (where a free official translation exists)" />
              </Stack>
            </Radio.Group>
            <GeneralError message={errors?.general ?? errors?.fields.instrument} />
            <FormButtons submitLabel={kind === 'link' ? 'Create link' : 'Start kiosk'} pending={create.isPending} onClose={onClose} />
          </Stack>
        </form>
      )}
    </Dialog>
  );
}

/** A paper form dated today was filled in by now; an earlier day counts at its local noon. */
export function administeredAtOf(day: string, now: Date): Date {
  if (day === localToday(now)) return now;
  return new Date(`${day}T12:00:00`);
}
