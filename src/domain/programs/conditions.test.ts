import { describe, expect, it } from 'vitest';
import { CONDITIONS, codeFamiliesFor, conditionsCoveredBy, isCodeFamily, parseCodeFamily, splitCodeFamilies } from './conditions.js';

describe('parseCodeFamily', () => {
  it.each([
    ['F32', 'F32'],
    ['f32', 'F32'],
    [' F41 ', 'F41'],
    ['F43.1', 'F43.1'],
    ['F43.81', 'F43.81'],
    ['F10.2399', 'F10.2399'],
    ['C4A', 'C4A'],
    ['Z63.4', 'Z63.4'],
    ['F10-F19', 'F10-F19'],
    ['f10-f19', 'F10-F19'],
    ['F40-F48', 'F40-F48'],
  ])('accepts %j as %j', (value, expected) => {
    expect(parseCodeFamily(value)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['F', 'letter only'],
    ['F3', 'two characters'],
    ['F321', 'four characters without a dot'],
    ['32', 'no letter'],
    ['FF2', 'letter in second place'],
    ['F32.', 'dot without subcategory'],
    ['F43.12345', 'five characters after the dot'],
    ['F43-1', 'dash instead of a dot'],
    ['F19-F10', 'range running backwards'],
    ['F10-F10', 'range of one category'],
    ['F10-G19', 'range across chapters'],
    ['F10.1-F19', 'range with a subcategory end'],
    ['F10 - F19', 'range with spaces'],
    ['F10–F19', 'range with an en dash'],
    ['depression', 'a word'],
  ])('refuses %j (%s)', (value) => {
    expect(parseCodeFamily(value)).toBeNull();
    expect(isCodeFamily(value)).toBe(false);
  });
});

describe('the condition list', () => {
  it('covers every condition named in DOMAIN.md section 1', () => {
    expect(CONDITIONS.map((condition) => condition.id)).toEqual([
      'depression',
      'anxiety',
      'bipolar',
      'dual_diagnosis',
      'schizophrenia',
      'ptsd',
      'ocd',
      'eating',
      'personality',
      'adhd',
      'panic',
      'substance_use',
      'adjustment',
      'grief',
      'stress_related',
      'somatic',
    ]);
  });

  it.each(CONDITIONS.map((condition) => [condition.id, condition] as const))(
    'maps %s to well-formed, stored-form code families',
    (_id, condition) => {
      expect(condition.codeFamilies.length).toBeGreaterThan(0);
      for (const family of condition.codeFamilies) expect(parseCodeFamily(family)).toBe(family);
      expect(condition.label.trim()).not.toBe('');
    },
  );
});

describe('codeFamiliesFor and conditionsCoveredBy', () => {
  it.each<[string, Parameters<typeof codeFamiliesFor>[0], string[]]>([
    ['nothing', [], []],
    ['depression', ['depression'], ['F32', 'F33', 'F34.1']],
    [
      'shared families once, in list order',
      ['substance_use', 'depression', 'dual_diagnosis'],
      ['F32', 'F33', 'F34.1', 'F10-F19', 'F20-F29', 'F30-F39', 'F40-F48'],
    ],
  ])('gives the families of %s', (_label, ids, families) => {
    expect(codeFamiliesFor(ids)).toEqual(families);
  });

  it.each<[string, string[], string[]]>([
    ['nothing stored', [], []],
    ['one family of two', ['F32'], []],
    ['all families of depression', ['F33', 'F32', 'F34.1'], ['depression']],
    ['lower-case families', ['f31'], ['bipolar']],
    ['substance use without dual diagnosis', ['F10-F19'], ['substance_use']],
    ['a family that only contains a listed one', ['F43'], ['stress_related']],
  ])('finds the conditions covered by %s', (_label, families, ids) => {
    expect(conditionsCoveredBy(families)).toEqual(ids);
  });

  it('splits stored families into covered conditions and the rest', () => {
    expect(splitCodeFamilies(['F32', 'F33', 'F34.1', 'F31', 'F63.0', 'F10-F19'])).toEqual({
      conditionIds: ['depression', 'bipolar', 'substance_use'],
      otherFamilies: ['F63.0'],
    });
  });

  it('round-trips every single condition', () => {
    for (const condition of CONDITIONS) {
      const split = splitCodeFamilies(codeFamiliesFor([condition.id]));
      expect(split.conditionIds).toContain(condition.id);
      expect(split.otherFamilies).toEqual([]);
    }
  });
});
