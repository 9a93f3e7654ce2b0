import { describe, expect, it } from 'vitest';
import { planVersionStatus, reviewDueOn, reviewStatus } from './plan-review.js';

describe('reviewDueOn', () => {
  it.each([
    ['2026-11-02', 30, '2026-12-02'],
    ['2026-01-31', 30, '2026-03-02'],
    ['2028-02-01', 30, '2028-03-02'],
    ['2026-03-01', 7, '2026-03-08'],
    ['2026-12-15', 365, '2027-12-15'],
  ])('signed %s, every %i days → %s', (signedOn, days, due) => {
    expect(reviewDueOn(signedOn, days)).toBe(due);
  });
});

describe('reviewStatus', () => {
  it.each([
    ['2026-12-31', '2026-11-27', 'current'],
    ['2026-12-05', '2026-11-27', 'current'],
    ['2026-12-04', '2026-11-27', 'due'],
    ['2026-11-27', '2026-11-27', 'due'],
    ['2026-11-26', '2026-11-27', 'overdue'],
  ])('due %s, today %s → %s', (dueOn, today, status) => {
    expect(reviewStatus(dueOn, today)).toBe(status);
  });
});

describe('planVersionStatus', () => {
  const at = new Date('2026-11-27T15:00:00Z');
  it.each<[string, Date | null, Date | null, string | null, string]>([
    ['unsigned', null, null, null, 'draft'],
    ['clinician signed only', at, null, null, 'awaiting_patient'],
    ['patient signed', at, at, null, 'signed'],
    ['patient declined', at, null, 'Wants to think it over', 'signed'],
  ])('%s → %s', (_name, clinicianSignedAt, patientSignedAt, patientDeclinedReason, status) => {
    expect(planVersionStatus({ clinicianSignedAt, patientSignedAt, patientDeclinedReason })).toBe(status);
  });
});
