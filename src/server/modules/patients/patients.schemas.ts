import { z } from 'zod';
import { PATIENT_LANGUAGES } from '../../../domain/patients/patient-language.js';
import { Email, ErrorBody, Uuid, standardErrors } from '../../http/common-schemas.js';

const LevelOfCare = z.enum(['OP', 'IOP', 'PHP']);

export const EmergencyContactDto = z.object({ name: z.string(), phone: z.string() });

export const PatientDto = z.object({
  id: z.string(),
  legalFirstName: z.string(),
  legalLastName: z.string(),
  preferredName: z.string().nullable(),
  pronouns: z.string().nullable(),
  dateOfBirth: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  stateOfResidence: z.string(),
  emergencyContact: EmergencyContactDto.nullable(),
  availabilityNotes: z.string(),
  preferredLanguage: z.enum(PATIENT_LANGUAGES).nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const OpenEpisodeSummaryDto = z.object({
  episodeId: z.string(),
  programId: z.string(),
  programName: z.string(),
  levelOfCare: LevelOfCare,
  admittedOn: z.string(),
});

export const PatientSummaryDto = z.object({
  id: z.string(),
  legalFirstName: z.string(),
  legalLastName: z.string(),
  preferredName: z.string().nullable(),
  pronouns: z.string().nullable(),
  dateOfBirth: z.string(),
  stateOfResidence: z.string(),
  openEpisodes: z.array(OpenEpisodeSummaryDto),
});

export const PatientListDto = z.object({ patients: z.array(PatientSummaryDto), total: z.number(), limit: z.number(), offset: z.number() });

const Name = z.string().trim().min(1, 'is required').max(100, 'use at most 100 characters');
/** Optional text: absent = unchanged (on update), null or blank = none. */
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `use at most ${max} characters`)
    .nullable()
    .transform((value) => (value === null || value === '' ? null : value));
const PhoneText = z.string().max(40, 'use at most 40 characters');
const StateText = z.string().max(10, 'must be a two-letter US state code');
const DateText = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const OptionalEmail = z
  .union([z.literal(''), Email])
  .nullable()
  .transform((value) => (value === null || value === '' ? null : value.trim()));
const OptionalPhone = PhoneText.nullable().transform((value) => (value === null || value.trim() === '' ? null : value));
const EmergencyContact = z
  .strictObject({ name: z.string().trim().min(1, 'is required').max(200, 'use at most 200 characters'), phone: PhoneText })
  .nullable();
const AvailabilityNotes = z.string().trim().max(2000, 'use at most 2000 characters');
/** The language the patient's link pages open in; null = not recorded (decision 0033). */
const PreferredLanguage = z.enum(PATIENT_LANGUAGES, { message: 'must be "en", "es" or null' }).nullable();

export const CreatePatientBody = z.strictObject({
  legalFirstName: Name,
  legalLastName: Name,
  preferredName: OptionalText(100).optional(),
  pronouns: OptionalText(50).optional(),
  dateOfBirth: DateText,
  phone: OptionalPhone.optional(),
  email: OptionalEmail.optional(),
  stateOfResidence: StateText,
  emergencyContact: EmergencyContact.optional(),
  availabilityNotes: AvailabilityNotes.optional(),
  preferredLanguage: PreferredLanguage.optional(),
});

export const UpdatePatientBody = z.strictObject({
  version: z.number().int().min(1),
  legalFirstName: Name.optional(),
  legalLastName: Name.optional(),
  preferredName: OptionalText(100).optional(),
  pronouns: OptionalText(50).optional(),
  dateOfBirth: DateText.optional(),
  phone: OptionalPhone.optional(),
  email: OptionalEmail.optional(),
  stateOfResidence: StateText.optional(),
  emergencyContact: EmergencyContact.optional(),
  availabilityNotes: AvailabilityNotes.optional(),
  preferredLanguage: PreferredLanguage.optional(),
});

export const PatientListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  openEpisode: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  programId: Uuid.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const PatientParams = z.strictObject({ patientId: Uuid });

export const patientErrors = { ...standardErrors, 409: ErrorBody, 412: ErrorBody, 422: ErrorBody } as const;
