// PHQ-9 (public domain; LOINC panel 44249-1, total 44261-6): 9 items 0-3 over the past two weeks.
// Bands and the item 9 rule: DOMAIN.md section 4, docs/domain/instruments.md.
import { answersFromList, scoreInstrument, type AnswerValue, type Instrument } from './instrument.js';
import { FREQUENCY_OPTIONS, type Label, type ListScore } from './likert.js';

export const PHQ9_ITEMS: readonly Label[] = [
  { en: 'Little interest or pleasure in doing things', es: 'Poco interés o placer en hacer cosas' },
  { en: 'Feeling down, depressed, or hopeless', es: 'Sentirse desanimado, deprimido o sin esperanza' },
  {
    en: 'Trouble falling or staying asleep, or sleeping too much',
    es: 'Problemas para dormirse o mantenerse dormido, o dormir demasiado',
  },
  { en: 'Feeling tired or having little energy', es: 'Sentirse cansado o con poca energía' },
  { en: 'Poor appetite or overeating', es: 'Poco apetito o comer en exceso' },
  {
    en: 'Feeling bad about yourself, or that you are a failure or have let yourself or your family down',
    es: 'Sentirse mal consigo mismo, o sentir que es un fracaso o que ha defraudado a su familia o a sí mismo',
  },
  {
    en: 'Trouble concentrating on things, such as reading the newspaper or watching television',
    es: 'Dificultad para concentrarse en cosas como leer el periódico o ver la televisión',
  },
  {
    en: 'Moving or speaking so slowly that other people could have noticed, or the opposite: being so fidgety or restless that you have been moving around a lot more than usual',
    es: 'Moverse o hablar tan despacio que otras personas lo han notado, o lo contrario: estar tan inquieto o agitado que se ha estado moviendo mucho más de lo normal',
  },
  {
    en: 'Thoughts that you would be better off dead, or of hurting yourself in some way',
    es: 'Pensamientos de que estaría mejor muerto o de hacerse daño de alguna manera',
  },
];

export const PHQ9_SUICIDE_FLAG = 'suicide-risk';

export const PHQ9: Instrument = {
  code: 'phq-9',
  name: 'PHQ-9',
  title: { en: 'Patient Health Questionnaire (PHQ-9)', es: 'Cuestionario sobre la salud del paciente (PHQ-9)' },
  measures: 'depression severity',
  instructions: {
    en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    es: 'Durante las últimas 2 semanas, ¿con qué frecuencia le han molestado los siguientes problemas?',
  },
  items: PHQ9_ITEMS.map((text, index) => ({ id: String(index + 1), text, kind: 'choice', options: FREQUENCY_OPTIONS, scored: true })),
  languages: ['en', 'es'],
  languageNote:
    'English and Spanish. A free official Spanish PHQ-9 exists (phqscreeners.com); the Spanish text here is the one the public self-check has used and should be checked word for word against it.',
  bands: [
    { min: 0, max: 4, name: 'minimal' },
    { min: 5, max: 9, name: 'mild' },
    { min: 10, max: 14, name: 'moderate' },
    { min: 15, max: 19, name: 'moderately severe' },
    { min: 20, max: 27, name: 'severe' },
  ],
  bandOverrides: [],
  screen: null,
  clusters: null,
  itemFlags: [
    {
      when: { anyOf: ['9'], atLeast: 1 },
      flag: PHQ9_SUICIDE_FLAG,
      meaning: 'Item 9 above 0: a suicide-risk assessment is needed whatever the total.',
    },
  ],
  totalFlags: [],
  loinc: { panel: '44249-1', total: '44261-6' },
  licence: 'Public domain (Pfizer): no permission needed to reproduce, translate, display or distribute.',
  sources: [
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16:606-613.',
    'DOMAIN.md section 4',
  ],
  enabledByDefault: true,
  notice: null,
  change: {
    remissionBelow: 5,
    sd: {
      value: 5.7,
      source: 'Unverified placeholder (order of magnitude of clinical samples); configure from your own baseline population.',
      verified: false,
    },
    reliability: {
      value: 0.89,
      source: 'Cronbach alpha 0.89, Kroenke, Spitzer & Williams 2001 (primary care sample). Unverified here: check before use.',
      verified: false,
    },
  },
};

export type Phq9Score = ListScore & { suicideItemPositive: boolean };

/** The self-check's PHQ-9 (answers in order, null = not answered) on the generic scorer. */
export function scorePhq9(answers: readonly AnswerValue[]): Phq9Score {
  const score = scoreInstrument(PHQ9, answersFromList(answers));
  // Item 9 > 0 triggers a suicide-risk response whatever the total, even on an incomplete form.
  const suicideItemPositive = score.flags.includes(PHQ9_SUICIDE_FLAG);
  if (score.complete && score.total !== null && score.band !== null) {
    return { complete: true, total: score.total, band: score.band, answered: score.answered, suicideItemPositive };
  }
  return { complete: false, total: null, band: null, answered: score.answered, suicideItemPositive };
}
