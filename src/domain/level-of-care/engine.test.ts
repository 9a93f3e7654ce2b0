import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK } from './default-pack.js';
import { recommendLevel, type LocRating, type LocRecommendation } from './engine.js';
import type { LocLevel, LocPack } from './pack.js';
import { currentPack, findPack, LOC_PACKS } from './packs.js';
import { validatePack } from './validate-pack.js';

const DIMENSIONS = [
  'risk_of_harm',
  'functional_status',
  'co_occurring_conditions',
  'recovery_environment',
  'treatment_history',
  'engagement',
] as const;
type Dim = (typeof DIMENSIONS)[number];

/** Every dimension at `base`, with the given ones changed. */
function ratings(changes: Partial<Record<Dim, number>> = {}, base = 0): LocRating[] {
  return DIMENSIONS.map((dimensionId) => ({ dimensionId, rating: changes[dimensionId] ?? base }));
}

function recommend(changes: Partial<Record<Dim, number>>, base = 0): LocRecommendation {
  const result = recommendLevel(DEFAULT_PACK, ratings(changes, base));
  if (!result.ok) throw new Error(`expected a recommendation, got ${result.reason}`);
  return result;
}

describe('recommendLevel with the default pack: each rating of each dimension, the others at 0', () => {
  // Written out by hand (not read from the pack), so a changed anchor fails here.
  it.each<[Dim, number, LocLevel, string]>([
    ['risk_of_harm', 0, 'OP', 'ALL_STABLE'],
    ['risk_of_harm', 1, 'OP', 'ALL_STABLE'],
    ['risk_of_harm', 2, 'IOP', 'DIMENSION_LEVEL'],
    ['risk_of_harm', 3, 'PHP', 'DIMENSION_LEVEL'],
    ['risk_of_harm', 4, 'inpatient_referral', 'IMMINENT_RISK'],
    ['functional_status', 0, 'OP', 'ALL_STABLE'],
    ['functional_status', 1, 'OP', 'ALL_STABLE'],
    ['functional_status', 2, 'IOP', 'DIMENSION_LEVEL'],
    ['functional_status', 3, 'PHP', 'DIMENSION_LEVEL'],
    ['functional_status', 4, 'inpatient_referral', 'DIMENSION_LEVEL'],
    ['co_occurring_conditions', 0, 'OP', 'ALL_STABLE'],
    ['co_occurring_conditions', 1, 'OP', 'ALL_STABLE'],
    ['co_occurring_conditions', 2, 'IOP', 'DIMENSION_LEVEL'],
    ['co_occurring_conditions', 3, 'PHP', 'DIMENSION_LEVEL'],
    ['co_occurring_conditions', 4, 'inpatient_referral', 'MEDICALLY_MANAGED_WITHDRAWAL'],
    ['recovery_environment', 0, 'OP', 'ALL_STABLE'],
    ['recovery_environment', 1, 'OP', 'ALL_STABLE'],
    ['recovery_environment', 2, 'IOP', 'DIMENSION_LEVEL'],
    ['recovery_environment', 3, 'IOP', 'DIMENSION_LEVEL'],
    ['recovery_environment', 4, 'PHP', 'NO_SAFE_HOUSING'],
    ['treatment_history', 0, 'OP', 'ALL_STABLE'],
    ['treatment_history', 1, 'OP', 'ALL_STABLE'],
    ['treatment_history', 2, 'IOP', 'DIMENSION_LEVEL'],
    ['treatment_history', 3, 'IOP', 'DIMENSION_LEVEL'],
    ['treatment_history', 4, 'PHP', 'DIMENSION_LEVEL'],
    ['engagement', 0, 'OP', 'ALL_STABLE'],
    ['engagement', 1, 'OP', 'ALL_STABLE'],
    ['engagement', 2, 'IOP', 'DIMENSION_LEVEL'],
    ['engagement', 3, 'IOP', 'DIMENSION_LEVEL'],
    ['engagement', 4, 'PHP', 'DIMENSION_LEVEL'],
  ])('%s rated %i recommends %s (%s)', (dimension, rating, level, code) => {
    const result = recommend({ [dimension]: rating });
    expect(result.level).toBe(level);
    expect(result.reasons.map((reason) => reason.code)).toEqual([code]);
    if (code === 'ALL_STABLE') {
      expect(result.drivers).toEqual([...DIMENSIONS]);
      expect(result.reasons[0]?.dimensionId).toBeNull();
    } else {
      expect(result.drivers).toEqual([dimension]);
      expect(result.reasons[0]?.dimensionId).toBe(dimension);
      expect(result.reasons[0]?.text).toContain(`rated ${rating}`);
    }
    expect(result.perDimension.find((d) => d.dimensionId === dimension)).toEqual({
      dimensionId: dimension,
      rating,
      level: expect.any(String),
    });
  });
});

describe('recommendLevel: the highest-risk dimension drives the level', () => {
  it('takes the most intensive level of any dimension', () => {
    const result = recommend({ risk_of_harm: 2, functional_status: 3, engagement: 2 });
    expect(result.level).toBe('PHP');
    expect(result.drivers).toEqual(['functional_status']);
    expect(result.reasons).toEqual([
      {
        code: 'DIMENSION_LEVEL',
        dimensionId: 'functional_status',
        text: 'Functional status rated 3 (Serious impairment): points to Partial hospitalization (PHP)',
      },
    ]);
  });

  it('names every dimension in a tie, in the pack order', () => {
    const result = recommend({ engagement: 2, functional_status: 2, treatment_history: 3 });
    expect(result.level).toBe('IOP');
    expect(result.drivers).toEqual(['functional_status', 'treatment_history', 'engagement']);
    expect(result.reasons.map((reason) => reason.dimensionId)).toEqual(['functional_status', 'treatment_history', 'engagement']);
  });

  it('gives one level per dimension', () => {
    const result = recommend({ risk_of_harm: 1, functional_status: 2, co_occurring_conditions: 3, recovery_environment: 4 });
    expect(result.perDimension).toEqual([
      { dimensionId: 'risk_of_harm', rating: 1, level: 'OP' },
      { dimensionId: 'functional_status', rating: 2, level: 'IOP' },
      { dimensionId: 'co_occurring_conditions', rating: 3, level: 'PHP' },
      { dimensionId: 'recovery_environment', rating: 4, level: 'PHP' },
      { dimensionId: 'treatment_history', rating: 0, level: 'OP' },
      { dimensionId: 'engagement', rating: 0, level: 'OP' },
    ]);
  });
});

describe('recommendLevel: special rules', () => {
  it('refers imminent risk to inpatient care even when everything else is stable', () => {
    const result = recommend({ risk_of_harm: 4 }, 0);
    expect(result.level).toBe('inpatient_referral');
    expect(result.reasons[0]?.text).toContain('Imminent risk of harm');
    expect(result.reasons[0]?.text).toContain('Risk of harm rated 4 (Imminent risk)');
  });

  it('refers medically managed withdrawal to inpatient care', () => {
    expect(recommend({ co_occurring_conditions: 4, engagement: 1 }).level).toBe('inpatient_referral');
  });

  it('names both rules when imminent risk and withdrawal come together', () => {
    const result = recommend({ risk_of_harm: 4, co_occurring_conditions: 4, functional_status: 4 });
    expect(result.drivers).toEqual(['risk_of_harm', 'functional_status', 'co_occurring_conditions']);
    expect(result.reasons.map((r) => r.code)).toEqual(['DIMENSION_LEVEL', 'IMMINENT_RISK', 'MEDICALLY_MANAGED_WITHDRAWAL']);
  });

  it('keeps someone without a safe place to live at PHP or above', () => {
    expect(recommend({ recovery_environment: 4 }, 1).level).toBe('PHP');
    expect(recommend({ recovery_environment: 4, risk_of_harm: 4 }).level).toBe('inpatient_referral');
  });

  it.each<[number, number, LocLevel]>([
    [1, 3, 'IOP'],
    [2, 2, 'IOP'],
    [2, 3, 'PHP'],
    [3, 3, 'PHP'],
  ])('risk %i with home support rated %i recommends %s', (risk, environment, level) => {
    const result = recommend({ risk_of_harm: risk, recovery_environment: environment });
    expect(result.level).toBe(level);
    if (risk === 2 && environment === 3) {
      expect(result.reasons.map((r) => r.code)).toEqual(['RISK_WITHOUT_SUPPORT', 'RISK_WITHOUT_SUPPORT']);
      expect(result.reasons[0]?.text).toBe(
        'Risk of harm with little support at home: daily structure (partial hospitalization) is safer (Risk of harm rated 2 (Moderate risk); Recovery environment rated 3 (Unsupportive or high stress))',
      );
      expect(result.reasons[1]?.text).toBe(result.reasons[0]?.text);
      expect(result.drivers).toEqual(['risk_of_harm', 'recovery_environment']);
    }
  });

  it('calls every dimension at 1 stable (outpatient), and one dimension at 2 ends that', () => {
    expect(recommend({}, 1)).toMatchObject({ level: 'OP', reasons: [{ code: 'ALL_STABLE', dimensionId: null }] });
    expect(recommend({ engagement: 2 }, 1)).toMatchObject({ level: 'IOP', drivers: ['engagement'] });
  });
});

describe('recommendLevel: no recommendation without complete, valid ratings', () => {
  it('refuses an assessment with a dimension unrated, naming every missing one', () => {
    const partial = ratings().filter((r) => r.dimensionId !== 'engagement' && r.dimensionId !== 'risk_of_harm');
    expect(recommendLevel(DEFAULT_PACK, partial)).toEqual({ ok: false, reason: 'INCOMPLETE', missing: ['risk_of_harm', 'engagement'] });
    expect(recommendLevel(DEFAULT_PACK, [])).toMatchObject({ ok: false, reason: 'INCOMPLETE', missing: [...DIMENSIONS] });
  });

  it.each([-1, 5, 1.5, Number.NaN])('refuses the rating %s as out of range, with its index', (rating) => {
    const given = ratings();
    given[2] = { dimensionId: 'co_occurring_conditions', rating };
    expect(recommendLevel(DEFAULT_PACK, given)).toMatchObject({
      ok: false,
      reason: 'RATING_OUT_OF_RANGE',
      index: 2,
      dimensionId: 'co_occurring_conditions',
      max: 4,
    });
  });

  it('refuses an unknown dimension and a dimension rated twice', () => {
    expect(recommendLevel(DEFAULT_PACK, [...ratings(), { dimensionId: 'mood', rating: 1 }])).toEqual({
      ok: false,
      reason: 'UNKNOWN_DIMENSION',
      index: 6,
      dimensionId: 'mood',
    });
    expect(recommendLevel(DEFAULT_PACK, [...ratings(), { dimensionId: 'engagement', rating: 1 }])).toMatchObject({
      reason: 'DUPLICATE_DIMENSION',
      index: 6,
    });
  });
});

describe('packs', () => {
  it('ships only packs that pass validation, and the current one is registered', () => {
    for (const pack of LOC_PACKS) expect(validatePack(pack)).toEqual({ ok: true, pack });
    expect(currentPack()).toBe(DEFAULT_PACK);
    expect(findPack('openiop_default', 99)).toBeUndefined();
  });
});

/** A small valid pack to break one piece at a time. */
function tinyPack(): LocPack {
  return {
    id: 'clinic_pack',
    version: 2,
    name: 'Clinic pack',
    description: '',
    dimensions: [
      {
        id: 'alpha',
        title: 'Alpha',
        description: '',
        anchors: [
          { rating: 0, label: 'None', description: 'Nothing', level: 'OP' },
          { rating: 1, label: 'Some', description: 'Something', level: 'IOP' },
        ],
      },
      {
        id: 'beta',
        title: 'Beta',
        description: '',
        anchors: [
          { rating: 0, label: 'None', description: 'Nothing', level: 'OP' },
          { rating: 1, label: 'Much', description: 'A lot', level: 'PHP' },
        ],
      },
    ],
    rules: [{ kind: 'at_least', code: 'BOTH', when: [{ dimensionId: 'alpha', atLeast: 1 }], level: 'PHP', text: 'Alpha' }],
  };
}

describe('validatePack refusals', () => {
  it('accepts the small pack and the engine uses it', () => {
    expect(validatePack(tinyPack()).ok).toBe(true);
    const result = recommendLevel(tinyPack(), [
      { dimensionId: 'alpha', rating: 1 },
      { dimensionId: 'beta', rating: 0 },
    ]);
    expect(result).toMatchObject({ ok: true, level: 'PHP', drivers: ['alpha'] });
  });

  it.each<[string, (pack: LocPack) => LocPack, string]>([
    [
      'a repeated dimension id',
      (p) => ({ ...p, dimensions: [p.dimensions[0], { ...p.dimensions[1], id: 'alpha' }] as LocPack['dimensions'] }),
      'dimensions[1].id',
    ],
    ['a bad pack id', (p) => ({ ...p, id: 'Clinic Pack' }), 'id'],
    ['version 0', (p) => ({ ...p, version: 0 }), 'version'],
    ['no dimensions', (p) => ({ ...p, dimensions: [], rules: [] }), 'dimensions'],
    [
      'a gap in the ratings',
      (p) => ({ ...p, dimensions: [{ ...dim(p, 0), anchors: [anchor(p, 0, 0), { ...anchor(p, 0, 1), rating: 2 }] }, dim(p, 1)] }),
      'dimensions[0].anchors[1].rating',
    ],
    [
      'an anchor without a label',
      (p) => ({ ...p, dimensions: [{ ...dim(p, 0), anchors: [anchor(p, 0, 0), { ...anchor(p, 0, 1), label: ' ' }] }, dim(p, 1)] }),
      'dimensions[0].anchors[1].label',
    ],
    [
      'an anchor without a description',
      (p) => ({ ...p, dimensions: [{ ...dim(p, 0), anchors: [anchor(p, 0, 0), { ...anchor(p, 0, 1), description: '' }] }, dim(p, 1)] }),
      'dimensions[0].anchors[1].description',
    ],
    [
      'a rating that maps to no level',
      (p) => ({
        ...p,
        dimensions: [{ ...dim(p, 0), anchors: [anchor(p, 0, 0), { ...anchor(p, 0, 1), level: 'residential' as LocLevel }] }, dim(p, 1)],
      }),
      'dimensions[0].anchors[1].level',
    ],
    [
      'a worse rating pointing to a lighter level',
      (p) => ({ ...p, dimensions: [{ ...dim(p, 0), anchors: [{ ...anchor(p, 0, 0), level: 'PHP' }, anchor(p, 0, 1)] }, dim(p, 1)] }),
      'dimensions[0].anchors[1].level',
    ],
    ['a single rating', (p) => ({ ...p, dimensions: [{ ...dim(p, 0), anchors: [anchor(p, 0, 0)] }, dim(p, 1)] }), 'dimensions[0].anchors'],
    [
      'a rule naming an unknown dimension',
      (p) => ({ ...p, rules: [{ kind: 'at_least', code: 'X', when: [{ dimensionId: 'gamma', atLeast: 1 }], level: 'PHP', text: 'x' }] }),
      'rules[0].when[0].dimensionId',
    ],
    [
      'a rule on a rating the dimension lacks',
      (p) => ({ ...p, rules: [{ kind: 'at_least', code: 'X', when: [{ dimensionId: 'alpha', atLeast: 7 }], level: 'PHP', text: 'x' }] }),
      'rules[0].when[0].atLeast',
    ],
    [
      'a repeated rule code',
      (p) => ({ ...p, rules: [...p.rules, { kind: 'all_at_most', code: 'BOTH', atMost: 0, level: 'OP', text: 'x' }] }),
      'rules[1].code',
    ],
  ])('refuses %s', (_name, change, path) => {
    const result = validatePack(change(tinyPack()));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.path)).toContain(path);
  });
});

function dim(pack: LocPack, index: number) {
  const found = pack.dimensions[index];
  if (!found) throw new Error('no such dimension');
  return found;
}

function anchor(pack: LocPack, dimensionIndex: number, rating: number) {
  const found = dim(pack, dimensionIndex).anchors[rating];
  if (!found) throw new Error('no such anchor');
  return found;
}
