// A level-of-care pack is data: the dimensions a clinician rates, what each rating looks like, and
// the rules that turn ratings into a recommended level. The engine (engine.ts) reads any valid pack;
// the default pack is ours, and a clinic may plug in its own (docs/domain/level-of-care.md).

/** Ordered from least to most intensive; the order is what "highest" means in the engine. */
export const LOC_LEVELS = ['OP', 'IOP', 'PHP', 'inpatient_referral'] as const;
export type LocLevel = (typeof LOC_LEVELS)[number];

export const LOC_LEVEL_LABELS: Record<LocLevel, string> = {
  OP: 'Outpatient (OP)',
  IOP: 'Intensive outpatient (IOP)',
  PHP: 'Partial hospitalization (PHP)',
  inpatient_referral: 'Referral to inpatient care',
};

export function levelRank(level: LocLevel): number {
  return LOC_LEVELS.indexOf(level);
}

export function isLocLevel(value: string): value is LocLevel {
  return (LOC_LEVELS as readonly string[]).includes(value);
}

/** One rating of a dimension: its number, a short label, what it looks like, and the level it points to. */
export type LocAnchor = { rating: number; label: string; description: string; level: LocLevel };

export type LocDimension = { id: string; title: string; description: string; anchors: readonly LocAnchor[] };

/** A condition on one dimension: its rating is at least `atLeast`. */
export type LocCondition = { dimensionId: string; atLeast: number };

export type LocRule =
  /** When every condition holds, the level is at least `level` (a floor, never a ceiling). */
  | { kind: 'at_least'; code: string; when: readonly LocCondition[]; level: LocLevel; text: string }
  /**
   * When every dimension is rated `atMost` or lower, the level is `level`, unless an `at_least` rule
   * holds. It names a stable picture as the reason instead of six separate low ratings.
   */
  | { kind: 'all_at_most'; code: string; atMost: number; level: LocLevel; text: string };

export type LocPack = {
  id: string;
  version: number;
  name: string;
  description: string;
  dimensions: readonly LocDimension[];
  rules: readonly LocRule[];
};
