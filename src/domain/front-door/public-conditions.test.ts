import { describe, expect, it } from 'vitest';
import { conditionsTreatedBy } from './public-conditions.js';

describe('conditionsTreatedBy', () => {
  it.each<[string[], string[]]>([
    [['F32'], ['depression']],
    [['f41 '], ['anxiety']],
    [['F10-F19'], ['dual_diagnosis', 'substance_use']],
    [['F43'], ['stress_related']],
    [
      ['F43.1', 'F43.2'],
      ['ptsd', 'adjustment'],
    ],
    [['Z99'], []],
    [[], []],
  ])('%j treats %j', (families, conditions) => {
    expect(conditionsTreatedBy(families)).toEqual(conditions);
  });
});
