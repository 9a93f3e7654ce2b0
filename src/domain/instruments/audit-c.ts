// AUDIT-C (public domain; LOINC panel 72109-2): 3 items 0-4 about the past year, total 0-12.
// Positive at 4 or more for men, 3 or more for women (US version, DOMAIN.md section 4). Without a sex
// the lower cut-off 3 is used and the result says so: missing a drinking problem is the worse error.
import type { Instrument } from './instrument.js';

export const AUDIT_C: Instrument = {
  code: 'audit-c',
  name: 'AUDIT-C',
  title: { en: 'Alcohol Use Disorders Identification Test - Consumption (AUDIT-C)' },
  measures: 'hazardous drinking',
  instructions: { en: 'Please answer the following questions about your drinking in the past year.' },
  items: [
    {
      id: '1',
      text: { en: 'How often do you have a drink containing alcohol?' },
      kind: 'choice',
      scored: true,
      options: [
        { value: 0, label: { en: 'Never' } },
        { value: 1, label: { en: 'Monthly or less' } },
        { value: 2, label: { en: '2-4 times a month' } },
        { value: 3, label: { en: '2-3 times a week' } },
        { value: 4, label: { en: '4 or more times a week' } },
      ],
    },
    {
      id: '2',
      text: { en: 'How many standard drinks containing alcohol do you have on a typical day?' },
      kind: 'choice',
      scored: true,
      options: [
        { value: 0, label: { en: '1 or 2' } },
        { value: 1, label: { en: '3 or 4' } },
        { value: 2, label: { en: '5 or 6' } },
        { value: 3, label: { en: '7 to 9' } },
        { value: 4, label: { en: '10 or more' } },
      ],
    },
    {
      id: '3',
      text: { en: 'How often do you have six or more drinks on one occasion?' },
      kind: 'choice',
      scored: true,
      options: [
        { value: 0, label: { en: 'Never' } },
        { value: 1, label: { en: 'Less than monthly' } },
        { value: 2, label: { en: 'Monthly' } },
        { value: 3, label: { en: 'Weekly' } },
        { value: 4, label: { en: 'Daily or almost daily' } },
      ],
    },
  ],
  languages: ['en'],
  languageNote: 'English only: no free official Spanish version is shipped.',
  bands: [],
  bandOverrides: [],
  screen: {
    cutOff: { default: 3, female: 3, male: 4 },
    unknownSexNote: 'sex not given: the lower cut-off of 3 (the one for women) was used, so a man scoring 3 may be a false positive',
    flag: 'positive-screen',
    positiveBand: 'positive screen',
    negativeBand: 'negative screen',
  },
  clusters: null,
  itemFlags: [],
  totalFlags: [],
  loinc: { panel: '72109-2', total: null },
  licence:
    'Public domain (the AUDIT is WHO material free to use; the AUDIT-C consumption questions are used freely in US care, including the VA).',
  sources: [
    'Bush K, Kivlahan DR, McDonell MB, Fihn SD, Bradley KA. The AUDIT alcohol consumption questions (AUDIT-C). Arch Intern Med 1998;158:1789-1795.',
    'Bradley KA et al. AUDIT-C as a brief screen for alcohol misuse in primary care. Alcohol Clin Exp Res 2007;31:1208-1217.',
    'DOMAIN.md section 4',
  ],
  enabledByDefault: true,
  notice: null,
  change: { remissionBelow: null, sd: null, reliability: null },
};
