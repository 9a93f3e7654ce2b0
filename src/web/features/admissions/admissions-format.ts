import { REASON_TEXT, type ReasonCode } from '../../../domain/front-door/self-check';
import { CLOSE_REASONS, INQUIRY_STAGES, type CloseReason, type InquiryStage } from '../../../domain/admissions/stage-rules';
import type { ActivityDto, CallOutcome, InquiryCoreDto } from './admissions-types';

export const STAGE_LABELS: Record<InquiryStage, string> = {
  new: 'New',
  contacted: 'Contacted',
  screening: 'Screening',
  assessment_scheduled: 'Assessment scheduled',
  admitted: 'Admitted',
  referred: 'Referred',
  closed: 'Closed',
};

export const STAGE_OPTIONS = INQUIRY_STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }));

export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  no_response: 'No response',
  chose_other_provider: 'Chose another provider',
  not_eligible: 'Not eligible',
  insurance: 'Insurance',
  duplicate: 'Duplicate',
  other: 'Other',
};

export const CLOSE_REASON_OPTIONS = CLOSE_REASONS.map((reason) => ({ value: reason, label: CLOSE_REASON_LABELS[reason] }));

export const CALL_OUTCOME_LABELS: Record<CallOutcome, string> = {
  reached: 'Reached them',
  left_voicemail: 'Left a voicemail',
  no_answer: 'No answer',
  wrong_number: 'Wrong number',
};

export const URGENT_LABEL = 'Urgent — same-day call-back';

/** "45 min", "3 h 5 min", "2 d 4 h": how long someone has waited. */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${minutes} min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** The response clock in words, for a card or a row. */
export function clockText(inquiry: Pick<InquiryCoreDto, 'clock'>): string {
  const { clock } = inquiry;
  if (clock.minutesWaiting !== null) {
    return clock.overdue ? `Overdue — waiting ${formatMinutes(clock.minutesWaiting)}` : `Waiting ${formatMinutes(clock.minutesWaiting)}`;
  }
  if (clock.minutesToFirstContact !== null) return `First contact after ${formatMinutes(clock.minutesToFirstContact)}`;
  return 'No contact recorded';
}

export function whoFor(inquiry: Pick<InquiryCoreDto, 'forWhom' | 'patientName'>): string {
  if (inquiry.forWhom === 'self') return 'For themselves';
  return inquiry.patientName === null ? 'For a loved one' : `For a loved one (${inquiry.patientName})`;
}

export function activityTitle(activity: ActivityDto): string {
  switch (activity.kind) {
    case 'call':
      return `Call: ${activity.callOutcome === null ? '' : CALL_OUTCOME_LABELS[activity.callOutcome]}`;
    case 'email':
      return 'Email';
    case 'text_message':
      return 'Text message';
    case 'note':
      return 'Note';
    case 'stage_change':
      return `Stage: ${stageName(activity.stageFrom)} → ${stageName(activity.stageTo)}`;
    case 'assessment_booked':
      return 'Assessment booked';
    case 'merged':
      return 'Merged';
    case 'submitted':
      return 'Inquiry received';
  }
}

function stageName(stage: string | null): string {
  if (stage === null) return '—';
  return (INQUIRY_STAGES as readonly string[]).includes(stage) ? STAGE_LABELS[stage as InquiryStage] : stage;
}

/**
 * The reasons the visitor's self-check gave, as plain sentences. The self-check is never a
 * diagnosis: the page shows these as "what they told us", and routes to a clinician.
 */
const SELF_CHECK_OUTCOMES: Record<string, string> = {
  get_help_now: 'Get help now (the crisis resources were shown first)',
  more_intensive: 'A more intensive level may fit (inpatient or partial hospitalization evaluation)',
  iop: 'An intensive outpatient program may fit',
  outpatient: 'Weekly outpatient care may fit',
};

export type SelfCheckSummary = { outcome: string | null; reasons: string[]; phq9Total: number | null; gad7Total: number | null };

/**
 * The self-check a visitor sent, as stored by the public site (src/domain/front-door/self-check.ts):
 * the result they were shown and its reasons, in the words they read.
 */
export function readSelfCheck(selfCheck: unknown): SelfCheckSummary | null {
  if (typeof selfCheck !== 'object' || selfCheck === null || Array.isArray(selfCheck)) return null;
  const record = selfCheck as Record<string, unknown>;
  const outcome = typeof record.outcome === 'string' ? (SELF_CHECK_OUTCOMES[record.outcome] ?? record.outcome) : null;
  const reasons = Array.isArray(record.reasons)
    ? record.reasons.flatMap((item) => (typeof item === 'string' ? [reasonText(item)] : []))
    : [];
  const total = (value: unknown) => (typeof value === 'number' ? value : null);
  return { outcome, reasons, phq9Total: total(record.phq9Total), gad7Total: total(record.gad7Total) };
}

function reasonText(code: string): string {
  return code in REASON_TEXT ? REASON_TEXT[code as ReasonCode].en : code;
}

/** A date-time-local input value (browser zone) as ISO with offset, or null when empty or invalid. */
export function localInputToIso(value: string): string | null {
  if (value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
