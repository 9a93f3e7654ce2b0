import { Alert, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import type { CloseReason } from '../../../domain/admissions/stage-rules';
import { admitLanguageOf, isPatientLanguage } from '../../../domain/patients/patient-language';
import type { ProgramCensusDto, StaffDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { AdmissionDateFields, FormButtons, GeneralError } from '../patients/episode-dialogs';
import { LANGUAGE_OPTIONS } from '../patients/patient-fields';
import { localToday } from '../patients/patient-format';
import { useAdmitInquiry, useBookAssessment, useChangeStage, useLogActivity, type ActivityBody } from './admissions-api';
import { CALL_OUTCOME_LABELS, CLOSE_REASON_OPTIONS, localInputToIso } from './admissions-format';
import type { CallOutcome, InquiryDetailDto } from './admissions-types';
import { Dialog } from '../../components/dialog';

type Close = () => void;

const ACTIVITY_TITLES: Record<ActivityBody['kind'], string> = {
  call: 'Log a call',
  email: 'Log an email',
  text_message: 'Log a text message',
  note: 'Add a note',
};

export function ActivityModal({ inquiry, kind, onClose }: { inquiry: InquiryDetailDto; kind: ActivityBody['kind']; onClose: Close }) {
  const log = useLogActivity(inquiry.id);
  const [outcome, setOutcome] = useState<CallOutcome | ''>('');
  const [body, setBody] = useState('');
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    log.mutate(
      { kind, ...(kind === 'call' && outcome !== '' ? { callOutcome: outcome } : {}), ...(body.trim() === '' ? {} : { body }) },
      { onSuccess: onClose },
    );
  }
  const errors = log.isError ? formErrorsFrom(log.error, ['callOutcome', 'body'] as const) : null;
  const title = ACTIVITY_TITLES[kind];
  return (
    <Dialog opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          {kind === 'call' && (
            <NativeSelect
              label="Call outcome"
              required
              data={[
                { value: '', label: 'Choose how the call went' },
                ...Object.entries(CALL_OUTCOME_LABELS).map(([value, label]) => ({ value, label })),
              ]}
              value={outcome}
              onChange={(event) => setOutcome(event.currentTarget.value as CallOutcome | '')}
              error={errors?.fields.callOutcome}
            />
          )}
          <Textarea
            label={kind === 'note' ? 'Note' : 'Details (optional)'}
            required={kind === 'note'}
            autosize
            minRows={3}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
            error={errors?.fields.body}
          />
          <GeneralError message={errors?.general} />
          <FormButtons submitLabel="Save" pending={log.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}

export function BookAssessmentModal({
  inquiry,
  clinicians,
  onClose,
}: {
  inquiry: InquiryDetailDto;
  clinicians: StaffDto[];
  onClose: Close;
}) {
  const book = useBookAssessment(inquiry.id);
  const [at, setAt] = useState('');
  const [clinicianId, setClinicianId] = useState('');
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    book.mutate({ version: inquiry.version, at: localInputToIso(at) ?? at, clinicianId }, { onSuccess: onClose });
  }
  const errors = book.isError ? formErrorsFrom(book.error, ['at', 'assessmentAt', 'clinicianId'] as const) : null;
  return (
    <Dialog opened onClose={onClose} title="Book the level-of-care assessment">
      <form onSubmit={submit} noValidate aria-label="Book the level-of-care assessment">
        <Stack gap="md">
          <TextInput
            label="Date and time"
            description="In your browser's time zone"
            type="datetime-local"
            required
            value={at}
            onChange={(event) => setAt(event.currentTarget.value)}
            error={errors?.fields.at ?? errors?.fields.assessmentAt}
          />
          <NativeSelect
            label="Clinician"
            required
            data={[{ value: '', label: 'Choose a clinician' }, ...clinicians.map((c) => ({ value: c.userId, label: c.displayName }))]}
            value={clinicianId}
            onChange={(event) => setClinicianId(event.currentTarget.value)}
            error={errors?.fields.clinicianId}
          />
          <GeneralError message={errors?.general} />
          <FormButtons submitLabel="Book assessment" pending={book.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}

export function CloseModal({ inquiry, onClose }: { inquiry: InquiryDetailDto; onClose: Close }) {
  const change = useChangeStage(inquiry.id);
  const [reason, setReason] = useState<CloseReason | ''>('');
  const [reasonText, setReasonText] = useState('');
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    change.mutate(
      { version: inquiry.version, to: 'closed', ...(reason === '' ? {} : { reason }), ...(reasonText.trim() === '' ? {} : { reasonText }) },
      { onSuccess: onClose },
    );
  }
  const errors = change.isError ? formErrorsFrom(change.error, ['reason', 'reasonText'] as const) : null;
  return (
    <Dialog opened onClose={onClose} title="Close the inquiry">
      <form onSubmit={submit} noValidate aria-label="Close the inquiry">
        <Stack gap="md">
          <NativeSelect
            label="Reason"
            required
            data={[{ value: '', label: 'Choose a reason' }, ...CLOSE_REASON_OPTIONS]}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value as CloseReason | '')}
            error={errors?.fields.reason}
          />
          <TextInput
            label="Details"
            description="Required when the reason is Other"
            value={reasonText}
            onChange={(event) => setReasonText(event.currentTarget.value)}
            error={errors?.fields.reasonText}
          />
          <GeneralError message={errors?.general} />
          <FormButtons submitLabel="Close inquiry" pending={change.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}

export function ReferModal({ inquiry, onClose }: { inquiry: InquiryDetailDto; onClose: Close }) {
  const change = useChangeStage(inquiry.id);
  const [referredTo, setReferredTo] = useState('');
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    change.mutate({ version: inquiry.version, to: 'referred', referredTo }, { onSuccess: onClose });
  }
  const errors = change.isError ? formErrorsFrom(change.error, ['referredTo'] as const) : null;
  return (
    <Dialog opened onClose={onClose} title="Refer elsewhere">
      <form onSubmit={submit} noValidate aria-label="Refer elsewhere">
        <Stack gap="md">
          <TextInput
            label="Referred to"
            required
            value={referredTo}
            onChange={(event) => setReferredTo(event.currentTarget.value)}
            error={errors?.fields.referredTo}
          />
          <GeneralError message={errors?.general} />
          <FormButtons submitLabel="Refer" pending={change.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}

const PATIENT_FIELDS = [
  'legalFirstName',
  'legalLastName',
  'preferredName',
  'pronouns',
  'dateOfBirth',
  'stateOfResidence',
  'phone',
  'email',
] as const;
type PatientField = (typeof PATIENT_FIELDS)[number];

/** First and last name from the name given on the inquiry (the person's own, or the loved one's first name). */
function namesFrom(inquiry: InquiryDetailDto): { first: string; last: string } {
  if (inquiry.forWhom === 'loved_one') return { first: inquiry.patientName ?? '', last: '' };
  const parts = inquiry.contactName.trim().split(/\s+/);
  return { first: parts.slice(0, -1).join(' ') || (parts[0] ?? ''), last: parts.length > 1 ? (parts[parts.length - 1] ?? '') : '' };
}

export function AdmitModal({ inquiry, programs, onClose }: { inquiry: InquiryDetailDto; programs: ProgramCensusDto[]; onClose: Close }) {
  const admit = useAdmitInquiry(inquiry.id);
  const navigate = useNavigate();
  const choices = programs.filter((program) => program.active && program.levelOfCare === inquiry.admission.level);
  const names = namesFrom(inquiry);
  const self = inquiry.forWhom === 'self';
  const [programId, setProgramId] = useState('');
  const [admittedOn, setAdmittedOn] = useState(localToday());
  const [expectedWeeks, setExpectedWeeks] = useState<string | number>(8);
  const [language, setLanguage] = useState<string>(admitLanguageOf(inquiry) ?? '');
  const [patient, setPatient] = useState<Record<PatientField, string>>({
    legalFirstName: names.first,
    legalLastName: names.last,
    preferredName: '',
    pronouns: '',
    dateOfBirth: '',
    stateOfResidence: inquiry.state ?? '',
    phone: self ? (inquiry.phone ?? '') : '',
    email: self ? (inquiry.email ?? '') : '',
  });
  const set = (field: PatientField) => (event: { currentTarget: { value: string } }) =>
    setPatient({ ...patient, [field]: event.currentTarget.value });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const optional = (field: 'preferredName' | 'pronouns' | 'phone' | 'email') =>
      patient[field].trim() === '' ? {} : { [field]: patient[field] };
    admit.mutate(
      {
        version: inquiry.version,
        programId,
        admittedOn,
        expectedWeeks: expectedWeeks === '' ? null : Number(expectedWeeks),
        patient: {
          legalFirstName: patient.legalFirstName,
          legalLastName: patient.legalLastName,
          dateOfBirth: patient.dateOfBirth,
          stateOfResidence: patient.stateOfResidence,
          ...optional('preferredName'),
          ...optional('pronouns'),
          ...optional('phone'),
          ...optional('email'),
          preferredLanguage: isPatientLanguage(language) ? language : null,
        },
      },
      {
        onSuccess: (result) => {
          notifications.show({ color: 'green', message: 'Admitted: patient record and episode created' });
          onClose();
          void navigate(`/patients/${result.patientId}`);
        },
      },
    );
  }

  const errors = admit.isError ? formErrorsFrom(admit.error, ['programId', 'admittedOn', 'expectedWeeks', 'patient'] as const) : null;
  const patientErrors = admit.isError ? formErrorsFromPatient(admit.error) : {};
  return (
    <Dialog opened onClose={onClose} title="Admit" size="lg">
      <form onSubmit={submit} noValidate aria-label="Admit">
        <Stack gap="md">
          <Text size="sm">The assessment placed this person at {inquiry.admission.level ?? '—'}; programs at that level are listed.</Text>
          <NativeSelect
            label="Program"
            required
            data={[
              { value: '', label: 'Choose a program' },
              ...choices.map((p) => ({ value: p.programId, label: `${p.programName} · ${p.levelOfCare} · ${p.siteName}` })),
            ]}
            value={programId}
            onChange={(event) => setProgramId(event.currentTarget.value)}
            error={errors?.fields.programId}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <AdmissionDateFields
              admittedOn={admittedOn}
              onAdmittedOn={setAdmittedOn}
              expectedWeeks={expectedWeeks}
              onExpectedWeeks={setExpectedWeeks}
              errors={errors?.fields}
            />
          </SimpleGrid>
          <Text fw={600}>Patient record (check the fields taken from the inquiry)</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Legal first name"
              required
              value={patient.legalFirstName}
              onChange={set('legalFirstName')}
              error={patientErrors.legalFirstName}
            />
            <TextInput
              label="Legal last name"
              required
              value={patient.legalLastName}
              onChange={set('legalLastName')}
              error={patientErrors.legalLastName}
            />
            <TextInput
              label="Preferred name"
              value={patient.preferredName}
              onChange={set('preferredName')}
              error={patientErrors.preferredName}
            />
            <TextInput label="Pronouns" value={patient.pronouns} onChange={set('pronouns')} error={patientErrors.pronouns} />
            <TextInput
              label="Date of birth"
              type="date"
              required
              value={patient.dateOfBirth}
              onChange={set('dateOfBirth')}
              error={patientErrors.dateOfBirth}
            />
            <TextInput
              label="State of residence"
              description="Two-letter code, e.g. OR"
              required
              value={patient.stateOfResidence}
              onChange={set('stateOfResidence')}
              error={patientErrors.stateOfResidence}
            />
            <TextInput label="Patient phone" type="tel" value={patient.phone} onChange={set('phone')} error={patientErrors.phone} />
            <TextInput label="Patient email" type="email" value={patient.email} onChange={set('email')} error={patientErrors.email} />
            <NativeSelect
              label="Preferred language for patient pages"
              description={
                inquiry.source === 'web_form'
                  ? 'Taken from the language of the inquiry form'
                  : 'Links sent to the patient open in this language'
              }
              data={LANGUAGE_OPTIONS}
              value={language}
              onChange={(event) => setLanguage(event.currentTarget.value)}
            />
          </SimpleGrid>
          <GeneralError message={errors?.fields.patient === undefined ? errors?.general : null} />
          <FormButtons submitLabel="Admit" pending={admit.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}

/** Server paths such as "patient.dateOfBirth" to the patient field they name. */
function formErrorsFromPatient(error: unknown): Partial<Record<PatientField, string>> {
  const result: Partial<Record<PatientField, string>> = {};
  const details = (error as { details?: unknown }).details;
  if (!Array.isArray(details)) return result;
  for (const issue of details as { path?: unknown; message?: unknown }[]) {
    if (typeof issue.path !== 'string' || typeof issue.message !== 'string') continue;
    const field = issue.path.replace(/^(body\.)?patient\./, '');
    if ((PATIENT_FIELDS as readonly string[]).includes(field)) result[field as PatientField] = issue.message;
  }
  return result;
}

export function AdmitUnavailable({ message }: { message: string | null }) {
  return (
    <Alert color="gray" title="Admission not available yet" role="note">
      {message === null ? 'Admission needs a level-of-care assessment.' : `${message.charAt(0).toUpperCase()}${message.slice(1)}.`}
    </Alert>
  );
}
