// PCL-5 (US Government work, National Center for PTSD): 20 items 0-4 over the past month.
// Provisional cut-off 33 (range 31-33 in the literature; configurable) and the DSM-5 cluster rule
// with an item rated 2 or more counting as endorsed. DOMAIN.md section 4, docs/domain/instruments.md.
import type { AnswerOption, Instrument } from './instrument.js';

const OPTIONS: readonly AnswerOption[] = [
  { value: 0, label: { en: 'Not at all' } },
  { value: 1, label: { en: 'A little bit' } },
  { value: 2, label: { en: 'Moderately' } },
  { value: 3, label: { en: 'Quite a bit' } },
  { value: 4, label: { en: 'Extremely' } },
];

const ITEMS = [
  'Repeated, disturbing, and unwanted memories of the stressful experience?',
  'Repeated, disturbing dreams of the stressful experience?',
  'Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were actually back there reliving it)?',
  'Feeling very upset when something reminded you of the stressful experience?',
  'Having strong physical reactions when something reminded you of the stressful experience (for example, heart pounding, trouble breathing, sweating)?',
  'Avoiding memories, thoughts, or feelings related to the stressful experience?',
  'Avoiding external reminders of the stressful experience (for example, people, places, conversations, activities, objects, or situations)?',
  'Trouble remembering important parts of the stressful experience?',
  'Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is completely dangerous)?',
  'Blaming yourself or someone else for the stressful experience or what happened after it?',
  'Having strong negative feelings such as fear, horror, anger, guilt, or shame?',
  'Loss of interest in activities that you used to enjoy?',
  'Feeling distant or cut off from other people?',
  'Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving feelings for people close to you)?',
  'Irritable behavior, angry outbursts, or acting aggressively?',
  'Taking too many risks or doing things that could cause you harm?',
  'Being "superalert" or watchful or on guard?',
  'Feeling jumpy or easily startled?',
  'Having difficulty concentrating?',
  'Trouble falling or staying asleep?',
];

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, index) => String(from + index));

export const PCL5_DEFAULT_CUT_OFF = 33;

export const PCL5: Instrument = {
  code: 'pcl-5',
  name: 'PCL-5',
  title: { en: 'PTSD Checklist for DSM-5 (PCL-5)' },
  measures: 'PTSD symptoms',
  instructions: {
    en: 'Below is a list of problems that people sometimes have in response to a very stressful experience. Please read each problem carefully and then indicate how much you have been bothered by that problem in the past month.',
  },
  items: ITEMS.map((en, index) => ({ id: String(index + 1), text: { en }, kind: 'choice', options: OPTIONS, scored: true })),
  languages: ['en'],
  languageNote: 'English only: no free official Spanish version is shipped.',
  // The PCL-5 has no severity bands of its own; the band is the provisional screen result.
  bands: [],
  bandOverrides: [],
  screen: {
    cutOff: { default: PCL5_DEFAULT_CUT_OFF },
    flag: 'positive-screen',
    positiveBand: 'positive screen',
    negativeBand: 'negative screen',
  },
  clusters: {
    endorsedAt: 2,
    clusters: [
      { code: 'B', name: 'intrusion', items: range(1, 5), atLeast: 1 },
      { code: 'C', name: 'avoidance', items: range(6, 7), atLeast: 1 },
      { code: 'D', name: 'negative alterations in cognition and mood', items: range(8, 14), atLeast: 2 },
      { code: 'E', name: 'alterations in arousal and reactivity', items: range(15, 20), atLeast: 2 },
    ],
    flag: 'dsm5-clusters-met',
  },
  itemFlags: [],
  totalFlags: [],
  loinc: { panel: null, total: null },
  licence: 'US Government work (National Center for PTSD): public domain, free to use.',
  sources: [
    'Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD Checklist for DSM-5 (PCL-5). National Center for PTSD, 2013.',
    'Blevins CA, Weathers FW, Davis MT, Witte TK, Domino JL. The PTSD Checklist for DSM-5: development and initial psychometric evaluation. J Trauma Stress 2015;28:489-498.',
    'DOMAIN.md section 4 (cut-off 31-33; change of 5 reliable, 10 clinically meaningful)',
  ],
  enabledByDefault: true,
  notice: 'A provisional result only: a PTSD diagnosis needs a clinical interview (e.g. CAPS-5).',
  change: {
    remissionBelow: null,
    sd: {
      value: 14,
      source:
        'Unverified placeholder; configure from your own baseline population. National Center for PTSD treats a change of 5-10 points as reliable.',
      verified: false,
    },
    reliability: {
      value: 0.82,
      source: 'Test-retest r = 0.82, Blevins et al. 2015. Unverified here: check before use.',
      verified: false,
    },
  },
};
