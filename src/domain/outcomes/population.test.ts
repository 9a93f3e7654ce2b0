import { describe, expect, it } from 'vitest';
import { AUDIT_C } from '../instruments/audit-c.js';
import { PHQ9 } from '../instruments/phq9.js';
import { episodeOutcome, overlaps, populationOutcomes, rate, type EpisodeInput, type OutcomeResponse } from './population.js';

// Population outcomes: who counts, baseline, follow-up in the period, and each rate with its counts
// (docs/domain/outcomes.md).

const PERIOD = { from: '2026-10-01', to: '2026-10-31' };

/** Complete responses on the given local dates (noon UTC), or `null` totals for incomplete forms. */
function on(episodeId: string, entries: readonly [string, number | null][]): OutcomeResponse[] {
  return entries.map(([localDate, total], index) => ({
    id: `${episodeId}-${index}`,
    episodeId,
    administeredAt: new Date(`${localDate}T12:00:00Z`),
    localDate,
    complete: total !== null,
    total,
  }));
}

const episode = (id: string, admittedOn = '2026-09-20', dischargedOn: string | null = null): EpisodeInput => ({
  id,
  admittedOn,
  dischargedOn,
});

describe('which episodes count', () => {
  it.each([
    ['2026-09-01', '2026-09-30', false],
    ['2026-09-01', '2026-10-01', true],
    ['2026-10-31', null, true],
    ['2026-11-01', null, false],
    ['2026-08-01', null, true],
  ])('admitted %s, discharged %s: %s', (admittedOn, dischargedOn, expected) => {
    expect(overlaps(episode('e', admittedOn, dischargedOn), PERIOD)).toBe(expected);
  });
});

describe('baseline and follow-up of one episode', () => {
  it.each<[string, [string, number | null][], { baseline: number; followUp: number | null } | null]>([
    [
      'baseline before the period, follow-up inside',
      [
        ['2026-09-25', 18],
        ['2026-10-10', 12],
        ['2026-10-20', 9],
      ],
      { baseline: 18, followUp: 9 },
    ],
    [
      'the last follow-up is the one after the period: the last inside counts',
      [
        ['2026-10-02', 18],
        ['2026-10-31', 10],
        ['2026-11-01', 4],
      ],
      { baseline: 18, followUp: 10 },
    ],
    [
      'an incomplete first form is not the baseline',
      [
        ['2026-10-02', null],
        ['2026-10-09', 16],
        ['2026-10-16', 8],
      ],
      { baseline: 16, followUp: 8 },
    ],
    [
      'an incomplete last form is not the follow-up',
      [
        ['2026-10-02', 16],
        ['2026-10-09', 12],
        ['2026-10-16', null],
      ],
      { baseline: 16, followUp: 12 },
    ],
    ['a baseline alone has no follow-up', [['2026-10-02', 16]], { baseline: 16, followUp: null }],
    [
      'follow-ups only before the period do not count',
      [
        ['2026-09-21', 16],
        ['2026-09-28', 10],
      ],
      { baseline: 16, followUp: null },
    ],
    ['a baseline after the period is none', [['2026-11-02', 16]], null],
    ['only incomplete forms: no baseline', [['2026-10-02', null]], null],
  ])('%s', (_name, entries, expected) => {
    expect(episodeOutcome('e1', on('e1', entries), PERIOD)).toEqual(expected && { episodeId: 'e1', ...expected });
  });
});

describe('population outcomes', () => {
  it('counts every number with its numerator and denominator', () => {
    const episodes = [episode('a'), episode('b'), episode('c'), episode('d'), episode('e'), episode('old', '2026-06-01', '2026-07-01')];
    const responses = [
      ...on('a', [
        ['2026-10-01', 20],
        ['2026-10-29', 4],
      ]), // -16: response, remission, reliable improvement
      ...on('b', [
        ['2026-10-01', 12],
        ['2026-10-29', 6],
      ]), // -6: exactly 50% (response), not remission (6), reliable (6 > 5.24)
      ...on('c', [
        ['2026-10-01', 10],
        ['2026-10-29', 16],
      ]), // +6: reliable deterioration
      ...on('d', [
        ['2026-10-01', 10],
        ['2026-10-29', 5],
      ]), // -5: response (50%), remission no (5), not reliable (5 < 5.24)
      ...on('e', [['2026-10-01', 9]]), // baseline only
      ...on('old', [
        ['2026-06-02', 20],
        ['2026-06-30', 2],
      ]), // episode outside the period
    ];
    const result = populationOutcomes(PHQ9, episodes, responses, PERIOD);
    expect(result).toEqual({
      episodes: 5,
      withBaseline: 5,
      withFollowUp: 4,
      followUp: { numerator: 4, denominator: 5, percent: 80 },
      // (-16 - 6 + 6 - 5) / 4 = -21 / 4 = -5.25
      meanChange: { sum: -21, count: 4, mean: -5.25 },
      response: { numerator: 3, denominator: 4, percent: 75 },
      remission: { numerator: 1, denominator: 4, percent: 25 },
      reliableImprovement: { numerator: 2, denominator: 4, percent: 50 },
      reliableDeterioration: { numerator: 1, denominator: 4, percent: 25 },
      reliabilityVerified: false,
    });
  });

  it('gives empty rates, not zeros, when nobody has a follow-up', () => {
    const result = populationOutcomes(PHQ9, [episode('a')], on('a', [['2026-10-01', 20]]), PERIOD);
    expect(result.meanChange).toEqual({ sum: 0, count: 0, mean: null });
    expect(result.response).toEqual({ numerator: 0, denominator: 0, percent: null });
  });

  it('leaves out remission and reliable change for an instrument that defines neither', () => {
    const result = populationOutcomes(
      AUDIT_C,
      [episode('a')],
      on('a', [
        ['2026-10-01', 8],
        ['2026-10-20', 2],
      ]),
      PERIOD,
    );
    expect(result.remission).toBeNull();
    expect(result.reliableImprovement).toBeNull();
    expect(result.reliabilityVerified).toBeNull();
    expect(result.response).toEqual(rate(1, 1));
  });

  it('rounds percentages to one decimal', () => {
    expect(rate(1, 3).percent).toBe(33.3);
    expect(rate(2, 3).percent).toBe(66.7);
  });
});
