import type { PatientLanguage } from '../../../domain/patients/patient-language';
import type { PatientDto } from '../../lib/api-types';

// The patient form keeps every field as text; these turn it into request bodies and back.

export type PatientFormValues = {
  legalFirstName: string;
  legalLastName: string;
  preferredName: string;
  pronouns: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  stateOfResidence: string;
  emergencyName: string;
  emergencyPhone: string;
  availabilityNotes: string;
  /** '' = not recorded. */
  preferredLanguage: PatientLanguage | '';
};

export const PATIENT_FIELDS = [
  'legalFirstName',
  'legalLastName',
  'preferredName',
  'pronouns',
  'dateOfBirth',
  'phone',
  'email',
  'stateOfResidence',
  'emergencyContact',
  'availabilityNotes',
  'preferredLanguage',
] as const;

export type PatientField = (typeof PATIENT_FIELDS)[number];

export const EMPTY_PATIENT: PatientFormValues = {
  legalFirstName: '',
  legalLastName: '',
  preferredName: '',
  pronouns: '',
  dateOfBirth: '',
  phone: '',
  email: '',
  stateOfResidence: '',
  emergencyName: '',
  emergencyPhone: '',
  availabilityNotes: '',
  preferredLanguage: '',
};

export function valuesFrom(patient: PatientDto): PatientFormValues {
  return {
    legalFirstName: patient.legalFirstName,
    legalLastName: patient.legalLastName,
    preferredName: patient.preferredName ?? '',
    pronouns: patient.pronouns ?? '',
    dateOfBirth: patient.dateOfBirth,
    phone: patient.phone ?? '',
    email: patient.email ?? '',
    stateOfResidence: patient.stateOfResidence,
    emergencyName: patient.emergencyContact?.name ?? '',
    emergencyPhone: patient.emergencyContact?.phone ?? '',
    availabilityNotes: patient.availabilityNotes,
    preferredLanguage: patient.preferredLanguage ?? '',
  };
}

export type PatientBody = {
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  pronouns: string | null;
  dateOfBirth: string;
  phone: string | null;
  email: string | null;
  stateOfResidence: string;
  emergencyContact: { name: string; phone: string } | null;
  availabilityNotes: string;
  preferredLanguage: PatientLanguage | null;
};

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** Blank optional fields become null; an emergency contact is sent when either half is filled, so the server can name the missing half. */
export function toBody(values: PatientFormValues): PatientBody {
  const name = values.emergencyName.trim();
  const phone = values.emergencyPhone.trim();
  return {
    legalFirstName: values.legalFirstName.trim(),
    legalLastName: values.legalLastName.trim(),
    preferredName: orNull(values.preferredName),
    pronouns: orNull(values.pronouns),
    dateOfBirth: values.dateOfBirth,
    phone: orNull(values.phone),
    email: orNull(values.email),
    stateOfResidence: values.stateOfResidence.trim().toUpperCase(),
    emergencyContact: name === '' && phone === '' ? null : { name, phone },
    availabilityNotes: values.availabilityNotes.trim(),
    preferredLanguage: values.preferredLanguage === '' ? null : values.preferredLanguage,
  };
}

export type PatientPatch = Partial<PatientBody> & { version: number };

/** Only the fields that differ from the record as loaded, with the version they were edited from. */
export function toPatch(values: PatientFormValues, loaded: PatientDto): PatientPatch {
  const next = toBody(values);
  const before = toBody(valuesFrom(loaded));
  const patch: PatientPatch = { version: loaded.version };
  for (const key of Object.keys(next) as (keyof PatientBody)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) Object.assign(patch, { [key]: next[key] });
  }
  return patch;
}
