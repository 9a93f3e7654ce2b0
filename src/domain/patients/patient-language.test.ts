import { describe, expect, it } from 'vitest';
import { admitLanguageOf, isPatientLanguage, pageLanguage, type PatientLanguage } from './patient-language.js';

describe('pageLanguage', () => {
  it.each<[string, PatientLanguage | undefined, PatientLanguage | null | undefined, PatientLanguage]>([
    ['Spanish recorded, no choice on the page', undefined, 'es', 'es'],
    ['English recorded, no choice on the page', undefined, 'en', 'en'],
    ['nothing recorded, no choice on the page', undefined, null, 'en'],
    ['no patient known (unknown link)', undefined, undefined, 'en'],
    ['Spanish recorded, English chosen on the page', 'en', 'es', 'en'],
    ['English recorded, Spanish chosen on the page', 'es', 'en', 'es'],
    ['nothing recorded, Spanish chosen on the page', 'es', null, 'es'],
  ])('%s', (_label, requested, preferred, expected) => {
    expect(pageLanguage(requested, preferred)).toBe(expected);
  });
});

describe('isPatientLanguage', () => {
  it.each([
    ['en', true],
    ['es', true],
    ['EN', false],
    ['fr', false],
    ['', false],
    [null, false],
    [undefined, false],
  ])('%j -> %s', (value, expected) => {
    expect(isPatientLanguage(value)).toBe(expected);
  });
});

describe('admitLanguageOf', () => {
  it.each([
    ['a web form sent from the Spanish site', 'web_form', 'es', 'es'],
    ['a web form sent from the English site', 'web_form', 'en', 'en'],
    ['a call logged by staff (language defaults to English)', 'staff', 'en', null],
    ['a staff-logged inquiry marked Spanish', 'staff', 'es', null],
    ['an API inquiry', 'api', 'es', null],
  ] as const)('%s', (_label, source, language, expected) => {
    expect(admitLanguageOf({ source, language })).toBe(expected);
  });
});
