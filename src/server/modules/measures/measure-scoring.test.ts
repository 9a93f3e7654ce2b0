import { describe, expect, it } from 'vitest';
import { scoreInstrument } from '../../../domain/instruments/instrument.js';
import { findEnabledInstrument } from '../../../domain/instruments/library.js';
import { alertOf } from './measure-scoring.js';

function alertFor(code: string, answers: Record<string, number>) {
  const instrument = findEnabledInstrument(code);
  if (!instrument) throw new Error(`no ${code}`);
  return alertOf(instrument, scoreInstrument(instrument, answers));
}

const phq = (item9: number) => ({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, 9: item9 });

describe('alertOf', () => {
  it.each([
    ['PHQ-9 item 9 = 0', 'phq-9', phq(0), null],
    ['PHQ-9 item 9 = 1', 'phq-9', phq(1), { severity: 'positive', reasonCode: 'phq9_item9' }],
    ['PHQ-9 item 9 = 3', 'phq-9', phq(3), { severity: 'positive', reasonCode: 'phq9_item9' }],
    ['PHQ-9 item 9 = 1 on an otherwise empty form', 'phq-9', { 9: 1 }, { severity: 'positive', reasonCode: 'phq9_item9' }],
    ['ASQ all no', 'asq', { 1: 0, 2: 0, 3: 0, 4: 0 }, null],
    ['ASQ a yes, acuity no', 'asq', { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 }, { severity: 'positive', reasonCode: 'asq_positive' }],
    ['ASQ a yes, acuity yes', 'asq', { 1: 1, 2: 0, 3: 0, 4: 0, 5: 1 }, { severity: 'acute', reasonCode: 'asq_acute' }],
    ['GAD-7 at its maximum', 'gad-7', { 1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3, 7: 3 }, null],
  ])('%s', (_name, code, answers, expected) => {
    expect(alertFor(code, answers)).toEqual(expected);
  });
});
