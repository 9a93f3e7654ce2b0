import { describe, expect, it } from 'vitest';
import type { TreatmentPlanContent } from './plan-content.js';
import { assignIds, objectivesOf, type PlanContentInput } from './plan-ids.js';

function counter() {
  let n = 0;
  return () => `new-${++n}`;
}

const known: TreatmentPlanContent = {
  patientStrengthsAndPreferences: '',
  problems: [
    {
      id: 'p1',
      statement: 'Alcohol use',
      diagnosisCodes: ['F10.20'],
      goals: [
        {
          id: 'g1',
          statement: 'Sobriety',
          objectives: [{ id: 'o1', statement: 'No drinks', targetDate: '2026-12-31', status: 'open' }],
          interventions: [{ id: 'i1', description: '', modality: 'MI', frequency: 'weekly', responsibleUserId: 'u1' }],
        },
      ],
    },
  ],
};

const input = (objectives: { id?: string; statement: string }[], problemId?: string): PlanContentInput => ({
  patientStrengthsAndPreferences: '',
  problems: [
    {
      ...(problemId === undefined ? {} : { id: problemId }),
      statement: 'Alcohol use',
      diagnosisCodes: ['F10.20'],
      goals: [
        {
          id: 'g1',
          statement: 'Sobriety',
          objectives: objectives.map((o) => ({ ...o, targetDate: '2026-12-31', status: 'open' as const })),
          interventions: [],
        },
      ],
    },
  ],
});

describe('assignIds', () => {
  it.each<[string, PlanContentInput, TreatmentPlanContent | null, string[]]>([
    ['a first draft: every item gets a new id', input([{ statement: 'a' }]), null, ['new-1', 'new-2', 'new-3']],
    ['a known id is kept', input([{ id: 'o1', statement: 'a' }], 'p1'), known, ['p1', 'g1', 'o1']],
    ['a new objective next to a kept one gets a new id', input([{ id: 'o1', statement: 'a' }, { statement: 'b' }], 'p1'), known, ['p1', 'g1', 'o1', 'new-1']],
    ['an id the draft does not hold is replaced', input([{ id: 'forged', statement: 'a' }], 'p1'), known, ['p1', 'g1', 'new-1']],
    ['a duplicated id is kept once', input([{ id: 'o1', statement: 'a' }, { id: 'o1', statement: 'b' }], 'p1'), known, ['p1', 'g1', 'o1', 'new-1']],
    ['an id of another kind is not reused', input([{ id: 'g1', statement: 'a' }], 'p1'), known, ['p1', 'g1', 'new-1']],
  ])('%s', (_name, content, draft, expected) => {
    const result = assignIds(content, draft, counter());
    const problem = result.problems[0];
    const goal = problem?.goals[0];
    expect([problem?.id, goal?.id, ...(goal?.objectives.map((o) => o.id) ?? [])]).toEqual(expected);
  });

  it('lists the objectives of a version with their problem and goal', () => {
    expect(objectivesOf(known)).toEqual([{ objective: known.problems[0]?.goals[0]?.objectives[0], problem: 'Alcohol use', goal: 'Sobriety' }]);
  });
});
