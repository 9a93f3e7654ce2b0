// The level-of-care engine: ratings per dimension in, a recommended level with its reasons out.
// Principle (docs/domain/level-of-care.md, from DOMAIN.md section 5): each dimension recommends a
// level; the highest-risk dimension drives the level; the reasons name each dimension that drove it
// with its rating. A clinician confirms or overrides; the engine never decides alone.
import { LOC_LEVEL_LABELS, levelRank, type LocAnchor, type LocDimension, type LocLevel, type LocPack } from './pack.js';

export type LocRating = { dimensionId: string; rating: number };

export type LocReason = {
  /** DIMENSION_LEVEL for a dimension's own anchor; otherwise the code of the pack rule that applied. */
  code: string;
  /** The dimension that drove the level; null for a rule about every dimension (a stable picture). */
  dimensionId: string | null;
  text: string;
};

export type LocDimensionResult = { dimensionId: string; rating: number; level: LocLevel };

export type LocRecommendation = {
  ok: true;
  level: LocLevel;
  perDimension: LocDimensionResult[];
  drivers: string[];
  reasons: LocReason[];
};

/** Why no recommendation could be made; `index` is the position in the ratings given, when one is at fault. */
export type LocRefusal =
  | { ok: false; reason: 'INCOMPLETE'; missing: string[] }
  | { ok: false; reason: 'UNKNOWN_DIMENSION'; index: number; dimensionId: string }
  | { ok: false; reason: 'DUPLICATE_DIMENSION'; index: number; dimensionId: string }
  | { ok: false; reason: 'RATING_OUT_OF_RANGE'; index: number; dimensionId: string; rating: number; max: number };

export type LocResult = LocRecommendation | LocRefusal;

export const DIMENSION_LEVEL = 'DIMENSION_LEVEL';

/** What pushed the level up: one dimension's anchor, or an `at_least` rule over one or more dimensions. */
type Contribution = { level: LocLevel; dimensionIds: string[]; reasons: LocReason[] };

function maxRating(dimension: LocDimension): number {
  return dimension.anchors.length - 1;
}

function anchorOf(dimension: LocDimension, rating: number): LocAnchor | undefined {
  return dimension.anchors.find((anchor) => anchor.rating === rating);
}

/** Checks the ratings against the pack; a missing, unknown, repeated or out-of-range rating is a refusal. */
function readRatings(pack: LocPack, ratings: readonly LocRating[]): Map<string, number> | LocRefusal {
  const byDimension = new Map<string, number>();
  for (const [index, { dimensionId, rating }] of ratings.entries()) {
    const dimension = pack.dimensions.find((d) => d.id === dimensionId);
    if (!dimension) return { ok: false, reason: 'UNKNOWN_DIMENSION', index, dimensionId };
    if (byDimension.has(dimensionId)) return { ok: false, reason: 'DUPLICATE_DIMENSION', index, dimensionId };
    if (!Number.isInteger(rating) || anchorOf(dimension, rating) === undefined)
      return { ok: false, reason: 'RATING_OUT_OF_RANGE', index, dimensionId, rating, max: maxRating(dimension) };
    byDimension.set(dimensionId, rating);
  }
  // A partial assessment would under-state risk (an unrated dimension counts as nothing), so it gets no level.
  const missing = pack.dimensions.filter((d) => !byDimension.has(d.id)).map((d) => d.id);
  if (missing.length > 0) return { ok: false, reason: 'INCOMPLETE', missing };
  return byDimension;
}

function ratingText(dimension: LocDimension, rating: number): string {
  const anchor = anchorOf(dimension, rating);
  return `${dimension.title} rated ${rating}${anchor ? ` (${anchor.label})` : ''}`;
}

function contributions(pack: LocPack, rated: Map<string, number>, perDimension: LocDimensionResult[]): Contribution[] {
  const found: Contribution[] = [];
  for (const result of perDimension) {
    const dimension = pack.dimensions.find((d) => d.id === result.dimensionId);
    if (!dimension) continue;
    found.push({
      level: result.level,
      dimensionIds: [result.dimensionId],
      reasons: [
        {
          code: DIMENSION_LEVEL,
          dimensionId: result.dimensionId,
          text: `${ratingText(dimension, result.rating)}: points to ${LOC_LEVEL_LABELS[result.level]}`,
        },
      ],
    });
  }
  for (const rule of pack.rules) {
    if (rule.kind !== 'at_least') continue;
    const holds = rule.when.every((condition) => (rated.get(condition.dimensionId) ?? -1) >= condition.atLeast);
    if (!holds) continue;
    // One reason per dimension the rule names, all with the same text naming every rating it used.
    const named: { dimensionId: string; text: string }[] = [];
    for (const condition of rule.when) {
      const dimension = pack.dimensions.find((d) => d.id === condition.dimensionId);
      const rating = rated.get(condition.dimensionId);
      if (dimension && rating !== undefined) named.push({ dimensionId: dimension.id, text: ratingText(dimension, rating) });
    }
    const text = `${rule.text} (${named.map((n) => n.text).join('; ')})`;
    const reasons: LocReason[] = named.map((n) => ({ code: rule.code, dimensionId: n.dimensionId, text }));
    found.push({ level: rule.level, dimensionIds: rule.when.map((c) => c.dimensionId), reasons });
  }
  return found;
}

/**
 * The recommended level for a complete set of ratings: the most intensive level any dimension or
 * `at_least` rule points to; every dimension and rule at that level is a driver (ties name them all).
 * An `all_at_most` rule (a stable picture) applies only when no `at_least` rule holds.
 */
export function recommendLevel(pack: LocPack, ratings: readonly LocRating[]): LocResult {
  const rated = readRatings(pack, ratings);
  if (!(rated instanceof Map)) return rated;

  const perDimension: LocDimensionResult[] = [];
  for (const dimension of pack.dimensions) {
    const rating = rated.get(dimension.id) ?? 0;
    const anchor = anchorOf(dimension, rating);
    if (anchor) perDimension.push({ dimensionId: dimension.id, rating, level: anchor.level });
  }

  const found = contributions(pack, rated, perDimension);
  const ruleHeld = found.some((c) => c.reasons.some((r) => r.code !== DIMENSION_LEVEL));
  const stable = pack.rules.find((rule) => rule.kind === 'all_at_most' && perDimension.every((d) => d.rating <= rule.atMost));
  if (stable && !ruleHeld) {
    return {
      ok: true,
      level: stable.level,
      perDimension,
      drivers: perDimension.map((d) => d.dimensionId),
      reasons: [{ code: stable.code, dimensionId: null, text: stable.text }],
    };
  }

  let level: LocLevel = 'OP';
  for (const contribution of found) if (levelRank(contribution.level) > levelRank(level)) level = contribution.level;
  const drivers: string[] = [];
  const reasons: LocReason[] = [];
  const atLevel = found.filter((contribution) => contribution.level === level);
  // A rule's reason is the more specific one: it replaces the same dimension's plain anchor reason.
  const ruleDimensions = new Set(atLevel.flatMap((c) => c.reasons.filter((r) => r.code !== DIMENSION_LEVEL).map((r) => r.dimensionId)));
  for (const contribution of atLevel) {
    for (const id of contribution.dimensionIds) if (!drivers.includes(id)) drivers.push(id);
    for (const reason of contribution.reasons) {
      if (reason.code === DIMENSION_LEVEL && ruleDimensions.has(reason.dimensionId)) continue;
      reasons.push(reason);
    }
  }
  // Drivers in the pack's order, so the same ratings always read the same way.
  const order = pack.dimensions.map((d) => d.id);
  drivers.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return { ok: true, level, perDimension, drivers, reasons };
}
