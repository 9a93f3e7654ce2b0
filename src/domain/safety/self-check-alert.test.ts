import { describe, expect, it } from 'vitest';
import type { SelfCheckResult } from '../front-door/self-check.js';
import { selfCheckAlert } from './self-check-alert.js';

const base: SelfCheckResult = { outcome: 'iop', reasons: [], currentSuicidalThoughts: false, phq9: null, gad7: null };

describe('selfCheckAlert', () => {
  it('raises none without current thoughts of suicide', () => {
    expect(selfCheckAlert({ ...base, reasons: ['suicidal_thoughts_recent'] })).toBeNull();
  });
  it('raises an acute alert for thoughts of suicide now', () => {
    const result = {
      ...base,
      outcome: 'get_help_now' as const,
      reasons: ['suicidal_thoughts_now' as const],
      currentSuicidalThoughts: true,
    };
    expect(selfCheckAlert(result)).toEqual({ severity: 'acute', reasonCode: 'self_check_current_thoughts' });
  });
  it('raises a positive alert for PHQ-9 item 9 alone', () => {
    const result = { ...base, outcome: 'get_help_now' as const, reasons: ['phq9_suicide_item' as const], currentSuicidalThoughts: true };
    expect(selfCheckAlert(result)).toEqual({ severity: 'positive', reasonCode: 'phq9_item9' });
  });
});
