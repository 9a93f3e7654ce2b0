import { describe, expect, it } from 'vitest';
import { checkAdmission, type AssessmentFact } from './admission-rules.js';

const open = { stage: 'assessment_scheduled' as const, mergedIntoId: null };
const at = (iso: string) => new Date(iso);

function assessment(finalLevel: AssessmentFact['finalLevel'], assessedAt = '2026-11-20T15:00:00Z', id = 'a1'): AssessmentFact {
  return { id, finalLevel, assessedAt: at(assessedAt) };
}

describe('admission from an inquiry', () => {
  it.each([
    ['IOP', 'IOP', true],
    ['PHP', 'PHP', true],
    ['OP', 'OP', true],
    ['IOP', 'PHP', false],
    ['PHP', 'IOP', false],
    ['inpatient_referral', 'IOP', false],
  ] as const)('assessed %s, program %s: admitted %s', (level, program, ok) => {
    expect(checkAdmission(open, [assessment(level)], program).ok).toBe(ok);
  });

  it('needs an assessment', () => {
    expect(checkAdmission(open, [], 'IOP')).toMatchObject({ ok: false, rule: 'needs_assessment' });
    expect(checkAdmission(open, [assessment('inpatient_referral')], 'IOP')).toMatchObject({ ok: false, rule: 'needs_assessment' });
  });

  it.each(['new', 'contacted', 'screening', 'assessment_scheduled'] as const)('admits from %s', (stage) => {
    expect(checkAdmission({ stage, mergedIntoId: null }, [assessment('IOP')], 'IOP').ok).toBe(true);
  });

  it('goes by the latest assessment', () => {
    const earlier = assessment('IOP', '2026-11-01T15:00:00Z', 'old');
    const later = assessment('inpatient_referral', '2026-11-10T15:00:00Z', 'new');
    expect(checkAdmission(open, [earlier, later], 'IOP')).toMatchObject({ ok: false, rule: 'needs_assessment' });
    expect(checkAdmission(open, [later, assessment('IOP', '2026-11-15T15:00:00Z', 'newest')], 'IOP')).toEqual({
      ok: true,
      assessmentId: 'newest',
    });
  });

  it('refuses closed, referred, merged and already admitted inquiries', () => {
    expect(checkAdmission({ stage: 'closed', mergedIntoId: null }, [assessment('IOP')], 'IOP')).toMatchObject({ rule: 'inquiry_closed' });
    expect(checkAdmission({ stage: 'closed', mergedIntoId: 'x' }, [assessment('IOP')], 'IOP')).toMatchObject({ rule: 'inquiry_closed' });
    expect(checkAdmission({ stage: 'referred', mergedIntoId: null }, [assessment('IOP')], 'IOP')).toMatchObject({ rule: 'inquiry_closed' });
    expect(checkAdmission({ stage: 'admitted', mergedIntoId: null }, [assessment('IOP')], 'IOP')).toMatchObject({
      rule: 'already_admitted',
    });
  });
});
