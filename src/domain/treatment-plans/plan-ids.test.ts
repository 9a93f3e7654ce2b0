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
  it.each<[string, PlanContentInput, string[]]>([
    ['items without ids get new ones', input([{ statement: 'a' }]), ['new-1', 'g1', 'new-2']],
    ['ids the editor made are kept', input([{ id: 'o1', statement: 'a' }], 'p1'), ['p1', 'g1', 'o1']],
    [
      'a new objective next to a kept one gets a new id',
      input([{ id: 'o1', statement: 'a' }, { statement: 'b' }], 'p1'),
      ['p1', 'g1', 'o1', 'new-1'],
    ],
    [
      'a duplicated id is kept once',
      input(
        [
          { id: 'o1', statement: 'a' },
          { id: 'o1', statement: 'b' },
        ],
        'p1',
      ),
      ['p1', 'g1', 'o1', 'new-1'],
    ],
    ['an id used by an item of another kind is replaced', input([{ id: 'g1', statement: 'a' }], 'p1'), ['p1', 'g1', 'new-1']],
    ['an empty id is replaced', input([{ id: '', statement: 'a' }], 'p1'), ['p1', 'g1', 'new-1']],
  ])('%s', (_name, content, expected) => {
    const result = assignIds(content, counter());
    const problem = result.problems[0];
    const goal = problem?.goals[0];
    expect([problem?.id, goal?.id, ...(goal?.objectives.map((o) => o.id) ?? [])]).toEqual(expected);
  });

  it('keeps every id of a copied version (a revision keeps citations valid)', () => {
    expect(assignIds(known, counter())).toEqual(known);
  });

  it('lists the objectives of a version with their problem and goal', () => {
    expect(objectivesOf(known)).toEqual([
      { objective: known.problems[0]?.goals[0]?.objectives[0], problem: 'Alcohol use', goal: 'Sobriety' },
    ]);
  });
});
