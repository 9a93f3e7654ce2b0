import type { PublicOrganizationRow } from '../modules/public-site/public-site.repository.js';
import type { ConditionId } from '../../domain/programs/conditions.js';
import type { PatternSegment } from '../../domain/front-door/schedule-pattern.js';
import type { Language, Translate } from './i18n/i18n.js';

/** What the public site shows about the center (organization settings). */
export type PublicOrganization = PublicOrganizationRow;

export type PublicProgram = {
  id: string;
  name: string;
  levelOfCare: 'OP' | 'IOP' | 'PHP';
  population: 'adult' | 'adolescent';
  focus: 'mental_health' | 'substance_use' | 'dual_diagnosis';
  format: 'in_person' | 'virtual' | 'hybrid';
  modalities: string[];
  conditionIds: ConditionId[];
  summary: { en: string; es: string };
  siteName: string;
  schedule: PatternSegment[];
};

/** One rendering: the language, its dictionary, the page's path without the /es prefix, and the center. */
export type PageContext = { lang: Language; t: Translate; path: string; org: PublicOrganization | null };

/** The same page in a language: '/programs' -> '/es/programs', '/' -> '/es'. */
export function pathIn(lang: Language, path: string): string {
  if (lang === 'en') return path;
  return path === '/' ? '/es' : `/es${path}`;
}
