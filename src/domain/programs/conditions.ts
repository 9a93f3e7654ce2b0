// Conditions a program treats, stored as ICD-10-CM code families ("F32", "F43.1", "F10-F19").
// The list below is configuration offered by the UI, not a rule: a program may list any well-formed
// family. Mapping and sources: docs/domain/programs.md.

export type ConditionId =
  | 'depression'
  | 'anxiety'
  | 'bipolar'
  | 'dual_diagnosis'
  | 'schizophrenia'
  | 'ptsd'
  | 'ocd'
  | 'eating'
  | 'personality'
  | 'adhd'
  | 'panic'
  | 'substance_use'
  | 'adjustment'
  | 'grief'
  | 'stress_related'
  | 'somatic';

export type Condition = { id: ConditionId; label: string; codeFamilies: readonly string[] };

export const CONDITIONS: readonly Condition[] = [
  { id: 'depression', label: 'Depression', codeFamilies: ['F32', 'F33', 'F34.1'] },
  { id: 'anxiety', label: 'Anxiety disorders', codeFamilies: ['F40', 'F41'] },
  { id: 'bipolar', label: 'Bipolar disorder', codeFamilies: ['F31'] },
  // Substance use together with a psychotic, mood, anxiety or stress-related disorder.
  {
    id: 'dual_diagnosis',
    label: 'Dual diagnosis (mental illness and substance use)',
    codeFamilies: ['F10-F19', 'F20-F29', 'F30-F39', 'F40-F48'],
  },
  { id: 'schizophrenia', label: 'Schizophrenia', codeFamilies: ['F20', 'F25'] },
  { id: 'ptsd', label: 'Post-traumatic stress disorder (PTSD)', codeFamilies: ['F43.1'] },
  { id: 'ocd', label: 'Obsessive-compulsive disorder (OCD)', codeFamilies: ['F42'] },
  { id: 'eating', label: 'Eating disorders', codeFamilies: ['F50'] },
  { id: 'personality', label: 'Personality disorders (incl. borderline, antisocial)', codeFamilies: ['F60'] },
  { id: 'adhd', label: 'ADHD', codeFamilies: ['F90'] },
  { id: 'panic', label: 'Panic disorder', codeFamilies: ['F41.0'] },
  { id: 'substance_use', label: 'Substance use disorders', codeFamilies: ['F10-F19'] },
  { id: 'adjustment', label: 'Adjustment disorders', codeFamilies: ['F43.2'] },
  { id: 'grief', label: 'Grief and loss', codeFamilies: ['F43.81', 'Z63.4'] },
  { id: 'stress_related', label: 'Stress-related disorders', codeFamilies: ['F43'] },
  { id: 'somatic', label: 'Somatic symptom disorders', codeFamilies: ['F45'] },
];

// A category is a letter, a digit and a digit or letter (F32, C4A); a subcategory adds a dot and up
// to four characters (F43.1, F43.81). A range joins two categories of the same letter (F10-F19).
const CATEGORY = /^[A-Z]\d[0-9A-Z]$/;
const SUBCATEGORY = /^[A-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}$/;
const RANGE = /^([A-Z]\d[0-9A-Z])-([A-Z]\d[0-9A-Z])$/;

export const CODE_FAMILY_HINT = 'must be an ICD-10-CM code family such as F32, F43.1 or F10-F19';

/** The family in its stored form (trimmed, upper case), or null when it is not well formed. */
export function parseCodeFamily(value: string): string | null {
  const code = value.trim().toUpperCase();
  if (CATEGORY.test(code) || SUBCATEGORY.test(code)) return code;
  const range = RANGE.exec(code);
  if (!range) return null;
  const [, from = '', to = ''] = range;
  // Same chapter letter, first end below the second: "F19-F10" and "F10-G19" are mistakes.
  if (from[0] !== to[0] || from >= to) return null;
  return code;
}

export function isCodeFamily(value: string): boolean {
  return parseCodeFamily(value) !== null;
}

/** The families of the chosen conditions, in list order, without repeats. */
export function codeFamiliesFor(conditionIds: readonly ConditionId[]): string[] {
  const families: string[] = [];
  for (const condition of CONDITIONS) {
    if (!conditionIds.includes(condition.id)) continue;
    for (const family of condition.codeFamilies) if (!families.includes(family)) families.push(family);
  }
  return families;
}

/** The conditions whose every family is listed, so a form can show a program's stored families as choices. */
export function conditionsCoveredBy(codeFamilies: readonly string[]): ConditionId[] {
  const listed = new Set(codeFamilies.map((family) => parseCodeFamily(family) ?? family));
  return CONDITIONS.filter((condition) => condition.codeFamilies.every((family) => listed.has(family))).map((condition) => condition.id);
}

/** Stored families split into the listed conditions they cover and the families left over. */
export function splitCodeFamilies(codeFamilies: readonly string[]): { conditionIds: ConditionId[]; otherFamilies: string[] } {
  const conditionIds = conditionsCoveredBy(codeFamilies);
  const covered = new Set(codeFamiliesFor(conditionIds));
  const otherFamilies = codeFamilies.filter((family) => !covered.has(parseCodeFamily(family) ?? family));
  return { conditionIds, otherFamilies };
}
