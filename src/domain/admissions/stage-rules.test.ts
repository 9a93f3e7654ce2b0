import { describe, expect, it } from 'vitest';
import {
  INQUIRY_STAGES,
  TRANSITIONS,
  checkStageChange,
  closedReasonCode,
  closedReasonText,
  type InquiryStage,
  type StageRequest,
} from './stage-rules.js';

const NOW = new Date('2026-11-27T15:00:00Z');
const LATER = new Date('2026-11-28T15:00:00Z');
const CLINICIAN = '00000000-0000-4000-8000-000000000001';

/** A request for `to` that carries everything that stage needs. */
function complete(to: InquiryStage): StageRequest {
  switch (to) {
    case 'assessment_scheduled':
      return { to, assessmentAt: LATER, clinicianId: CLINICIAN };
    case 'referred':
      return { to, referredTo: 'County crisis unit' };
    case 'closed':
      return { to, reason: 'no_response' };
    case 'new':
    case 'contacted':
    case 'screening':
    case 'admitted':
      return { to };
  }
}

const allowed: [InquiryStage, InquiryStage][] = [
  ['new', 'contacted'],
  ['new', 'screening'],
  ['new', 'assessment_scheduled'],
  ['new', 'referred'],
  ['new', 'closed'],
  ['contacted', 'screening'],
  ['contacted', 'assessment_scheduled'],
  ['contacted', 'referred'],
  ['contacted', 'closed'],
  ['screening', 'contacted'],
  ['screening', 'assessment_scheduled'],
  ['screening', 'referred'],
  ['screening', 'closed'],
  ['assessment_scheduled', 'screening'],
  ['assessment_scheduled', 'assessment_scheduled'],
  ['assessment_scheduled', 'referred'],
  ['assessment_scheduled', 'closed'],
  ['referred', 'contacted'],
  ['referred', 'closed'],
  ['closed', 'contacted'],
];

describe('stage transitions', () => {
  const table = INQUIRY_STAGES.flatMap((from) => INQUIRY_STAGES.map((to) => [from, to] as const));
  it.each(table)('%s -> %s follows the table', (from, to) => {
    const result = checkStageChange(from, complete(to), { merged: false, now: NOW });
    const expected = allowed.some(([f, t]) => f === from && t === to);
    expect(result.ok).toBe(expected);
    if (!result.ok) expect(result.rule).toBe(to === 'admitted' ? 'admit_action_only' : 'transition_not_allowed');
  });

  it('lists exactly the allowed pairs', () => {
    const pairs = INQUIRY_STAGES.flatMap((from) => TRANSITIONS[from].map((to) => [from, to]));
    expect(pairs).toEqual(expect.arrayContaining(allowed));
    expect(pairs).toHaveLength(allowed.length);
  });

  it('never reaches admitted through a stage change, from any stage', () => {
    for (const from of INQUIRY_STAGES) {
      expect(checkStageChange(from, { to: 'admitted' }, { merged: false, now: NOW })).toMatchObject({
        ok: false,
        rule: 'admit_action_only',
      });
    }
  });

  it('keeps a merged inquiry closed', () => {
    expect(checkStageChange('closed', { to: 'contacted' }, { merged: true, now: NOW })).toMatchObject({
      ok: false,
      rule: 'merged_is_final',
    });
  });
});

describe('what each stage needs', () => {
  it.each<[string, StageRequest, string, string]>([
    ['a closing reason', { to: 'closed' }, 'close_needs_reason', 'reason'],
    ['text for "other"', { to: 'closed', reason: 'other', reasonText: '  ' }, 'other_reason_needs_text', 'reasonText'],
    ['where a referral goes', { to: 'referred', referredTo: ' ' }, 'referral_needs_destination', 'referredTo'],
    ['the assessment time', { to: 'assessment_scheduled', clinicianId: CLINICIAN }, 'assessment_needs_time', 'assessmentAt'],
    ['the assessing clinician', { to: 'assessment_scheduled', assessmentAt: LATER }, 'assessment_needs_clinician', 'clinicianId'],
    [
      'a time not in the past',
      { to: 'assessment_scheduled', assessmentAt: new Date(NOW.getTime() - 60_000), clinicianId: CLINICIAN },
      'assessment_in_past',
      'assessmentAt',
    ],
  ])('refuses without %s', (_what, request, rule, path) => {
    expect(checkStageChange('contacted', request, { merged: false, now: NOW })).toMatchObject({ ok: false, rule, path });
  });

  it('accepts "other" with its text, and any listed reason alone', () => {
    expect(checkStageChange('new', { to: 'closed', reason: 'other', reasonText: 'Moved away' }, { merged: false, now: NOW }).ok).toBe(true);
    expect(checkStageChange('new', { to: 'closed', reason: 'insurance' }, { merged: false, now: NOW }).ok).toBe(true);
  });

  it('stores a reason with its text and reads the code back', () => {
    expect(closedReasonText('other', ' Moved away ')).toBe('other: Moved away');
    expect(closedReasonText('duplicate', undefined)).toBe('duplicate');
    expect(closedReasonCode('other: Moved away')).toBe('other');
    expect(closedReasonCode('insurance')).toBe('insurance');
    expect(closedReasonCode('something else')).toBe('unknown');
  });
});
