import { formatMinutes } from '../../../domain/intensity/minutes-format';
import type { LevelOfCare, Population, ProgramDto, ProgramFocus, ProgramFormat } from '../../lib/api-types';

export const LEVEL_LABELS: Record<LevelOfCare, string> = {
  OP: 'Outpatient (OP)',
  IOP: 'Intensive outpatient (IOP)',
  PHP: 'Partial hospitalization (PHP)',
};

export const POPULATION_LABELS: Record<Population, string> = {
  adult: 'Adult',
  adolescent: 'Adolescent',
};

export const FOCUS_LABELS: Record<ProgramFocus, string> = {
  mental_health: 'Mental health',
  substance_use: 'Substance use',
  dual_diagnosis: 'Dual diagnosis',
};

export const FORMAT_LABELS: Record<ProgramFormat, string> = {
  in_person: 'In person',
  virtual: 'Virtual',
  hybrid: 'Hybrid',
};

export function options<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

/** "9 h – 19 h a week", "at least 20 h a week". */
export function weeklyHours(program: ProgramDto): string {
  const floor = formatMinutes(program.weeklyFloorMinutes);
  if (program.weeklyCeilingMinutes === null) return `at least ${floor} a week`;
  return `${floor} – ${formatMinutes(program.weeklyCeilingMinutes)} a week`;
}

/** The key of `labels` that `value` names (a select's value), or undefined. */
export function keyOf<K extends string>(labels: Record<K, string>, value: string): K | undefined {
  return (Object.keys(labels) as K[]).find((key) => key === value);
}
