// GAD-7 (public domain; LOINC panel 69737-5, total 70274-6): 7 items 0-3 over the past two weeks.
// Bands: DOMAIN.md section 4; a total of 10 or more warrants evaluation.
import { answersFromList, scoreInstrument, type AnswerValue, type Instrument } from './instrument.js';
import { FREQUENCY_OPTIONS, type Label, type ListScore } from './likert.js';

export const GAD7_ITEMS: readonly Label[] = [
  { en: 'Feeling nervous, anxious, or on edge', es: 'Sentirse nervioso, ansioso o con los nervios de punta' },
  { en: 'Not being able to stop or control worrying', es: 'No poder dejar de preocuparse o no poder controlar la preocupación' },
  { en: 'Worrying too much about different things', es: 'Preocuparse demasiado por diferentes cosas' },
  { en: 'Trouble relaxing', es: 'Dificultad para relajarse' },
  { en: 'Being so restless that it is hard to sit still', es: 'Estar tan inquieto que es difícil quedarse quieto' },
  { en: 'Becoming easily annoyed or irritable', es: 'Molestarse o irritarse con facilidad' },
  { en: 'Feeling afraid, as if something awful might happen', es: 'Sentir miedo, como si algo terrible fuera a pasar' },
];

export const GAD7_EVALUATION_THRESHOLD = 10;

export const GAD7: Instrument = {
  code: 'gad-7',
  name: 'GAD-7',
  title: { en: 'Generalized Anxiety Disorder 7-item scale (GAD-7)', es: 'Escala del trastorno de ansiedad generalizada (GAD-7)' },
  measures: 'anxiety severity',
  instructions: {
    en: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
    es: 'Durante las últimas 2 semanas, ¿con qué frecuencia le han molestado los siguientes problemas?',
  },
  items: GAD7_ITEMS.map((text, index) => ({ id: String(index + 1), text, kind: 'choice', options: FREQUENCY_OPTIONS, scored: true })),
  languages: ['en', 'es'],
  languageNote:
    'English and Spanish. A free official Spanish GAD-7 exists (phqscreeners.com); the Spanish text here is the one the public self-check has used and should be checked word for word against it.',
  bands: [
    { min: 0, max: 4, name: 'minimal' },
    { min: 5, max: 9, name: 'mild' },
    { min: 10, max: 14, name: 'moderate' },
    { min: 15, max: 21, name: 'severe' },
  ],
  bandOverrides: [],
  screen: null,
  clusters: null,
  itemFlags: [],
  totalFlags: [
    {
      atLeast: GAD7_EVALUATION_THRESHOLD,
      flag: 'evaluation-recommended',
      meaning: 'A total of 10 or more warrants further evaluation for an anxiety disorder.',
    },
  ],
  loinc: { panel: '69737-5', total: '70274-6' },
  licence: 'Public domain (Pfizer): no permission needed to reproduce, translate, display or distribute.',
  sources: [
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166:1092-1097.',
    'DOMAIN.md section 4',
  ],
  enabledByDefault: true,
  notice: null,
  change: {
    remissionBelow: 5,
    sd: {
      value: 5.0,
      source: 'Unverified placeholder; configure from your own baseline population.',
      verified: false,
    },
    reliability: {
      value: 0.92,
      source: 'Cronbach alpha 0.92, Spitzer et al. 2006. Unverified here: check before use.',
      verified: false,
    },
  },
};

export type Gad7Score = ListScore;

/** The self-check's GAD-7 (answers in order, null = not answered) on the generic scorer. */
export function scoreGad7(answers: readonly AnswerValue[]): Gad7Score {
  const score = scoreInstrument(GAD7, answersFromList(answers));
  if (score.complete && score.total !== null && score.band !== null) {
    return { complete: true, total: score.total, band: score.band, answered: score.answered };
  }
  return { complete: false, total: null, band: null, answered: score.answered };
}
