// The instrument library: every instrument the app knows, as data (instrument.ts scores them all).
// Adding one: a data file next to these, one line here, its rows in the boundary tests and
// docs/domain/instruments.md.
import { ASQ } from './asq.js';
import { AUDIT_C } from './audit-c.js';
import { DAST10 } from './dast10.js';
import { GAD7 } from './gad7.js';
import type { Instrument } from './instrument.js';
import { PCL5 } from './pcl5.js';
import { PHQ9 } from './phq9.js';

export const INSTRUMENTS: readonly Instrument[] = [PHQ9, GAD7, PCL5, AUDIT_C, ASQ, DAST10];

/** 'PHQ-9', 'phq9' and 'phq-9' name the same instrument. */
export function normalizeCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Instruments enabled by default plus those switched on by code (e.g. DAST-10 where its licence allows). */
export function enabledInstruments(alsoEnabled: readonly string[] = []): Instrument[] {
  const extra = new Set(alsoEnabled.map(normalizeCode));
  return INSTRUMENTS.filter((instrument) => instrument.enabledByDefault || extra.has(normalizeCode(instrument.code)));
}

export function findEnabledInstrument(code: string, alsoEnabled: readonly string[] = []): Instrument | undefined {
  const wanted = normalizeCode(code);
  return enabledInstruments(alsoEnabled).find((instrument) => normalizeCode(instrument.code) === wanted);
}
