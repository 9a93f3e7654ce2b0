// The closed list of therapeutic modalities a program offers, a group template is run in, and a staff
// member may lead (issue #3). Stored as these codes; labels are for people.

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
