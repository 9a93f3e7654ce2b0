import { describe, expect, it } from 'vitest';
import type { TreatmentPlanContent } from './plan-content.js';
import { isIcd10CmCode, normalizeDiagnosisCode, planCompletenessIssues, type SignContext } from './plan-validation.js';

const STAFF = 'staff-1';

function completePlan(): TreatmentPlanContent {
  return {
    patientStrengthsAndPreferences: 'Wants to return to work',
    problems: [
      {
        id: 'p1',
        statement: 'Depressed mood most days',
        diagnosisCodes: ['F33.1'],
        goals: [
          {
            id: 'g1',
            statement: 'Fewer depressed days',
            objectives: [{ id: 'o1', statement: 'PHQ-9 below 10 by the target date', targetDate: '2026-12-31', status: 'open' }],
            interventions: [
              { id: 'i1', description: 'Group CBT', modality: 'CBT', frequency: '3 groups a week', responsibleUserId: STAFF },
            ],
          },
        ],
      },
    ],
  };
}

const context: SignContext = {
  today: '2026-11-27',
  responsibleStaffIds: new Set([STAFF]),
  plannedDaysPerWeek: 3,
  plannedMinutesPerWeek: 540,
};

describe('isIcd10CmCode', () => {
  it.each([
    ['F33.1', true],
    ['F10.20', true],
    ['F41.1', true],
    ['F32.A', true],
    ['T43.011A', true],
    ['C4A.0', true],
    ['F33', true],
    ['Z63.0', true],
    ['T14.91XA', true],
    ['f33.1', false],
    ['F3', false],
    ['33.1', false],
    ['F33.', false],
    ['F33.12345', false],
    ['F33 1', false],
    ['', false],
  ])('%s → %s', (code, valid) => {
    expect(isIcd10CmCode(code)).toBe(valid);
  });

  it('normalizes case and spaces before checking', () => {
    expect(normalizeDiagnosisCode('  f33.1 ')).toBe('F33.1');
  });
});

describe('planCompletenessIssues', () => {
  it('finds nothing missing in a complete plan', () => {
    expect(planCompletenessIssues(completePlan(), context)).toEqual([]);
  });

  type Case = [string, (plan: TreatmentPlanContent) => void, Partial<SignContext>, string];
  const first = (plan: TreatmentPlanContent) => {
    const problem = plan.problems[0];
    const goal = problem?.goals[0];
    const objective = goal?.objectives[0];
    const intervention = goal?.interventions[0];
    if (!problem || !goal || !objective || !intervention) throw new Error('fixture');
    return { problem, goal, objective, intervention };
  };
  it.each<Case>([
    ['no problem', (plan) => (plan.problems = []), {}, 'problems'],
    ['a blank problem statement', (plan) => (first(plan).problem.statement = '  '), {}, 'problems[0].statement'],
    ['no diagnosis', (plan) => (first(plan).problem.diagnosisCodes = []), {}, 'problems[0].diagnosisCodes'],
    [
      'a malformed diagnosis code',
      (plan) => (first(plan).problem.diagnosisCodes = ['F33.1', 'depression']),
      {},
      'problems[0].diagnosisCodes[1]',
    ],
    ['no goal', (plan) => (first(plan).problem.goals = []), {}, 'problems[0].goals'],
    ['a blank goal', (plan) => (first(plan).goal.statement = ''), {}, 'problems[0].goals[0].statement'],
    ['no objective', (plan) => (first(plan).goal.objectives = []), {}, 'problems[0].goals[0].objectives'],
    ['a blank objective', (plan) => (first(plan).objective.statement = ''), {}, 'problems[0].goals[0].objectives[0].statement'],
    ['no target date', (plan) => (first(plan).objective.targetDate = ''), {}, 'problems[0].goals[0].objectives[0].targetDate'],
    [
      'an impossible target date',
      (plan) => (first(plan).objective.targetDate = '2026-02-30'),
      {},
      'problems[0].goals[0].objectives[0].targetDate',
    ],
    [
      'an open objective past its date',
      (plan) => (first(plan).objective.targetDate = '2026-11-26'),
      {},
      'problems[0].goals[0].objectives[0].targetDate',
    ],
    ['no intervention', (plan) => (first(plan).goal.interventions = []), {}, 'problems[0].goals[0].interventions'],
    ['no modality', (plan) => (first(plan).intervention.modality = ''), {}, 'problems[0].goals[0].interventions[0].modality'],
    ['no frequency', (plan) => (first(plan).intervention.frequency = ' '), {}, 'problems[0].goals[0].interventions[0].frequency'],
    [
      'no responsible staff',
      (plan) => (first(plan).intervention.responsibleUserId = ''),
      {},
      'problems[0].goals[0].interventions[0].responsibleUserId',
    ],
    [
      'responsible staff not clinical',
      () => undefined,
      { responsibleStaffIds: new Set(['other']) },
      'problems[0].goals[0].interventions[0].responsibleUserId',
    ],
    ['no planned days', () => undefined, { plannedDaysPerWeek: null }, 'plannedDaysPerWeek'],
    ['no planned minutes', () => undefined, { plannedMinutesPerWeek: null }, 'plannedMinutesPerWeek'],
  ])('names %s', (_name, change, contextChange, path) => {
    const plan = completePlan();
    change(plan);
    const issues = planCompletenessIssues(plan, { ...context, ...contextChange });
    expect(issues.map((issue) => issue.path)).toEqual([path]);
  });

  it('accepts a met objective whose target date has passed (a review keeps history)', () => {
    const plan = completePlan();
    const objective = plan.problems[0]?.goals[0]?.objectives[0];
    if (!objective) throw new Error('fixture');
    objective.targetDate = '2026-10-01';
    objective.status = 'met';
    expect(planCompletenessIssues(plan, context)).toEqual([]);
  });
});
