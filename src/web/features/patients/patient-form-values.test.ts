import { describe, expect, it } from 'vitest';
import type { PatientDto } from '../../lib/api-types';
import { EMPTY_PATIENT, toBody, toPatch, valuesFrom } from './patient-form-values';

const loaded: PatientDto = {
  id: 'p1',
  legalFirstName: 'Avery',
  legalLastName: 'Synthetic',
  preferredName: 'Ave',
  pronouns: null,
  dateOfBirth: '1991-04-12',
  phone: '+15035550142',
  email: null,
  stateOfResidence: 'OR',
  emergencyContact: { name: 'Jordan Synthetic', phone: '+15035550199' },
  availabilityNotes: '',
  preferredLanguage: null,
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('toBody', () => {
  it('sends blank optional fields as null and upper-cases the state', () => {
    const body = toBody({
      ...EMPTY_PATIENT,
      legalFirstName: ' Avery ',
      legalLastName: 'Synthetic',
      dateOfBirth: '1991-04-12',
      stateOfResidence: 'or',
    });
    expect(body).toEqual({
      legalFirstName: 'Avery',
      legalLastName: 'Synthetic',
      preferredName: null,
      pronouns: null,
      dateOfBirth: '1991-04-12',
      phone: null,
      email: null,
      stateOfResidence: 'OR',
      emergencyContact: null,
      availabilityNotes: '',
      preferredLanguage: null,
    });
  });

  it('sends a half-filled emergency contact so the server names the missing half', () => {
    expect(toBody({ ...EMPTY_PATIENT, emergencyName: 'Jordan Synthetic' }).emergencyContact).toEqual({
      name: 'Jordan Synthetic',
      phone: '',
    });
  });
});

describe('toPatch', () => {
  it('sends only what changed, with the version it was edited from', () => {
    const values = {
      ...valuesFrom(loaded),
      pronouns: 'they/them',
      emergencyName: '',
      emergencyPhone: '',
    };
    expect(toPatch(values, loaded)).toEqual({
      version: 3,
      pronouns: 'they/them',
      emergencyContact: null,
    });
  });

  it('sends a chosen language, and null when set back to not recorded', () => {
    expect(toPatch({ ...valuesFrom(loaded), preferredLanguage: 'es' }, loaded)).toEqual({ version: 3, preferredLanguage: 'es' });
    const spanish = { ...loaded, preferredLanguage: 'es' as const };
    expect(valuesFrom(spanish).preferredLanguage).toBe('es');
    expect(toPatch({ ...valuesFrom(spanish), preferredLanguage: '' }, spanish)).toEqual({ version: 3, preferredLanguage: null });
  });

  it('sends the version alone when nothing changed', () => {
    expect(toPatch(valuesFrom(loaded), loaded)).toEqual({ version: 3 });
  });
});
