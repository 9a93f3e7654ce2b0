// The 0-3 frequency answers shared by PHQ-9 and GAD-7 (English and Spanish). Scoring is the one
// generic scorer in instrument.ts; the instruments themselves are data (library.ts).

export type Label = { en: string; es: string };

export const FREQUENCY_OPTIONS: readonly { value: 0 | 1 | 2 | 3; label: Label }[] = [
  { value: 0, label: { en: 'Not at all', es: 'Nunca' } },
  { value: 1, label: { en: 'Several days', es: 'Varios días' } },
  { value: 2, label: { en: 'More than half the days', es: 'Más de la mitad de los días' } },
  { value: 3, label: { en: 'Nearly every day', es: 'Casi todos los días' } },
];

/** A score of a form given as a list of answers (the public self-check), in the shape it has always had. */
export type ListScore =
  { complete: true; total: number; band: string; answered: number } | { complete: false; total: null; band: null; answered: number };
