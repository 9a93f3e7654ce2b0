import { describe, expect, it } from 'vitest';
import type { TreatmentPlanContent } from '../treatment-plans/plan-content.js';
import { citableObjectives } from './plan-objectives.js';

const plan = (objectives: { id: string; statement: string }[], goal = 'Manage panic at work'): TreatmentPlanContent => ({
  problems: [
    {
      id: 'p',
      statement: 'Panic',
      diagnosisCodes: [],
      goals: [
        {
          id: 'g',
          statement: goal,
          objectives: objectives.map((o) => ({ ...o, targetDate: '2027-01-15', status: 'open' as const })),
          interventions: [],
        },
      ],
    },
  ],
  patientStrengthsAndPreferences: '',
});

describe('citableObjectives', () => {
  it('offers the latest version’s objectives and knows every version’s ids under their newest statement', () => {
    const v2 = plan([{ id: 'o1', statement: 'Breathe, revised' }]);
    const v1 = plan([
      { id: 'o1', statement: 'Breathe' },
      { id: 'o0', statement: 'Dropped in v2' },
    ]);
    const { choices, known } = citableObjectives([v2, v1]);
    expect(choices).toEqual([{ id: 'o1', statement: 'Breathe, revised', goal: 'Manage panic at work' }]);
    expect([...known.entries()]).toEqual([
      ['o1', 'Breathe, revised'],
      ['o0', 'Dropped in v2'],
    ]);
  });

  it('has nothing to offer without a plan', () => {
    expect(citableObjectives([])).toEqual({ choices: [], known: new Map() });
  });
});
