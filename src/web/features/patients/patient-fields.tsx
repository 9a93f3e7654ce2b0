import { Fieldset, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { isPatientLanguage, PATIENT_LANGUAGES } from '../../../domain/patients/patient-language';
import { US_STATE_CODES } from '../../../domain/us-states';
import type { PatientField, PatientFormValues } from './patient-form-values';
import { languageLabel } from './patient-format';

// The patient's link pages (questionnaire, safety plan, plan signing) open in this language (decision 0033).
export const LANGUAGE_OPTIONS = [
  { value: '', label: languageLabel(null) },
  ...PATIENT_LANGUAGES.map((language) => ({ value: language, label: languageLabel(language) })),
];

const STATE_OPTIONS = [{ value: '', label: 'Choose a state' }, ...US_STATE_CODES.map((code) => ({ value: code, label: code }))];

/** Every field of a patient record; the parent owns the values and the server's field errors. */
export function PatientFields({
  values,
  onChange,
  errors,
}: {
  values: PatientFormValues;
  onChange: (values: PatientFormValues) => void;
  errors: Partial<Record<PatientField, string>>;
}) {
  const set = (field: keyof PatientFormValues) => (event: { currentTarget: { value: string } }) =>
    onChange({ ...values, [field]: event.currentTarget.value });
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="Legal first name"
          required
          autoComplete="off"
          value={values.legalFirstName}
          onChange={set('legalFirstName')}
          error={errors.legalFirstName}
        />
        <TextInput
          label="Legal last name"
          required
          autoComplete="off"
          value={values.legalLastName}
          onChange={set('legalLastName')}
          error={errors.legalLastName}
        />
        <TextInput
          label="Preferred name"
          autoComplete="off"
          value={values.preferredName}
          onChange={set('preferredName')}
          error={errors.preferredName}
        />
        <TextInput
          label="Pronouns"
          placeholder="e.g. she/her, they/them"
          autoComplete="off"
          value={values.pronouns}
          onChange={set('pronouns')}
          error={errors.pronouns}
        />
        <TextInput
          label="Date of birth"
          type="date"
          required
          value={values.dateOfBirth}
          onChange={set('dateOfBirth')}
          error={errors.dateOfBirth}
        />
        <NativeSelect
          label="State of residence"
          required
          data={STATE_OPTIONS}
          value={values.stateOfResidence}
          onChange={set('stateOfResidence')}
          error={errors.stateOfResidence}
        />
        <TextInput
          label="Phone"
          type="tel"
          placeholder="(503) 555-0142"
          autoComplete="off"
          value={values.phone}
          onChange={set('phone')}
          error={errors.phone}
        />
        <TextInput label="Email" type="email" autoComplete="off" value={values.email} onChange={set('email')} error={errors.email} />
        <NativeSelect
          label="Preferred language for patient pages"
          description="Links sent to the patient open in this language"
          data={LANGUAGE_OPTIONS}
          value={values.preferredLanguage}
          onChange={(event) => {
            const value = event.currentTarget.value;
            onChange({ ...values, preferredLanguage: isPatientLanguage(value) ? value : '' });
          }}
          error={errors.preferredLanguage}
        />
      </SimpleGrid>
      <Fieldset legend="Emergency contact">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Emergency contact name" autoComplete="off" value={values.emergencyName} onChange={set('emergencyName')} />
          <TextInput
            label="Emergency contact phone"
            type="tel"
            autoComplete="off"
            value={values.emergencyPhone}
            onChange={set('emergencyPhone')}
            error={errors.emergencyContact}
          />
        </SimpleGrid>
      </Fieldset>
      <Textarea
        label="Availability notes"
        description="Work or school hours, childcare, transport: what the weekly plan must fit around"
        autosize
        minRows={2}
        value={values.availabilityNotes}
        onChange={set('availabilityNotes')}
        error={errors.availabilityNotes}
      />
    </Stack>
  );
}
