// Shared scoring of 0-3 frequency questionnaires (PHQ-9, GAD-7): data plus one scorer each.
// A partial form under-reports severity, so an incomplete form gets no total (DOMAIN.md section 4,
// docs/domain/self-check.md).

export type Band<B extends string> = { min: number; max: number; band: B };

export type Label = { en: string; es: string };

export const FREQUENCY_OPTIONS: readonly { value: 0 | 1 | 2 | 3; label: Label }[] = [
  { value: 0, label: { en: 'Not at all', es: 'Nunca' } },
  { value: 1, label: { en: 'Several days', es: 'Varios días' } },
  { value: 2, label: { en: 'More than half the days', es: 'Más de la mitad de los días' } },
  { value: 3, label: { en: 'Nearly every day', es: 'Casi todos los días' } },
];

export type LikertScore<B extends string> =
  { complete: true; total: number; band: B; answered: number } | { complete: false; total: null; band: null; answered: number };

/** Items answered 0-3 in order; null/undefined = not answered. Anything outside 0-3 is not an answer. */
export function scoreLikert<B extends string>(
  answers: readonly (number | null | undefined)[],
  itemCount: number,
  bands: readonly Band<B>[],
): LikertScore<B> {
  let total = 0;
  let answered = 0;
  for (let index = 0; index < itemCount; index++) {
    const value = answers[index];
    if (value === null || value === undefined || !Number.isInteger(value) || value < 0 || value > 3) continue;
    total += value;
    answered += 1;
  }
  if (answered < itemCount) return { complete: false, total: null, band: null, answered };
  const band = bands.find((candidate) => total >= candidate.min && total <= candidate.max);
  if (!band) throw new Error(`No band for total ${total}`);
  return { complete: true, total, band: band.band, answered };
}
