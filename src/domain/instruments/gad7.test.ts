import { describe, expect, it } from 'vitest';
import { scoreGad7 } from './gad7.js';

function answersFor(total: number): number[] {
  const answers = [0, 0, 0, 0, 0, 0, 0];
  let left = total;
  for (let index = 0; index < 7 && left > 0; index++) {
    const value = Math.min(3, left);
    answers[index] = value;
    left -= value;
  }
  return answers;
}

describe('GAD-7', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ] as const)('a total of %i is %s', (total, band) => {
    expect(scoreGad7(answersFor(total))).toMatchObject({ complete: true, total, band });
  });

  it('gives no total for an incomplete form', () => {
    expect(scoreGad7([3, 3, 3, 3, 3, 3])).toMatchObject({ complete: false, total: null, band: null, answered: 6 });
    expect(scoreGad7([3, 3, 3, 3, 3, 3, undefined])).toMatchObject({ complete: false, total: null });
  });
});
