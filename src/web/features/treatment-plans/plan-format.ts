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

const FIELD_WORDS: Record<string, string> = {
  statement: 'statement',
  diagnosisCodes: 'diagnosis codes',
  goals: 'goals',
  objectives: 'objectives',
  interventions: 'interventions',
  targetDate: 'target date',
  modality: 'modality',
  frequency: 'frequency',
  responsibleUserId: 'responsible staff member',
  plannedDaysPerWeek: 'Planned days per week',
  plannedMinutesPerWeek: 'Planned minutes per week',
  problems: 'Problems',
  'content.intensityExceptionReason': 'Reason for planning outside the program’s intensity',
};

/**
 * A signing refusal's field path in the editor's own numbering:
 * "problems[0].goals[1].objectives[0].targetDate" → "Objective 1.2.1: target date".
 */
export function describePath(path: string): string {
  const match = /^problems\[(\d+)\](?:\.goals\[(\d+)\](?:\.(objectives|interventions)\[(\d+)\])?)?(?:\.(\w+)(?:\[(\d+)\])?)?$/.exec(path);
  if (!match) return FIELD_WORDS[path] ?? path;
  const [, p, g, kind, i, field, k] = match;
  const numbers = [p, g, i].filter((n): n is string => n !== undefined).map((n) => Number(n) + 1);
  const item = kind === 'objectives' ? 'Objective' : kind === 'interventions' ? 'Intervention' : g !== undefined ? 'Goal' : 'Problem';
  const where = `${item} ${numbers.join('.')}`;
  if (field === undefined) return where;
  const words = FIELD_WORDS[field] ?? field;
  return k === undefined ? `${where}: ${words}` : `${where}: ${words.replace(/s$/, '')} ${Number(k) + 1}`;
}
