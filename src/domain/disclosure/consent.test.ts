import { describe, expect, it } from 'vitest';
import { blankConsentFields, consentFieldsOf, missingConsentElements } from './consent.js';

describe('consent fields', () => {
  it('a blank consent names only who discloses, and every other 2.31 element is missing', () => {
    const blank = blankConsentFields('Example Program (demo)');
    expect(blank.discloser).toBe('Example Program (demo)');
    const missing = missingConsentElements({ ...blank, id: 'c', status: 'draft', revokedAt: null }).map((issue) => issue.path);
    expect(missing).not.toContain('discloser');
    expect(missing).toEqual(expect.arrayContaining(['information', 'recordKinds', 'recipients', 'purpose', 'signedOn']));
  });

  it('takes the written elements of a stored consent, leaving out the rest, with arrays copied', () => {
    const stored = {
      ...blankConsentFields('Program'),
      recipients: ['Example Clinic (demo)'],
      recordKinds: ['notes' as const],
      id: 'c1',
      status: 'active' as const,
      version: 3,
    };
    const fields = consentFieldsOf(stored);
    expect(fields).toEqual({ ...blankConsentFields('Program'), recipients: ['Example Clinic (demo)'], recordKinds: ['notes'] });
    expect(fields).not.toHaveProperty('id');
    expect(fields.recipients).not.toBe(stored.recipients);
  });
});
