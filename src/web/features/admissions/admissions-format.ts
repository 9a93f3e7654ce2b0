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
export function selfCheckReasons(selfCheck: unknown): string[] {
  if (typeof selfCheck !== 'object' || selfCheck === null) return [];
  const record = selfCheck as Record<string, unknown>;
  for (const key of ['reasons', 'summary', 'flags']) {
    const value = record[key];
    if (Array.isArray(value)) return value.flatMap((item) => (typeof item === 'string' ? [item] : textOf(item)));
    if (typeof value === 'string') return [value];
  }
  return [];
}

function textOf(item: unknown): string[] {
  if (typeof item !== 'object' || item === null) return [];
  const record = item as Record<string, unknown>;
  for (const key of ['text', 'label', 'message', 'en']) {
    const value = record[key];
    if (typeof value === 'string') return [value];
  }
  return [];
}

/** A date-time-local input value (browser zone) as ISO with offset, or null when empty or invalid. */
export function localInputToIso(value: string): string | null {
  if (value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
