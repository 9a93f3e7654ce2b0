import { describe, expect, it } from 'vitest';
import { AUDIT_C } from '../instruments/audit-c.js';
import { GAD7 } from '../instruments/gad7.js';
import { PHQ9 } from '../instruments/phq9.js';
import { trendSeries, type SeriesResponse } from './trends.js';

// A patient's trend: baseline, change, response, remission and reliable change per point
// (docs/domain/outcomes.md, DOMAIN.md section 4).

const DAY = 86_400_000;
const T0 = Date.parse('2026-10-05T15:00:00Z');

/** Weekly complete responses of one episode, or `null` for an incomplete form that week. */
function weekly(totals: readonly (number | null)[], episodeId: string | null = 'e1'): SeriesResponse[] {
  return totals.map((total, week) => ({
    id: `${episodeId ?? 'none'}-${week}`,
    episodeId,
    administeredAt: new Date(T0 + week * 7 * DAY),
    complete: total !== null,
    total,
    band: null,
  }));
}

describe('baseline', () => {
  it('is the first complete response of the episode, skipping an incomplete first form', () => {
    const series = trendSeries(PHQ9, weekly([null, 18, 12]));
    expect(series.baselines).toEqual([{ episodeId: 'e1', responseId: 'e1-1', administeredAt: new Date(T0 + 7 * DAY), total: 18 }]);
    expect(series.points.map((p) => [p.total, p.isBaseline, p.change])).toEqual([
      [18, true, 0],
      [12, false, -6],
    ]);
  });

  it('starts again with each episode', () => {
    const series = trendSeries(PHQ9, [
      ...weekly([20, 10], 'e1'),
      ...weekly([15, 16], 'e2').map((r) => ({ ...r, administeredAt: new Date(r.administeredAt.getTime() + 100 * DAY) })),
    ]);
    expect(series.baselines.map((b) => [b.episodeId, b.total])).toEqual([
      ['e1', 20],
      ['e2', 15],
    ]);
    expect(series.points.map((p) => p.baselineTotal)).toEqual([20, 20, 15, 15]);
  });

  it('is found whatever order the responses arrive in', () => {
    const series = trendSeries(PHQ9, weekly([14, 7, 3]).reverse());
    expect(series.baselines[0]?.total).toBe(14);
    expect(series.points.map((p) => p.total)).toEqual([14, 7, 3]);
  });
});

describe('incomplete forms', () => {
  it('are never plotted as totals, only listed with their date', () => {
    const series = trendSeries(GAD7, weekly([12, null, 9, null]));
    expect(series.points.map((p) => p.total)).toEqual([12, 9]);
    expect(series.incomplete.map((r) => r.id)).toEqual(['e1-1', 'e1-3']);
  });

  it('give no baseline on their own', () => {
    const series = trendSeries(PHQ9, weekly([null, null]));
    expect(series.points).toEqual([]);
    expect(series.baselines).toEqual([]);
  });
});

describe('response (a drop of at least 50% from baseline)', () => {
  it.each([
    [20, 10, true],
    [20, 11, false],
    [15, 7, true],
    [15, 8, false],
    [10, 12, false],
  ])('from %i to %i: %s', (baseline, current, expected) => {
    const point = trendSeries(PHQ9, weekly([baseline, current])).points[1];
    expect(point?.response).toBe(expected);
  });

  it('is never marked on the baseline point', () => {
    expect(trendSeries(PHQ9, weekly([0])).points[0]?.response).toBe(false);
  });
});

describe('remission', () => {
  it.each([
    [PHQ9, 4, true],
    [PHQ9, 5, false],
    [GAD7, 4, true],
    [GAD7, 5, false],
  ])('%#: a total of %i is remission: %s', (instrument, total, expected) => {
    expect(trendSeries(instrument, weekly([15, total])).points[1]?.remission).toBe(expected);
  });

  it('is not defined for an instrument without a remission line', () => {
    expect(trendSeries(AUDIT_C, weekly([8, 2])).points[1]?.remission).toBeNull();
  });
});

describe('reliable change (Jacobson-Truax with the instrument data)', () => {
  // PHQ-9: SEdiff = 5.7 * sqrt(2) * sqrt(1 - 0.89) = 2.674, so |change| > 5.24 (6 points) is reliable.
  // GAD-7: SEdiff = 5.0 * sqrt(2) * sqrt(1 - 0.92) = 2.0, so |change| > 3.92 (4 points) is reliable.
  it.each([
    [PHQ9, 15, 10, 'none'],
    [PHQ9, 15, 9, 'improvement'],
    [PHQ9, 10, 15, 'none'],
    [PHQ9, 10, 16, 'deterioration'],
    [GAD7, 12, 9, 'none'],
    [GAD7, 12, 8, 'improvement'],
    [GAD7, 8, 12, 'deterioration'],
  ])('%#: %i to %i is %s', (instrument, baseline, current, expected) => {
    expect(trendSeries(instrument, weekly([baseline, current])).points[1]?.reliable).toBe(expected);
  });

  it('says the reliability values are not verified, and is null where the instrument has none', () => {
    expect(trendSeries(PHQ9, weekly([10])).reliabilityVerified).toBe(false);
    const audit = trendSeries(AUDIT_C, weekly([8, 1]));
    expect(audit.reliabilityVerified).toBeNull();
    expect(audit.points[1]?.reliable).toBeNull();
  });
});
