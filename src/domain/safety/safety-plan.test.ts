import { describe, expect, it } from 'vitest';
import { MAX_ENTRIES_PER_PART, MAX_ENTRY_LENGTH, SAFETY_PLAN_PARTS, checkSafetyPlan, emptySafetyPlan } from './safety-plan.js';

describe('safety plan structure', () => {
  it('has the six Stanley-Brown parts in order', () => {
    expect(SAFETY_PLAN_PARTS.map((p) => p.key)).toEqual([
      'warningSigns',
      'internalCoping',
      'socialDistraction',
      'peopleToAsk',
      'professionals',
      'safeEnvironment',
    ]);
  });
});

describe('checkSafetyPlan', () => {
  it('trims entries and drops blank ones', () => {
    const result = checkSafetyPlan({ ...emptySafetyPlan(), warningSigns: ['  Not sleeping ', '', '   '], peopleToAsk: ['Sam'] });
    expect(result).toEqual({ ok: true, plan: { ...emptySafetyPlan(), warningSigns: ['Not sleeping'], peopleToAsk: ['Sam'] } });
  });

  it('refuses a plan without a single entry', () => {
    const result = checkSafetyPlan({ ...emptySafetyPlan(), internalCoping: [' '] });
    expect(result).toEqual({ ok: false, issues: [{ path: 'warningSigns', message: 'write at least one entry in the plan' }] });
  });

  it(`accepts ${MAX_ENTRY_LENGTH} characters in an entry and refuses one more, naming the entry`, () => {
    expect(checkSafetyPlan({ ...emptySafetyPlan(), professionals: ['x'.repeat(MAX_ENTRY_LENGTH)] }).ok).toBe(true);
    const result = checkSafetyPlan({ ...emptySafetyPlan(), professionals: ['ok', 'x'.repeat(MAX_ENTRY_LENGTH + 1)] });
    expect(result).toEqual({ ok: false, issues: [{ path: 'professionals.1', message: `use at most ${MAX_ENTRY_LENGTH} characters` }] });
  });

  it(`accepts ${MAX_ENTRIES_PER_PART} entries in a part and refuses more`, () => {
    const entries = (n: number) => Array.from({ length: n }, (_, i) => `Entry ${i}`);
    expect(checkSafetyPlan({ ...emptySafetyPlan(), safeEnvironment: entries(MAX_ENTRIES_PER_PART) }).ok).toBe(true);
    const result = checkSafetyPlan({ ...emptySafetyPlan(), safeEnvironment: entries(MAX_ENTRIES_PER_PART + 1) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.path).toBe('safeEnvironment');
  });
});
