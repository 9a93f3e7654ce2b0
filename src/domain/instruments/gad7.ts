// GAD-7 (public domain; LOINC panel 69737-5, total 70274-6): 7 items 0-3 over the past two weeks.
// Bands: DOMAIN.md section 4; a total of 10 or more warrants evaluation.
import { scoreLikert, type Band, type Label, type LikertScore } from './likert.js';

export type Gad7Band = 'minimal' | 'mild' | 'moderate' | 'severe';

export const GAD7_ITEMS: readonly Label[] = [
  { en: 'Feeling nervous, anxious, or on edge', es: 'Sentirse nervioso, ansioso o con los nervios de punta' },
  { en: 'Not being able to stop or control worrying', es: 'No poder dejar de preocuparse o no poder controlar la preocupación' },
  { en: 'Worrying too much about different things', es: 'Preocuparse demasiado por diferentes cosas' },
  { en: 'Trouble relaxing', es: 'Dificultad para relajarse' },
  { en: 'Being so restless that it is hard to sit still', es: 'Estar tan inquieto que es difícil quedarse quieto' },
  { en: 'Becoming easily annoyed or irritable', es: 'Molestarse o irritarse con facilidad' },
  { en: 'Feeling afraid, as if something awful might happen', es: 'Sentir miedo, como si algo terrible fuera a pasar' },
];

export const GAD7_BANDS: readonly Band<Gad7Band>[] = [
  { min: 0, max: 4, band: 'minimal' },
  { min: 5, max: 9, band: 'mild' },
  { min: 10, max: 14, band: 'moderate' },
  { min: 15, max: 21, band: 'severe' },
];

export const GAD7_EVALUATION_THRESHOLD = 10;

export type Gad7Score = LikertScore<Gad7Band>;

export function scoreGad7(answers: readonly (number | null | undefined)[]): Gad7Score {
  return scoreLikert(answers, 7, GAD7_BANDS);
}
