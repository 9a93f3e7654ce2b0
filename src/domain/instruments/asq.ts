// ASQ, Ask Suicide-Screening Questions (NIMH, free to use): 4 yes/no questions and an acuity question.
// Any yes to items 1-4 is a positive screen; item 5 is asked only then, and a yes is an acute positive
// (imminent risk). A yes to item 5 is treated as acute even without a yes to 1-4: the safe reading.
// DOMAIN.md sections 4 and 6, docs/domain/instruments.md.
import type { AnswerOption, Instrument } from './instrument.js';

const YES_NO: readonly AnswerOption[] = [
  { value: 0, label: { en: 'No' } },
  { value: 1, label: { en: 'Yes' } },
];

const question = (id: string, en: string) => ({ id, text: { en }, kind: 'choice' as const, options: YES_NO, scored: true });

export const ASQ: Instrument = {
  code: 'asq',
  name: 'ASQ',
  title: { en: 'Ask Suicide-Screening Questions (ASQ)' },
  measures: 'suicide risk',
  instructions: { en: 'Ask the patient:' },
  items: [
    question('1', 'In the past few weeks, have you wished you were dead?'),
    question('2', 'In the past few weeks, have you felt that you or your family would be better off if you were dead?'),
    question('3', 'In the past week, have you been having thoughts about killing yourself?'),
    question('4', 'Have you ever tried to kill yourself?'),
    {
      id: '5',
      text: { en: 'Are you having thoughts of killing yourself right now?' },
      kind: 'choice',
      options: YES_NO,
      // The acuity question decides how urgent a positive screen is; it is not part of the count.
      scored: false,
      requiredWhen: { anyOf: ['1', '2', '3', '4'], atLeast: 1 },
    },
  ],
  languages: ['en'],
  languageNote: 'English only here: NIMH publishes translations, including Spanish, but they are not shipped until checked word for word.',
  bands: [
    { min: 0, max: 0, name: 'negative screen' },
    { min: 1, max: 4, name: 'non-acute positive screen' },
  ],
  bandOverrides: [{ when: { anyOf: ['5'], atLeast: 1 }, band: 'acute positive screen' }],
  screen: null,
  clusters: null,
  itemFlags: [
    {
      when: { anyOf: ['1', '2', '3', '4'], atLeast: 1 },
      flag: 'suicide-risk-positive',
      meaning: 'Positive screen: a brief suicide safety assessment is needed before the person leaves.',
    },
    {
      when: { anyOf: ['5'], atLeast: 1 },
      flag: 'suicide-risk-acute',
      meaning: 'Acute positive: imminent risk; the person needs an immediate safety evaluation and must not be left alone.',
    },
  ],
  totalFlags: [],
  loinc: { panel: null, total: null },
  licence: 'National Institute of Mental Health (US Government): free to use.',
  sources: [
    'Horowitz LM, Bridge JA, Teach SJ, et al. Ask Suicide-Screening Questions (ASQ): a brief instrument for the pediatric emergency department. Arch Pediatr Adolesc Med 2012;166:1170-1176.',
    'NIMH ASQ Toolkit, https://www.nimh.nih.gov/research/research-conducted-at-nimh/asq-toolkit-materials',
    'DOMAIN.md sections 4 and 6',
  ],
  enabledByDefault: true,
  notice: 'If the person answers yes to item 5 or refuses to answer it after a yes to 1-4, treat it as acute.',
  change: { remissionBelow: null, sd: null, reliability: null },
};
