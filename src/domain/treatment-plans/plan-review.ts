// Review dates and the status of a plan version (docs/domain/treatment-plans.md). A signed plan is
// due for review plan_review_days after the clinician signs it (organization setting, default 30);
// "due" starts REVIEW_SOON_DAYS before that date so the review can be booked in time.
import { addDays, daysBetween } from '../scheduling/local-time.js';

export const REVIEW_SOON_DAYS = 7;

export type ReviewStatus = 'current' | 'due' | 'overdue';

export function reviewDueOn(signedOn: string, planReviewDays: number): string {
  return addDays(signedOn, planReviewDays);
}

export function reviewStatus(dueOn: string, today: string): ReviewStatus {
  const daysLeft = daysBetween(today, dueOn);
  if (daysLeft < 0) return 'overdue';
  return daysLeft <= REVIEW_SOON_DAYS ? 'due' : 'current';
}

export type PlanVersionStatus = 'draft' | 'awaiting_patient' | 'signed';

/** Signed means the clinician signed and the patient either signed or their refusal is recorded. */
export function planVersionStatus(plan: {
  clinicianSignedAt: Date | null;
  patientSignedAt: Date | null;
  patientDeclinedReason: string | null;
}): PlanVersionStatus {
  if (plan.clinicianSignedAt === null) return 'draft';
  if (plan.patientSignedAt === null && plan.patientDeclinedReason === null) return 'awaiting_patient';
  return 'signed';
}
