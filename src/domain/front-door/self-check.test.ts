import { describe, expect, it } from 'vitest';
import { evaluateSelfCheck, parseSelfCheckForm, selfCheckToForm, type SelfCheckAnswers } from './self-check.js';

/** Someone past the acute phase who can attend: every answer the calmest one, changed per case. */
function answers(overrides: Partial<SelfCheckAnswers> = {}): SelfCheckAnswers {
  return {
    suicidalThoughts: 'never',
    harmOthers: 'no',
    recentAttempt: 'no',
    withdrawalRisk: 'no',
    safeHome: 'yes',
    support: 'yes',
    canAttend: 'yes',
    dailyImpact: 'a_lot',
    commitments: 'no',
    earlierTreatment: 'none',
    formatPreference: 'no_preference',
    ...overrides,
  };
}

const phq9 = (total: number, item9 = 0): number[] => {
  const items = [0, 0, 0, 0, 0, 0, 0, 0, item9];
  let left = total - item9;
  for (let index = 0; index < 8 && left > 0; index++) {
    items[index] = Math.min(3, left);
    left -= items[index] ?? 0;
  }
  return items;
};
const gad7 = (total: number): number[] => {
  const items = [0, 0, 0, 0, 0, 0, 0];
  let left = total;
  for (let index = 0; index < 7 && left > 0; index++) {
    items[index] = Math.min(3, left);
    left -= items[index] ?? 0;
  }
  return items;
};

describe('evaluateSelfCheck', () => {
  it.each<[string, Partial<SelfCheckAnswers>, string, string[]]>([
    ['thoughts of suicide now', { suicidalThoughts: 'now' }, 'get_help_now', ['suicidal_thoughts_now']],
    ['thoughts of harming others', { harmOthers: 'yes' }, 'get_help_now', ['harm_others']],
    ['PHQ-9 item 9 answered 1', { phq9: phq9(1, 1) }, 'get_help_now', ['phq9_suicide_item']],
    [
      'suicide now outranks everything else',
      { suicidalThoughts: 'now', safeHome: 'no', canAttend: 'no' },
      'get_help_now',
      ['suicidal_thoughts_now'],
    ],
    ['thoughts of suicide in past weeks', { suicidalThoughts: 'recently' }, 'more_intensive', ['suicidal_thoughts_recent']],
    ['an attempt in past weeks', { recentAttempt: 'yes' }, 'more_intensive', ['recent_attempt']],
    ['withdrawal needing medical care', { withdrawalRisk: 'yes' }, 'more_intensive', ['withdrawal_risk']],
    ['no safe place to live', { safeHome: 'no' }, 'more_intensive', ['no_safe_home']],
    ['no safe home outranks not being able to attend', { safeHome: 'no', canAttend: 'no' }, 'more_intensive', ['no_safe_home']],
    ['cannot attend', { canAttend: 'no' }, 'outpatient', ['cannot_attend']],
    ['not sure about attending still leads to IOP', { canAttend: 'unsure' }, 'iop', ['daily_life_affected']],
    ['daily life affected a lot', {}, 'iop', ['daily_life_affected']],
    ['can hardly manage', { dailyImpact: 'cannot_manage' }, 'iop', ['daily_life_affected']],
    ['weekly therapy not enough', { dailyImpact: 'a_little', earlierTreatment: 'outpatient_not_enough' }, 'iop', ['outpatient_not_enough']],
    ['just out of hospital', { dailyImpact: 'a_little', earlierTreatment: 'hospital_recently' }, 'iop', ['after_hospital']],
    ['PHQ-9 of 9 stays outpatient', { dailyImpact: 'a_little', phq9: phq9(9) }, 'outpatient', ['mild_impact']],
    ['PHQ-9 of 10 points to IOP', { dailyImpact: 'a_little', phq9: phq9(10) }, 'iop', ['phq9_moderate_or_more']],
    ['GAD-7 of 9 stays outpatient', { dailyImpact: 'a_little', gad7: gad7(9) }, 'outpatient', ['mild_impact']],
    ['GAD-7 of 10 points to IOP', { dailyImpact: 'a_little', gad7: gad7(10) }, 'iop', ['gad7_moderate_or_more']],
    [
      'an incomplete PHQ-9 gives no total and no IOP reason',
      { dailyImpact: 'a_little', phq9: [3, 3, 3, 3, null, null, null, null, 0] },
      'outpatient',
      ['mild_impact'],
    ],
    [
      'mild impact and helpful therapy',
      { dailyImpact: 'a_little', earlierTreatment: 'outpatient_helping' },
      'outpatient',
      ['mild_impact', 'outpatient_helping'],
    ],
    ['limited support is named', { support: 'no' }, 'iop', ['daily_life_affected', 'limited_support']],
    ['keeping work or school is named for IOP', { commitments: 'yes' }, 'iop', ['daily_life_affected', 'keeps_commitments']],
  ])('%s', (_name, overrides, outcome, reasons) => {
    const result = evaluateSelfCheck(answers(overrides));
    expect(result.outcome).toBe(outcome);
    expect(result.reasons).toEqual(reasons);
  });

  it.each<[Partial<SelfCheckAnswers>, boolean]>([
    [{ suicidalThoughts: 'now' }, true],
    [{ phq9: phq9(1, 1) }, true],
    [{ suicidalThoughts: 'recently' }, false],
    [{ harmOthers: 'yes' }, false],
    [{}, false],
  ])('reports current suicidal thoughts for %j: %s', (overrides, current) => {
    expect(evaluateSelfCheck(answers(overrides)).currentSuicidalThoughts).toBe(current);
  });

  it('scores the questionnaires it was given and none it was not', () => {
    const result = evaluateSelfCheck(answers({ phq9: phq9(12), gad7: undefined }));
    expect(result.phq9).toMatchObject({ complete: true, total: 12, band: 'moderate' });
    expect(result.gad7).toBeNull();
  });
});

describe('parseSelfCheckForm', () => {
  it('round-trips answers through form fields', () => {
    const original = answers({ phq9: phq9(12), gad7: [1, null, 1, null, 1, null, 1] });
    const parsed = parseSelfCheckForm(selfCheckToForm(original));
    expect(parsed).toEqual({ ok: true, answers: original });
  });

  it('names every missing or unknown answer', () => {
    const form = selfCheckToForm(answers());
    delete form.safeHome;
    form.suicidalThoughts = 'maybe';
    form.phq9_2 = '7';
    const parsed = parseSelfCheckForm(form);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((issue) => issue.path)).toEqual(['suicidalThoughts', 'safeHome', 'phq9_2']);
  });

  it('treats a questionnaire left blank as skipped', () => {
    const parsed = parseSelfCheckForm(selfCheckToForm(answers()));
    expect(parsed.ok && parsed.answers.phq9).toBeUndefined();
  });
});
