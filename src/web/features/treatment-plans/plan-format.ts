// Labels and blank items for the plan editor and the chart (pure, so they are unit-tested).
import type { PlanGoal, PlanIntervention, PlanObjective, PlanProblem } from '../../../domain/treatment-plans/plan-content';
import type { PlanVersionStatus, ReviewStatus } from '../../../domain/treatment-plans/plan-review';

export const STATUS_BADGE: Record<PlanVersionStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  awaiting_patient: { label: 'Awaiting patient signature', color: 'yellow' },
  signed: { label: 'Signed', color: 'green' },
};

export const REVIEW_BADGE: Record<ReviewStatus, { label: string; color: string } | null> = {
  current: null,
  due: { label: 'Review due', color: 'orange' },
  overdue: { label: 'Review overdue', color: 'red' },
};

export const OBJECTIVE_STATUS_LABEL: Record<PlanObjective['status'], string> = {
  open: 'Open',
  met: 'Met',
  revised: 'Revised',
  discontinued: 'Discontinued',
};

export function blankObjective(newId: () => string): PlanObjective {
  return { id: newId(), statement: '', targetDate: '', status: 'open' };
}

export function blankIntervention(newId: () => string): PlanIntervention {
  return { id: newId(), description: '', modality: '', frequency: '', responsibleUserId: '' };
}

export function blankGoal(newId: () => string): PlanGoal {
  return { id: newId(), statement: '', objectives: [blankObjective(newId)], interventions: [blankIntervention(newId)] };
}

export function blankProblem(newId: () => string): PlanProblem {
  return { id: newId(), statement: '', diagnosisCodes: [], goals: [blankGoal(newId)] };
}

/** "F33.1, f41.1 ,," → ['F33.1', 'F41.1'] (the server normalizes the same way). */
export function parseCodes(text: string): string[] {
  return text
    .split(/[,\s;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '');
}

/** "Saved at 14:05:09" in the browser's zone. */
export function savedAt(iso: string): string {
  return `Saved at ${new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(Date.parse(iso))}`;
}
