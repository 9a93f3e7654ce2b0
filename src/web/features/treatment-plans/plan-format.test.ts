import { describe, expect, it } from 'vitest';
import { blankProblem, parseCodes } from './plan-format';

describe('parseCodes', () => {
  it.each([
    ['F33.1', ['F33.1']],
    ['f33.1, F41.1', ['F33.1', 'F41.1']],
    [' F10.20 ;  , ', ['F10.20']],
    ['', []],
  ])('%j → %j', (text, codes) => {
    expect(parseCodes(text)).toEqual(codes);
  });
});

describe('blankProblem', () => {
  it('starts with one goal, one objective and one intervention, each with its own id', () => {
    let n = 0;
    const problem = blankProblem(() => `id-${++n}`);
    expect(problem.id).toBe('id-1');
    expect(problem.goals[0]?.objectives[0]?.id).toBe('id-3');
    expect(problem.goals[0]?.interventions[0]?.id).toBe('id-4');
  });
});
