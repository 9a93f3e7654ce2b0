// When an inquiry may become an admission (decision 0017): a clinician's level-of-care assessment
// of the inquiry must place the person at the level of the chosen program. The latest assessment
// counts: a later one (say, a referral to inpatient care after a crisis) replaces an earlier one.
import { isOpenStage, type InquiryStage } from './stage-rules.js';

export const ADMITTABLE_LEVELS = ['IOP', 'PHP', 'OP'] as const;
export type ProgramLevel = (typeof ADMITTABLE_LEVELS)[number];
export type AssessedLevel = ProgramLevel | 'inpatient_referral';

export type AssessmentFact = { id: string; assessedAt: Date; finalLevel: AssessedLevel };

export type AdmissionCheck =
  | { ok: true; assessmentId: string }
  | { ok: false; rule: 'inquiry_closed' | 'already_admitted' | 'needs_assessment' | 'level_mismatch'; message: string };

export function latestAssessment(assessments: readonly AssessmentFact[]): AssessmentFact | undefined {
  let latest: AssessmentFact | undefined;
  for (const assessment of assessments) {
    if (latest === undefined || assessment.assessedAt.getTime() > latest.assessedAt.getTime()) latest = assessment;
  }
  return latest;
}

export function checkAdmission(
  inquiry: { stage: InquiryStage; mergedIntoId: string | null },
  assessments: readonly AssessmentFact[],
  programLevel: ProgramLevel | null,
): AdmissionCheck {
  if (inquiry.stage === 'admitted') return { ok: false, rule: 'already_admitted', message: 'this inquiry was already admitted' };
  // Only an open inquiry: a referred or closed one is reopened first (decision 0017); a merged one never.
  if (!isOpenStage(inquiry.stage) || inquiry.mergedIntoId !== null)
    return { ok: false, rule: 'inquiry_closed', message: 'a closed, referred or merged inquiry cannot be admitted; reopen it first' };
  const latest = latestAssessment(assessments);
  if (latest === undefined || !(ADMITTABLE_LEVELS as readonly string[]).includes(latest.finalLevel)) {
    return {
      ok: false,
      rule: 'needs_assessment',
      message: 'admission needs a level-of-care assessment whose chosen level is IOP, PHP or OP',
    };
  }
  if (programLevel !== null && latest.finalLevel !== programLevel) {
    return {
      ok: false,
      rule: 'level_mismatch',
      message: `the assessment places the person at ${latest.finalLevel}, but the program is ${programLevel}`,
    };
  }
  return { ok: true, assessmentId: latest.id };
}
