// Checks a pack before the engine may use it, so a clinic-supplied pack with a gap (a missing anchor,
// a rating that points nowhere, a rule naming an unknown dimension) is refused with every problem named.
import type { FieldIssue } from '../errors.js';
import { LOC_LEVELS, isLocLevel, levelRank, type LocDimension, type LocPack, type LocRule } from './pack.js';

export type PackValidation = { ok: true; pack: LocPack } | { ok: false; issues: FieldIssue[] };

const ID = /^[a-z][a-z0-9_]{0,62}$/;
const CODE = /^[A-Z][A-Z0-9_]{0,62}$/;

function checkDimension(dimension: LocDimension, path: string, issues: FieldIssue[]): void {
  if (!ID.test(dimension.id)) issues.push({ path: `${path}.id`, message: 'use lower-case letters, digits and _ (start with a letter)' });
  if (dimension.title.trim() === '') issues.push({ path: `${path}.title`, message: 'is required' });
  if (dimension.anchors.length < 2) issues.push({ path: `${path}.anchors`, message: 'needs at least two ratings' });
  let previous: number | undefined;
  dimension.anchors.forEach((anchor, index) => {
    const at = `${path}.anchors[${index}]`;
    // Ratings run 0, 1, 2, ... with no gap, so "out of range" has one meaning for every dimension.
    if (anchor.rating !== index) issues.push({ path: `${at}.rating`, message: `must be ${index} (ratings run from 0 without gaps)` });
    if (anchor.label.trim() === '') issues.push({ path: `${at}.label`, message: 'is required' });
    if (anchor.description.trim() === '') issues.push({ path: `${at}.description`, message: 'is required' });
    if (!isLocLevel(anchor.level)) {
      issues.push({ path: `${at}.level`, message: `must be one of ${LOC_LEVELS.join(', ')}` });
      return;
    }
    // A worse rating never points to a less intensive level: otherwise "highest drives" would mislead.
    const rank = levelRank(anchor.level);
    if (previous !== undefined && rank < previous)
      issues.push({ path: `${at}.level`, message: 'must not be less intensive than the rating below it' });
    previous = rank;
  });
}

function checkRule(rule: LocRule, path: string, pack: LocPack, issues: FieldIssue[]): void {
  if (!CODE.test(rule.code)) issues.push({ path: `${path}.code`, message: 'use upper-case letters, digits and _ (start with a letter)' });
  if (rule.text.trim() === '') issues.push({ path: `${path}.text`, message: 'is required' });
  if (!isLocLevel(rule.level)) issues.push({ path: `${path}.level`, message: `must be one of ${LOC_LEVELS.join(', ')}` });
  switch (rule.kind) {
    case 'at_least':
      if (rule.when.length === 0) issues.push({ path: `${path}.when`, message: 'needs at least one condition' });
      rule.when.forEach((condition, index) => {
        const dimension = pack.dimensions.find((d) => d.id === condition.dimensionId);
        if (!dimension) issues.push({ path: `${path}.when[${index}].dimensionId`, message: 'names no dimension of this pack' });
        else if (!dimension.anchors.some((anchor) => anchor.rating === condition.atLeast))
          issues.push({ path: `${path}.when[${index}].atLeast`, message: 'is not a rating of that dimension' });
      });
      return;
    case 'all_at_most':
      if (!Number.isInteger(rule.atMost) || rule.atMost < 0)
        issues.push({ path: `${path}.atMost`, message: 'must be a rating (0 or more)' });
      return;
  }
}

export function validatePack(pack: LocPack): PackValidation {
  const issues: FieldIssue[] = [];
  if (!ID.test(pack.id)) issues.push({ path: 'id', message: 'use lower-case letters, digits and _ (start with a letter)' });
  if (!Number.isInteger(pack.version) || pack.version < 1) issues.push({ path: 'version', message: 'must be a whole number from 1' });
  if (pack.name.trim() === '') issues.push({ path: 'name', message: 'is required' });
  if (pack.dimensions.length === 0) issues.push({ path: 'dimensions', message: 'needs at least one dimension' });
  const seen = new Set<string>();
  pack.dimensions.forEach((dimension, index) => {
    if (seen.has(dimension.id)) issues.push({ path: `dimensions[${index}].id`, message: `repeats the id ${dimension.id}` });
    seen.add(dimension.id);
    checkDimension(dimension, `dimensions[${index}]`, issues);
  });
  const codes = new Set<string>();
  pack.rules.forEach((rule, index) => {
    if (codes.has(rule.code)) issues.push({ path: `rules[${index}].code`, message: `repeats the code ${rule.code}` });
    codes.add(rule.code);
    checkRule(rule, `rules[${index}]`, pack, issues);
  });
  return issues.length === 0 ? { ok: true, pack } : { ok: false, issues };
}
