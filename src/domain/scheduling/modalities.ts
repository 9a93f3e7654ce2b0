// The closed list of group modalities (issue #3), kept in this one file until the programs area's
// src/domain/programs/modalities.ts is merged; then this file becomes
// `export * from '../programs/modalities.js';` and nothing else changes.

export const MODALITIES = [
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
] as const;

export type Modality = (typeof MODALITIES)[number];

export const MODALITY_LABELS: Readonly<Record<Modality, string>> = {
  cbt: 'Cognitive behavioral therapy (CBT)',
  dbt_skills: 'DBT skills',
  motivational_interviewing: 'Motivational interviewing',
  emdr_trauma: 'EMDR / trauma-focused',
  psychoeducation: 'Psychoeducation',
  process_group: 'Process group',
  relapse_prevention: 'Relapse prevention',
  family: 'Family',
  occupational_therapy: 'Occupational therapy',
  other: 'Other',
};

export function isModality(value: string): value is Modality {
  return (MODALITIES as readonly string[]).includes(value);
}

export function modalityLabel(modality: Modality): string {
  return MODALITY_LABELS[modality];
}
