import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK } from '../../../domain/level-of-care/default-pack';
import { EMPTY_DRAFT, bodyFor, liveRecommendation, type AssessmentDraft } from './assessment-draft';

const allRated = (rating: number): Record<string, number> => Object.fromEntries(DEFAULT_PACK.dimensions.map((d) => [d.id, rating]));

describe('the assessment draft', () => {
  it('has no recommendation until every dimension is rated', () => {
    const draft: AssessmentDraft = { ...EMPTY_DRAFT, ratings: { risk_of_harm: 2 } };
    expect(liveRecommendation(DEFAULT_PACK, draft)).toMatchObject({ ok: false, reason: 'INCOMPLETE' });
    expect(bodyFor(DEFAULT_PACK, draft)).toMatchObject({ ok: false, field: 'ratings' });
  });

  it('confirms the recommended level, with notes trimmed and empty ones left out', () => {
    const draft: AssessmentDraft = {
      ...EMPTY_DRAFT,
      ratings: { ...allRated(0), engagement: 2 },
      notes: { engagement: ' Ambivalent ', risk_of_harm: ' ' },
    };
    const check = bodyFor(DEFAULT_PACK, draft);
    expect(check).toMatchObject({ ok: true, body: { finalLevel: 'IOP', pack: { id: 'openiop_default', version: 1 } } });
    if (check.ok) {
      expect(check.body.overrideReason).toBeUndefined();
      expect(check.body.ratings.find((r) => r.dimensionId === 'engagement')).toEqual({
        dimensionId: 'engagement',
        rating: 2,
        note: 'Ambivalent',
      });
      expect(check.body.ratings.find((r) => r.dimensionId === 'risk_of_harm')).toEqual({ dimensionId: 'risk_of_harm', rating: 0 });
    }
  });

  it('needs a level and a reason to choose another level', () => {
    const base: AssessmentDraft = { ...EMPTY_DRAFT, ratings: allRated(1), decision: 'other' };
    expect(bodyFor(DEFAULT_PACK, base)).toMatchObject({ ok: false, field: 'otherLevel' });
    expect(bodyFor(DEFAULT_PACK, { ...base, otherLevel: 'IOP' })).toMatchObject({ ok: false, field: 'overrideReason' });
    expect(bodyFor(DEFAULT_PACK, { ...base, otherLevel: 'IOP', overrideReason: ' Recent loss ' })).toMatchObject({
      ok: true,
      body: { finalLevel: 'IOP', overrideReason: 'Recent loss' },
    });
  });

  it('sends no reason when the other level chosen is the recommended one after all', () => {
    const draft: AssessmentDraft = { ...EMPTY_DRAFT, ratings: allRated(1), decision: 'other', otherLevel: 'OP', overrideReason: 'x' };
    const check = bodyFor(DEFAULT_PACK, draft);
    expect(check).toMatchObject({ ok: true, body: { finalLevel: 'OP' } });
    if (check.ok) expect(check.body.overrideReason).toBeUndefined();
  });
});
