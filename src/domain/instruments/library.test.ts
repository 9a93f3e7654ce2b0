import { describe, expect, it } from 'vitest';
import { ASQ } from './asq.js';
import { AUDIT_C } from './audit-c.js';
import { DAST10 } from './dast10.js';
import { GAD7 } from './gad7.js';
import { checkAnswers, scoreInstrument, totalRange, type Answers, type Instrument } from './instrument.js';
import { enabledInstruments, findEnabledInstrument, INSTRUMENTS } from './library.js';
import { PCL5 } from './pcl5.js';
import { PHQ9 } from './phq9.js';

// Every instrument at every band boundary and every flag (STYLE.md rule 11; DOMAIN.md section 4).

/** A complete form of `instrument` adding up to `total`: items filled in order with their highest value. */
function formFor(instrument: Instrument, total: number, fixed: Record<string, number> = {}): Record<string, number> {
  const answers: Record<string, number> = { ...fixed };
  let left = total - Object.values(fixed).reduce((sum, value) => sum + value, 0);
  for (const item of instrument.items) {
    if (item.id in fixed) continue;
    const max = Math.max(...item.options.map((option) => option.value));
    const value = Math.min(max, Math.max(0, left));
    answers[item.id] = value;
    left -= value;
  }
  if (left !== 0) throw new Error(`${instrument.code}: cannot reach ${total}`);
  return answers;
}

const yesNo = (yes: readonly number[], count: number): Record<string, number> =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [String(index + 1), yes.includes(index + 1) ? 1 : 0]));

describe('PHQ-9', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately severe'],
    [19, 'moderately severe'],
    [20, 'severe'],
    [27, 'severe'],
  ])('a total of %i is %s', (total, band) => {
    expect(scoreInstrument(PHQ9, formFor(PHQ9, total, { 9: total === 27 ? 3 : 0 }))).toMatchObject({ complete: true, total, band });
  });

  it.each([
    [0, []],
    [1, ['suicide-risk']],
    [3, ['suicide-risk']],
  ])('item 9 answered %i raises %j whatever the total', (item9, flags) => {
    const score = scoreInstrument(PHQ9, formFor(PHQ9, item9, { 9: item9 }));
    expect(score.flags).toEqual(flags);
    expect(score.band).toBe('minimal');
  });

  it('raises the item 9 flag on an incomplete form too', () => {
    expect(scoreInstrument(PHQ9, { 9: 2 })).toMatchObject({ complete: false, total: null, band: null, flags: ['suicide-risk'] });
  });
});

describe('GAD-7', () => {
  it.each([
    [0, 'minimal', []],
    [4, 'minimal', []],
    [5, 'mild', []],
    [9, 'mild', []],
    [10, 'moderate', ['evaluation-recommended']],
    [14, 'moderate', ['evaluation-recommended']],
    [15, 'severe', ['evaluation-recommended']],
    [21, 'severe', ['evaluation-recommended']],
  ])('a total of %i is %s with flags %j', (total, band, flags) => {
    expect(scoreInstrument(GAD7, formFor(GAD7, total))).toMatchObject({ complete: true, total, band, flags });
  });
});

describe('PCL-5', () => {
  it.each([
    [0, false, 'negative screen'],
    [32, false, 'negative screen'],
    [33, true, 'positive screen'],
    [80, true, 'positive screen'],
  ])('a total of %i is positive at the default cut-off 33: %s', (total, positive, band) => {
    const score = scoreInstrument(PCL5, formFor(PCL5, total));
    expect(score).toMatchObject({ complete: true, total, band, screen: { cutOff: 33, positive } });
    expect(score.flags.includes('positive-screen')).toBe(positive);
  });

  it('takes a configured cut-off (31)', () => {
    expect(scoreInstrument(PCL5, formFor(PCL5, 31), { cutOff: 31 }).screen).toEqual({ cutOff: 31, positive: true });
    expect(scoreInstrument(PCL5, formFor(PCL5, 30), { cutOff: 31 }).screen).toEqual({ cutOff: 31, positive: false });
  });

  /** Endorsed (2) items by number, everything else 1 (not endorsed). */
  const endorsed = (items: number[]) =>
    Object.fromEntries(Array.from({ length: 20 }, (_, index) => [String(index + 1), items.includes(index + 1) ? 2 : 1]));
  const MINIMUM = [1, 6, 8, 9, 15, 16];

  it('meets the DSM-5 cluster rule with exactly B 1, C 1, D 2, E 2 items at 2 or more', () => {
    const score = scoreInstrument(PCL5, endorsed(MINIMUM));
    expect(score.clusters?.allMet).toBe(true);
    expect(score.flags).toContain('dsm5-clusters-met');
  });

  it.each([
    ['B (items 1-5)', 1, 'B'],
    ['C (items 6-7)', 6, 'C'],
    ['D (2 of items 8-14)', 9, 'D'],
    ['E (2 of items 15-20)', 16, 'E'],
  ])('is not met when cluster %s falls one short', (_name, dropped, cluster) => {
    const score = scoreInstrument(PCL5, endorsed(MINIMUM.filter((item) => item !== dropped)));
    expect(score.clusters?.allMet).toBe(false);
    expect(score.clusters?.results.find((result) => result.code === cluster)?.met).toBe(false);
    expect(score.flags).not.toContain('dsm5-clusters-met');
  });

  it('does not count an item rated 1 as endorsed, and gives no cluster result on an incomplete form', () => {
    expect(scoreInstrument(PCL5, endorsed([])).clusters?.results.every((result) => result.endorsed === 0)).toBe(true);
    expect(scoreInstrument(PCL5, { 1: 4, 6: 4 }).clusters).toBeNull();
  });
});

describe('AUDIT-C', () => {
  it.each([
    ['male', 3, false],
    ['male', 4, true],
    ['female', 2, false],
    ['female', 3, true],
    [undefined, 2, false],
    [undefined, 3, true],
  ] as const)('for sex %s, a total of %i is positive: %s', (sex, total, positive) => {
    const score = scoreInstrument(AUDIT_C, formFor(AUDIT_C, total), { sex });
    expect(score).toMatchObject({ complete: true, total, band: positive ? 'positive screen' : 'negative screen' });
    expect(score.flags.includes('positive-screen')).toBe(positive);
  });

  it('says when it used the lower cut-off because no sex was given', () => {
    expect(scoreInstrument(AUDIT_C, formFor(AUDIT_C, 3)).notes[0]).toContain('sex not given');
    expect(scoreInstrument(AUDIT_C, formFor(AUDIT_C, 3), { sex: 'male' }).notes).toEqual([]);
  });

  it('ranges 0-12', () => {
    expect(totalRange(AUDIT_C)).toEqual({ min: 0, max: 12 });
  });
});

describe('ASQ', () => {
  it.each([1, 2, 3, 4])('a yes to item %i alone is a positive screen that needs item 5', (item) => {
    const withoutAcuity = scoreInstrument(ASQ, yesNo([item], 4));
    expect(withoutAcuity).toMatchObject({
      complete: false,
      total: null,
      band: null,
      missingItems: ['5'],
      flags: ['suicide-risk-positive'],
    });
    const nonAcute = scoreInstrument(ASQ, { ...yesNo([item], 4), 5: 0 });
    expect(nonAcute).toMatchObject({ complete: true, band: 'non-acute positive screen', flags: ['suicide-risk-positive'] });
  });

  it('a yes to item 5 is acute', () => {
    const score = scoreInstrument(ASQ, { ...yesNo([3], 4), 5: 1 });
    expect(score).toMatchObject({ complete: true, total: 1, band: 'acute positive screen' });
    expect(score.flags).toEqual(['suicide-risk-positive', 'suicide-risk-acute']);
  });

  it('all no to items 1-4 is complete and negative without item 5', () => {
    expect(scoreInstrument(ASQ, yesNo([], 4))).toMatchObject({
      complete: true,
      total: 0,
      band: 'negative screen',
      flags: [],
      missingItems: [],
    });
  });

  it('a yes to item 5 without a yes to 1-4 is still treated as acute (the safe reading)', () => {
    const score = scoreInstrument(ASQ, { ...yesNo([], 4), 5: 1 });
    expect(score.band).toBe('acute positive screen');
    expect(score.flags).toEqual(['suicide-risk-acute']);
  });

  it('does not count the acuity question in the total', () => {
    expect(scoreInstrument(ASQ, { ...yesNo([1, 2, 3, 4], 4), 5: 1 }).total).toBe(4);
  });
});

describe('DAST-10', () => {
  const noneExcept = (yes: number[], item3: 0 | 1) => ({ ...yesNo(yes, 10), 3: item3 });

  it('reverse-scores item 3: "no" scores 1, "yes" scores 0', () => {
    expect(scoreInstrument(DAST10, noneExcept([], 1)).total).toBe(0);
    expect(scoreInstrument(DAST10, noneExcept([], 0)).total).toBe(1);
  });

  it.each([
    [[], 1, 0, 'none'],
    [[], 0, 1, 'low'],
    [[1], 0, 2, 'low'],
    [[1, 2], 0, 3, 'moderate'],
    [[1, 2, 4, 5], 0, 5, 'moderate'],
    [[1, 2, 4, 5, 6], 0, 6, 'substantial'],
    [[1, 2, 4, 5, 6, 7, 8], 0, 8, 'substantial'],
    [[1, 2, 4, 5, 6, 7, 8, 9], 0, 9, 'severe'],
    [[1, 2, 4, 5, 6, 7, 8, 9, 10], 0, 10, 'severe'],
  ] as const)('yes to %j with item 3 = %i totals %i: %s', (yes, item3, total, band) => {
    expect(scoreInstrument(DAST10, noneExcept([...yes], item3))).toMatchObject({ complete: true, total, band });
  });

  it('is disabled by default, with its notice, unless switched on', () => {
    expect(DAST10.enabledByDefault).toBe(false);
    expect(DAST10.notice).toContain('non-commercial');
    expect(findEnabledInstrument('dast-10')).toBeUndefined();
    expect(findEnabledInstrument('DAST10', ['dast-10'])?.code).toBe('dast-10');
    expect(enabledInstruments().map((instrument) => instrument.code)).toEqual(['phq-9', 'gad-7', 'pcl-5', 'audit-c', 'asq']);
  });
});

describe('the library as data', () => {
  it.each(INSTRUMENTS.map((instrument) => [instrument.code, instrument] as const))('%s numbers its items 1..n', (_code, instrument) => {
    expect(instrument.items.map((item) => item.id)).toEqual(instrument.items.map((_item, index) => String(index + 1)));
  });

  it.each(INSTRUMENTS.filter((instrument) => instrument.bands.length > 0).map((instrument) => [instrument.code, instrument] as const))(
    '%s bands cover the whole range without gaps',
    (_code, instrument) => {
      const { min, max } = totalRange(instrument);
      expect(instrument.bands[0]?.min).toBe(min);
      expect(instrument.bands.at(-1)?.max).toBe(max);
      instrument.bands.forEach((band, index) => {
        const next = instrument.bands[index + 1];
        if (next) expect(next.min).toBe(band.max + 1);
      });
    },
  );

  it.each([
    [PHQ9, 0, 27],
    [GAD7, 0, 21],
    [PCL5, 0, 80],
    [AUDIT_C, 0, 12],
    [ASQ, 0, 4],
    [DAST10, 0, 10],
  ])('%# ranges %i-%i', (instrument, min, max) => {
    expect(totalRange(instrument)).toEqual({ min, max });
  });

  it('ships Spanish only for PHQ-9 and GAD-7, and says so', () => {
    for (const instrument of INSTRUMENTS) {
      const spanish = instrument.items.every((item) => item.text.es !== undefined);
      expect(spanish).toBe(instrument.code === 'phq-9' || instrument.code === 'gad-7');
      expect(instrument.languages.includes('es')).toBe(spanish);
      expect(instrument.languageNote).not.toBe('');
    }
  });
});

describe('checkAnswers', () => {
  it('names each unknown item and each value that is not an option', () => {
    expect(checkAnswers(PHQ9, { 1: 4, 2: -1, 3: 1.5, 10: 0, x: 1, 4: 'a', 5: null, 6: 3 })).toEqual([
      { path: 'answers.1', message: 'must be one of 0, 1, 2, 3' },
      { path: 'answers.2', message: 'must be one of 0, 1, 2, 3' },
      { path: 'answers.3', message: 'must be one of 0, 1, 2, 3' },
      { path: 'answers.4', message: 'must be one of 0, 1, 2, 3' },
      { path: 'answers.10', message: 'is not an item of PHQ-9 (items 1-9)' },
      { path: 'answers.x', message: 'is not an item of PHQ-9 (items 1-9)' },
    ]);
  });
});

describe('free text', () => {
  const WITH_TEXT: Instrument = {
    ...GAD7,
    code: 'test-text',
    items: [
      ...GAD7.items.slice(0, 2),
      { id: '3', text: { en: 'Anything else?' }, kind: 'text', options: [], scored: false, optional: true },
    ],
    bands: [{ min: 0, max: 6, name: 'any' }],
    totalFlags: [],
  };

  it('is never summed, and an optional text item is never missing', () => {
    const answers: Answers = { 1: 1, 2: 2, 3: '99' };
    expect(checkAnswers(WITH_TEXT, answers)).toEqual([]);
    expect(scoreInstrument(WITH_TEXT, answers)).toMatchObject({ complete: true, total: 3, answered: 3 });
    expect(scoreInstrument(WITH_TEXT, { 1: 1, 2: 2 })).toMatchObject({ complete: true, total: 3, answered: 2 });
  });

  it('refuses a number for a text item', () => {
    expect(checkAnswers(WITH_TEXT, { 3: 5 })).toEqual([{ path: 'answers.3', message: 'must be text' }]);
  });
});
