import { describe, expect, it } from 'vitest';
import { MODALITIES, MODALITY_LABELS, isModality, modalityLabel } from './modalities.js';

describe('modalities', () => {
  it('are the closed list of issue #3, in order', () => {
    expect(MODALITIES).toEqual([
      'cbt',
      'dbt_skills',
      'motivational_interviewing',
      'emdr_trauma',
      'psychoeducation',
      'process_group',
      'relapse_prevention',
      'family',
      'occupational_therapy',
      'other',
    ]);
  });

  it('each have a distinct, non-empty label', () => {
    const labels = MODALITIES.map(modalityLabel);
    expect(labels.every((label) => label.trim() !== '')).toBe(true);
    expect(new Set(labels).size).toBe(MODALITIES.length);
    expect(Object.keys(MODALITY_LABELS).sort()).toEqual([...MODALITIES].sort());
  });

  it.each([
    ['cbt', true],
    ['dbt_skills', true],
    ['other', true],
    ['CBT', false],
    ['dbt', false],
    [' cbt', false],
    ['', false],
    ['toString', false],
  ])('isModality(%j) is %s', (value, expected) => {
    expect(isModality(value)).toBe(expected);
  });
});
