// The language a patient's own pages open in (docs/domain/patients.md, decision 0033). Pure: the
// patient-facing link pages exist in English and Spanish, so those are the languages a record holds.

export const PATIENT_LANGUAGES = ['en', 'es'] as const;
export type PatientLanguage = (typeof PATIENT_LANGUAGES)[number];

export function isPatientLanguage(value: unknown): value is PatientLanguage {
  return PATIENT_LANGUAGES.some((language) => language === value);
}

/**
 * The language a patient link page renders in: the patient's explicit choice on the page (?lang=,
 * the switcher) wins; otherwise the language recorded for the patient; otherwise English, as the
 * pages did before a language was recorded.
 */
export function pageLanguage(requested: PatientLanguage | undefined, preferred: PatientLanguage | null | undefined): PatientLanguage {
  return requested ?? preferred ?? 'en';
}

/**
 * The language to propose when an inquiry becomes a patient: the language of the public site page
 * the person wrote from (a web form inquiry), else nothing. A staff-logged or API inquiry's
 * language defaults to English whatever the person speaks, so it is not taken as an answer; staff
 * can still choose one in the admit form (decision 0033).
 */
export function admitLanguageOf(inquiry: { source: 'web_form' | 'api' | 'staff'; language: PatientLanguage }): PatientLanguage | null {
  return inquiry.source === 'web_form' ? inquiry.language : null;
}
