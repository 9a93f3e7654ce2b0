// PHQ-9 (public domain; LOINC panel 44249-1, total 44261-6): 9 items 0-3 over the past two weeks.
// Bands and the item 9 rule: DOMAIN.md section 4, docs/domain/self-check.md.
import { scoreLikert, type Band, type Label, type LikertScore } from './likert.js';

export type Phq9Band = 'minimal' | 'mild' | 'moderate' | 'moderately_severe' | 'severe';

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

export const PHQ9_BANDS: readonly Band<Phq9Band>[] = [
  { min: 0, max: 4, band: 'minimal' },
  { min: 5, max: 9, band: 'mild' },
  { min: 10, max: 14, band: 'moderate' },
  { min: 15, max: 19, band: 'moderately_severe' },
  { min: 20, max: 27, band: 'severe' },
];

export type Phq9Score = LikertScore<Phq9Band> & { suicideItemPositive: boolean };

/** Item 9 > 0 triggers a suicide-risk response whatever the total, even on an incomplete form. */
export function scorePhq9(answers: readonly (number | null | undefined)[]): Phq9Score {
  const item9 = answers[8];
  return { ...scoreLikert(answers, 9, PHQ9_BANDS), suicideItemPositive: typeof item9 === 'number' && item9 > 0 && item9 <= 3 };
}
