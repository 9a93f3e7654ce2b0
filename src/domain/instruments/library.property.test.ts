import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreInstrument, totalRange, type Instrument } from './instrument.js';
import { INSTRUMENTS } from './library.js';

// Properties of the one scorer over every instrument in the library (docs/domain/instruments.md):
// a form missing any required item never gets a total or band; a complete valid form always gets a
// total within the instrument's range and a band.

/** A valid answer for every choice item. */
function completeForm(instrument: Instrument): fc.Arbitrary<Record<string, number>> {
  const shape: Record<string, fc.Arbitrary<number>> = {};
  for (const item of instrument.items) {
    if (item.kind === 'choice') shape[item.id] = fc.constantFrom(...item.options.map((option) => option.value));
  }
  return fc.record(shape);
}

/** The items a form must answer, given its own answers (conditional items included when their condition holds). */
function required(instrument: Instrument, answers: Record<string, number>): string[] {
  return instrument.items
    .filter((item) => !item.optional)
    .filter(
      (item) =>
        item.requiredWhen === undefined || item.requiredWhen.anyOf.some((id) => (answers[id] ?? -1) >= (item.requiredWhen?.atLeast ?? 0)),
    )
    .map((item) => item.id);
}

describe.each(INSTRUMENTS.map((instrument) => [instrument.code, instrument] as const))('%s', (_code, instrument) => {
  it('never gives a total or band to a form missing a required item', () => {
    fc.assert(
      fc.property(completeForm(instrument), fc.nat(), fc.subarray(instrument.items.map((item) => item.id)), (form, pick, alsoDropped) => {
        const needed = required(instrument, form);
        fc.pre(needed.length > 0);
        const dropped = needed[pick % needed.length] ?? '';
        const answers: Record<string, number> = { ...form };
        for (const id of [dropped, ...alsoDropped]) delete answers[id];
        // Dropping answers can only remove conditions, so the item may no longer be required (ASQ item 5 once 1-4 are all no).
        fc.pre(required(instrument, answers).includes(dropped));
        const score = scoreInstrument(instrument, answers, { sex: 'female' });
        expect(score.complete).toBe(false);
        expect(score.total).toBeNull();
        expect(score.band).toBeNull();
        expect(score.screen).toBeNull();
        expect(score.missingItems).toContain(dropped);
      }),
    );
  });

  it('gives every complete valid form a total within the range and a band', () => {
    const { min, max } = totalRange(instrument);
    fc.assert(
      fc.property(completeForm(instrument), fc.constantFrom('female' as const, 'male' as const, undefined), (answers, sex) => {
        const score = scoreInstrument(instrument, answers, { sex });
        expect(score.complete).toBe(true);
        expect(score.missingItems).toEqual([]);
        expect(score.total).not.toBeNull();
        expect(score.total ?? -1).toBeGreaterThanOrEqual(min);
        expect(score.total ?? Infinity).toBeLessThanOrEqual(max);
        expect(score.band).toEqual(expect.any(String));
      }),
    );
  });
});
