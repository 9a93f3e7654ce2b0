import { describe, expect, it } from 'vitest';
import { blankProblem, describePath } from './plan-format';

describe('blankProblem', () => {
  it('starts with one goal, one objective and one intervention, each with its own id', () => {
    let n = 0;
    const problem = blankProblem(() => `id-${++n}`);
    expect(problem.id).toBe('id-1');
    expect(problem.goals[0]?.objectives[0]?.id).toBe('id-3');
    expect(problem.goals[0]?.interventions[0]?.id).toBe('id-4');
  });
});

describe('describePath', () => {
  it.each([
    ['problems', 'Problems'],
    ['problems[0].statement', 'Problem 1: statement'],
    ['problems[0].diagnosisCodes', 'Problem 1: diagnosis codes'],
    ['problems[1].diagnosisCodes[2]', 'Problem 2: diagnosis code 3'],
    ['problems[0].goals', 'Problem 1: goals'],
    ['problems[0].goals[1].statement', 'Goal 1.2: statement'],
    ['problems[0].goals[1].objectives', 'Goal 1.2: objectives'],
    ['problems[0].goals[1].objectives[0].targetDate', 'Objective 1.2.1: target date'],
    ['problems[2].goals[0].interventions[3].responsibleUserId', 'Intervention 3.1.4: responsible staff member'],
    ['plannedDaysPerWeek', 'Planned days per week'],
    ['something.else', 'something.else'],
  ])('%s → %s', (path, words) => {
    expect(describePath(path)).toBe(words);
  });
});
