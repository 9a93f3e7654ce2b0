import { describe, expect, it } from 'vitest';
import { citableObjectives, objectivesOf } from './plan-objectives.js';

const plan = (objectives: unknown[], goal = 'Manage panic at work') => ({
  problems: [{ id: 'p', statement: 'Panic', diagnosisCodes: [], goals: [{ id: 'g', statement: goal, objectives, interventions: [] }] }],
  patientStrengthsAndPreferences: '',
});

describe('objectivesOf', () => {
  it.each<[string, unknown, string[]]>([
    [
      'a plan with two objectives',
      plan([
        { id: 'o1', statement: 'Breathe' },
        { id: 'o2', statement: 'Attend' },
      ]),
      ['o1', 'o2'],
    ],
    ['an objective without a statement', plan([{ id: 'o1' }, { id: 'o2', statement: 'Attend' }]), ['o2']],
    ['content that is not a plan', 'nonsense', []],
    ['no problems', { problems: null }, []],
  ])('%s', (_label, content, ids) => {
    expect(objectivesOf(content).map((o) => o.id)).toEqual(ids);
  });

  it('carries the goal’s statement', () => {
    expect(objectivesOf(plan([{ id: 'o1', statement: 'Breathe' }]))).toEqual([
      { id: 'o1', statement: 'Breathe', goal: 'Manage panic at work' },
    ]);
  });
});

describe('citableObjectives', () => {
  it('offers the latest version’s objectives and knows every version’s ids under their newest statement', () => {
    const v2 = plan([{ id: 'o1', statement: 'Breathe, revised' }]);
    const v1 = plan([
      { id: 'o1', statement: 'Breathe' },
      { id: 'o0', statement: 'Dropped in v2' },
    ]);
    const { choices, known } = citableObjectives([v2, v1]);
    expect(choices.map((o) => o.statement)).toEqual(['Breathe, revised']);
    expect([...known.entries()]).toEqual([
      ['o1', 'Breathe, revised'],
      ['o0', 'Dropped in v2'],
    ]);
  });

  it('has nothing to offer without a plan', () => {
    expect(citableObjectives([])).toEqual({ choices: [], known: new Map() });
  });
});
