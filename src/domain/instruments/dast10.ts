// DAST-10 (Skinner 1982; copyright Harvey A. Skinner and CAMH): 10 yes/no items about the past 12
// months; item 3 is reverse-scored (a "no" scores 1). Free for non-commercial clinical use with
// credit, so it ships disabled and without its wording (docs/domain/instruments.md).
import type { AnswerOption, Instrument, Item } from './instrument.js';

const YES_NO: readonly AnswerOption[] = [
  { value: 0, label: { en: 'No' } },
  { value: 1, label: { en: 'Yes' } },
];

const item = (id: string, reverse = false): Item => ({
  id,
  text: { en: `DAST-10 item ${id}${reverse ? ' (reverse-scored)' : ''}: wording not shipped; add it under your licence.` },
  kind: 'choice',
  options: YES_NO,
  scored: true,
  ...(reverse ? { reverse: true } : {}),
});

export const DAST10_NOTICE =
  'DAST-10 © 1982 Harvey A. Skinner, PhD and the Centre for Addiction and Mental Health (CAMH), Toronto. Free for non-commercial clinical use with credit; other uses need permission from CAMH. Disabled by default; enable it only if your use qualifies, and add the item wording from your licensed copy.';

export const DAST10: Instrument = {
  code: 'dast-10',
  name: 'DAST-10',
  title: { en: 'Drug Abuse Screening Test (DAST-10)' },
  measures: 'drug use problems',
  instructions: { en: 'These questions refer to the past 12 months.' },
  items: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].map((id) => item(id, id === '3')),
  languages: ['en'],
  languageNote: 'English only; the item wording is not shipped (licensed content).',
  bands: [
    { min: 0, max: 0, name: 'none' },
    { min: 1, max: 2, name: 'low' },
    { min: 3, max: 5, name: 'moderate' },
    { min: 6, max: 8, name: 'substantial' },
    { min: 9, max: 10, name: 'severe' },
  ],
  bandOverrides: [],
  screen: null,
  clusters: null,
  itemFlags: [],
  totalFlags: [],
  loinc: { panel: null, total: null },
  licence: 'Free for non-commercial clinical use with credit (Skinner / CAMH); not public domain.',
  sources: ['Skinner HA. The Drug Abuse Screening Test. Addict Behav 1982;7:363-371.', 'DOMAIN.md section 4'],
  enabledByDefault: false,
  notice: DAST10_NOTICE,
  change: { remissionBelow: null, sd: null, reliability: null },
};
