// The admissions pipeline: which stage may follow which, and what each stage needs before an
// inquiry may enter it (decision 0017). Pure: the clock is an argument.

export const INQUIRY_STAGES = ['new', 'contacted', 'screening', 'assessment_scheduled', 'admitted', 'referred', 'closed'] as const;
export type InquiryStage = (typeof INQUIRY_STAGES)[number];

/** Stages in which someone is still waiting for the program to act. */
export const OPEN_STAGES: readonly InquiryStage[] = ['new', 'contacted', 'screening', 'assessment_scheduled'];

export function isOpenStage(stage: InquiryStage): boolean {
  return OPEN_STAGES.includes(stage);
}

export const CLOSE_REASONS = ['no_response', 'chose_other_provider', 'not_eligible', 'insurance', 'duplicate', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/**
 * Allowed moves by the stage action. `admitted` is absent on purpose: only the admit action,
 * which checks the level-of-care assessment, reaches it. Re-booking an assessment
 * (assessment_scheduled -> assessment_scheduled) is allowed so a missed appointment can move.
 * A closed inquiry may be reopened (back to contacted) unless it was merged into another.
 */
export const TRANSITIONS: Readonly<Record<InquiryStage, readonly InquiryStage[]>> = {
  new: ['contacted', 'screening', 'assessment_scheduled', 'referred', 'closed'],
  contacted: ['screening', 'assessment_scheduled', 'referred', 'closed'],
  screening: ['contacted', 'assessment_scheduled', 'referred', 'closed'],
  assessment_scheduled: ['screening', 'assessment_scheduled', 'referred', 'closed'],
  admitted: [],
  referred: ['contacted', 'closed'],
  closed: ['contacted'],
};

export type StageRequest =
  | { to: 'new' | 'contacted' | 'screening' | 'admitted' }
  | { to: 'assessment_scheduled'; assessmentAt?: Date | undefined; clinicianId?: string | undefined }
  | { to: 'referred'; referredTo?: string | undefined }
  | { to: 'closed'; reason?: CloseReason | undefined; reasonText?: string | undefined };

/** The rule a refused change broke, and the request field it concerns (for the 4xx details). */
export type StageRefusal = { ok: false; rule: string; path: string; message: string };
export type StageCheck = { ok: true } | StageRefusal;

function refuse(rule: string, path: string, message: string): StageRefusal {
  return { ok: false, rule, path, message };
}

const STAGE_WORDS: Record<InquiryStage, string> = {
  new: 'new',
  contacted: 'contacted',
  screening: 'screening',
  assessment_scheduled: 'assessment scheduled',
  admitted: 'admitted',
  referred: 'referred',
  closed: 'closed',
};

export function stageLabel(stage: InquiryStage): string {
  return STAGE_WORDS[stage];
}

/**
 * Whether an inquiry in `from` may move as requested. Expected refusals are values (STYLE rule 5);
 * the service turns them into a 409/422 naming the rule.
 */
export function checkStageChange(from: InquiryStage, request: StageRequest, facts: { merged: boolean; now: Date }): StageCheck {
  if (request.to === 'admitted') {
    return refuse(
      'admit_action_only',
      'to',
      'an inquiry becomes admitted only through the admit action, which checks the level-of-care assessment',
    );
  }
  if (facts.merged) return refuse('merged_is_final', 'to', 'this inquiry was merged into another and stays closed');
  if (!TRANSITIONS[from].includes(request.to)) {
    return refuse('transition_not_allowed', 'to', `an inquiry cannot move from ${stageLabel(from)} to ${stageLabel(request.to)}`);
  }
  switch (request.to) {
    case 'new':
    case 'contacted':
    case 'screening':
      return { ok: true };
    case 'assessment_scheduled':
      if (request.assessmentAt === undefined)
        return refuse('assessment_needs_time', 'assessmentAt', 'booking an assessment needs its date and time');
      if (request.clinicianId === undefined)
        return refuse('assessment_needs_clinician', 'clinicianId', 'booking an assessment needs the clinician');
      if (request.assessmentAt.getTime() < facts.now.getTime())
        return refuse('assessment_in_past', 'assessmentAt', 'must not be in the past');
      return { ok: true };
    case 'referred':
      if (request.referredTo === undefined || request.referredTo.trim() === '')
        return refuse('referral_needs_destination', 'referredTo', 'a referral names where the person was referred to');
      return { ok: true };
    case 'closed':
      if (request.reason === undefined)
        return refuse('close_needs_reason', 'reason', `closing needs a reason (${CLOSE_REASONS.join(', ')})`);
      if (request.reason === 'other' && (request.reasonText === undefined || request.reasonText.trim() === ''))
        return refuse('other_reason_needs_text', 'reasonText', 'describe the reason when it is "other"');
      return { ok: true };
  }
}

/**
 * What is stored in inquiries.closed_reason: the reason code, with the free text after a colon
 * ("other: moved abroad"). Reports group by the code before the colon.
 */
export function closedReasonText(reason: CloseReason, text: string | undefined): string {
  const extra = text?.trim() ?? '';
  return extra === '' ? reason : `${reason}: ${extra}`;
}

export function closedReasonCode(stored: string): CloseReason | 'unknown' {
  const code = stored.split(':', 1)[0]?.trim() ?? '';
  return (CLOSE_REASONS as readonly string[]).includes(code) ? (code as CloseReason) : 'unknown';
}
