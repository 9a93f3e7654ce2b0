import { describe, expect, it } from 'vitest';
import { scorePhq9 } from './phq9.js';

/** Nine answers adding up to `total`, item 9 kept at `item9`. */
function answersFor(total: number, item9 = 0): number[] {
  const answers = [0, 0, 0, 0, 0, 0, 0, 0, item9];
  let left = total - item9;
  for (let index = 0; index < 8 && left > 0; index++) {
    const value = Math.min(3, left);
    answers[index] = value;
    left -= value;
  }
  if (left !== 0) throw new Error('total out of range');
  return answers;
}

describe('PHQ-9', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately severe'],
    [19, 'moderately severe'],
    [20, 'severe'],
    [27, 'severe'],
  ] as const)('a total of %i is %s', (total, band) => {
    const score = scorePhq9(answersFor(total, total === 27 ? 3 : 0));
    expect(score).toMatchObject({ complete: true, total, band });
  });

  it('gives no total for an incomplete form (a partial PHQ-9 under-reports)', () => {
    const answers: (number | null)[] = answersFor(20, 0);
    answers[3] = null;
    expect(scorePhq9(answers)).toMatchObject({ complete: false, total: null, band: null, answered: 8 });
    expect(scorePhq9([3, 3, 3])).toMatchObject({ complete: false, total: null, answered: 3 });
  });

  it('does not count an answer outside 0-3', () => {
    expect(scorePhq9([0, 0, 0, 0, 0, 0, 0, 0, 4])).toMatchObject({ complete: false, suicideItemPositive: false });
  });

  it.each([
    [0, false],
    [1, true],
    [3, true],
  ])('item 9 answered %i flags suicide risk: %s, whatever the total', (item9, positive) => {
    expect(scorePhq9(answersFor(item9, item9)).suicideItemPositive).toBe(positive);
  });

  it('flags item 9 even on an incomplete form', () => {
    expect(scorePhq9([null, null, null, null, null, null, null, null, 1])).toMatchObject({ complete: false, suicideItemPositive: true });
  });
});
