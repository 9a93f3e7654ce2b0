// "Is an IOP right for me?": the public self-check's rules. Pure. Never a diagnosis: every result
// says so and routes to a clinician; safety answers decide before anything else.
// Rules and their sources: docs/domain/self-check.md (DOMAIN.md sections 2, 4, 5, 6).
import type { FieldIssue } from '../errors.js';
import { GAD7_EVALUATION_THRESHOLD, scoreGad7, type Gad7Score } from '../instruments/gad7.js';
import type { Label } from '../instruments/likert.js';
import { scorePhq9, type Phq9Score } from '../instruments/phq9.js';
import { SAFETY_QUESTIONS, SITUATION_QUESTIONS } from './self-check-questions.js';

type ChoiceOf<Q> = Q extends { choices: readonly { value: infer V }[] } ? V : never;
type QuestionsById<Qs extends readonly { id: string }[]> = { [Q in Qs[number] as Q['id']]: ChoiceOf<Q> };

export type SafetyAnswers = QuestionsById<typeof SAFETY_QUESTIONS>;
export type SituationAnswers = QuestionsById<typeof SITUATION_QUESTIONS>;

export type SelfCheckAnswers = SafetyAnswers &
  SituationAnswers & {
    /** 9 answers 0-3 or null; absent when the visitor skipped the questionnaire. */
    phq9?: (number | null)[] | undefined;
    gad7?: (number | null)[] | undefined;
  };

export type SelfCheckOutcome = 'get_help_now' | 'more_intensive' | 'iop' | 'outpatient';

export type ReasonCode =
  | 'suicidal_thoughts_now'
  | 'harm_others'
  | 'phq9_suicide_item'
  | 'suicidal_thoughts_recent'
  | 'recent_attempt'
  | 'withdrawal_risk'
  | 'no_safe_home'
  | 'cannot_attend'
  | 'outpatient_not_enough'
  | 'after_hospital'
  | 'daily_life_affected'
  | 'phq9_moderate_or_more'
  | 'gad7_moderate_or_more'
  | 'mild_impact'
  | 'outpatient_helping'
  | 'limited_support'
  | 'keeps_commitments';

export type SelfCheckResult = {
  outcome: SelfCheckOutcome;
  reasons: ReasonCode[];
  /** Reports thoughts of suicide now (or a positive PHQ-9 item 9): a sent self-check makes the inquiry urgent. */
  currentSuicidalThoughts: boolean;
  phq9: Phq9Score | null;
  gad7: Gad7Score | null;
};

export const SELF_CHECK_VERSION = 1;

const answered = (items: readonly (number | null)[] | undefined): boolean => items !== undefined && items.some((item) => item !== null);

/**
 * The highest-risk answer drives the result (DOMAIN.md section 5):
 * 1. thoughts of suicide now, of harming others, or PHQ-9 item 9 above 0 → get help now;
 * 2. thoughts of suicide in past weeks, an attempt in past weeks, withdrawal needing medical care,
 *    or no safe place to live → a more intensive level (inpatient or PHP evaluation);
 * 3. cannot attend several hours a day 3-5 days a week → outpatient;
 * 4. weekly therapy not enough, just out of hospital, daily life affected a lot, or PHQ-9/GAD-7 of
 *    10 or more → IOP; otherwise outpatient.
 */
export function evaluateSelfCheck(answers: SelfCheckAnswers): SelfCheckResult {
  const phq9 = answered(answers.phq9) ? scorePhq9(answers.phq9 ?? []) : null;
  const gad7 = answered(answers.gad7) ? scoreGad7(answers.gad7 ?? []) : null;
  const base = { phq9, gad7 };

  const crisis: ReasonCode[] = [];
  if (answers.suicidalThoughts === 'now') crisis.push('suicidal_thoughts_now');
  if (answers.harmOthers === 'yes') crisis.push('harm_others');
  if (phq9?.suicideItemPositive) crisis.push('phq9_suicide_item');
  const currentSuicidalThoughts = answers.suicidalThoughts === 'now' || phq9?.suicideItemPositive === true;
  if (crisis.length > 0) return { ...base, outcome: 'get_help_now', reasons: crisis, currentSuicidalThoughts };

  const intensive: ReasonCode[] = [];
  if (answers.suicidalThoughts === 'recently') intensive.push('suicidal_thoughts_recent');
  if (answers.recentAttempt === 'yes') intensive.push('recent_attempt');
  if (answers.withdrawalRisk === 'yes') intensive.push('withdrawal_risk');
  if (answers.safeHome === 'no') intensive.push('no_safe_home');
  if (intensive.length > 0) return { ...base, outcome: 'more_intensive', reasons: intensive, currentSuicidalThoughts };

  const notes: ReasonCode[] = [];
  if (answers.support === 'no') notes.push('limited_support');
  if (answers.canAttend === 'no') return { ...base, outcome: 'outpatient', reasons: ['cannot_attend', ...notes], currentSuicidalThoughts };

  const iop: ReasonCode[] = [];
  if (answers.earlierTreatment === 'outpatient_not_enough') iop.push('outpatient_not_enough');
  if (answers.earlierTreatment === 'hospital_recently') iop.push('after_hospital');
  if (answers.dailyImpact === 'a_lot' || answers.dailyImpact === 'cannot_manage') iop.push('daily_life_affected');
  if (phq9?.complete && phq9.total >= 10) iop.push('phq9_moderate_or_more');
  if (gad7?.complete && gad7.total >= GAD7_EVALUATION_THRESHOLD) iop.push('gad7_moderate_or_more');
  if (iop.length > 0) {
    if (answers.commitments === 'yes') notes.push('keeps_commitments');
    return { ...base, outcome: 'iop', reasons: [...iop, ...notes], currentSuicidalThoughts };
  }

  const outpatient: ReasonCode[] = [];
  if (answers.dailyImpact === 'a_little') outpatient.push('mild_impact');
  if (answers.earlierTreatment === 'outpatient_helping') outpatient.push('outpatient_helping');
  return { ...base, outcome: 'outpatient', reasons: [...outpatient, ...notes], currentSuicidalThoughts };
}

export const REASON_TEXT: Readonly<Record<ReasonCode, Label>> = {
  suicidal_thoughts_now: {
    en: 'You said you are having thoughts of ending your life right now.',
    es: 'Nos dijo que ahora mismo tiene pensamientos de quitarse la vida.',
  },
  harm_others: {
    en: 'You said you are having thoughts of harming someone else.',
    es: 'Nos dijo que tiene pensamientos de hacerle daño a otra persona.',
  },
  phq9_suicide_item: {
    en: 'You said that in the past two weeks you had thoughts that you would be better off dead or of hurting yourself.',
    es: 'Nos dijo que en las últimas dos semanas pensó que estaría mejor muerto o en hacerse daño.',
  },
  suicidal_thoughts_recent: {
    en: 'You had thoughts of ending your life in the past few weeks.',
    es: 'En las últimas semanas tuvo pensamientos de quitarse la vida.',
  },
  recent_attempt: {
    en: 'You tried to end your life in the past few weeks.',
    es: 'En las últimas semanas intentó quitarse la vida.',
  },
  withdrawal_risk: {
    en: 'Stopping alcohol or drugs could need medical care for withdrawal.',
    es: 'Dejar el alcohol o las drogas podría requerir atención médica por la abstinencia.',
  },
  no_safe_home: {
    en: 'You do not have a safe and stable place to live right now.',
    es: 'En este momento no tiene un lugar seguro y estable donde vivir.',
  },
  cannot_attend: {
    en: 'An IOP takes about 3 hours a day, 3 to 5 days a week, and that does not fit your life now.',
    es: 'Un IOP requiere unas 3 horas al día, de 3 a 5 días por semana, y eso no encaja ahora en su vida.',
  },
  outpatient_not_enough: {
    en: 'Weekly therapy has not been enough.',
    es: 'La terapia semanal no ha sido suficiente.',
  },
  after_hospital: {
    en: 'You recently left a hospital or day program; an IOP is a common next step.',
    es: 'Hace poco salió de un hospital o programa de día; un IOP es un paso habitual después.',
  },
  daily_life_affected: {
    en: 'Your struggles get in the way of daily life a lot.',
    es: 'Sus dificultades le afectan mucho en la vida diaria.',
  },
  phq9_moderate_or_more: {
    en: 'Your depression questionnaire (PHQ-9) score is 10 or more.',
    es: 'Su puntuación en el cuestionario de depresión (PHQ-9) es de 10 o más.',
  },
  gad7_moderate_or_more: {
    en: 'Your anxiety questionnaire (GAD-7) score is 10 or more.',
    es: 'Su puntuación en el cuestionario de ansiedad (GAD-7) es de 10 o más.',
  },
  mild_impact: {
    en: 'Your struggles get in the way of daily life a little.',
    es: 'Sus dificultades le afectan un poco en la vida diaria.',
  },
  outpatient_helping: {
    en: 'Weekly therapy is helping you.',
    es: 'La terapia semanal le está ayudando.',
  },
  limited_support: {
    en: 'You do not have much support around you; we can help you find some.',
    es: 'No tiene mucho apoyo a su alrededor; podemos ayudarle a encontrarlo.',
  },
  keeps_commitments: {
    en: 'An IOP lets you keep living at home and keep work or school going.',
    es: 'Un IOP le permite seguir viviendo en casa y mantener el trabajo o los estudios.',
  },
};

/** The visitor's form fields (strings) to answers, or the fields that are missing or not one of the choices. */
export function parseSelfCheckForm(
  form: Readonly<Record<string, string | undefined>>,
): { ok: true; answers: SelfCheckAnswers } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const picked: Record<string, string> = {};
  for (const question of [...SAFETY_QUESTIONS, ...SITUATION_QUESTIONS]) {
    const value = form[question.id];
    const choices: readonly string[] = question.choices.map((choice) => choice.value);
    if (value === undefined || value === '') issues.push({ path: question.id, message: 'choose an answer' });
    else if (!choices.includes(value)) issues.push({ path: question.id, message: 'is not one of the choices' });
    else picked[question.id] = value;
  }
  const phq9 = items(form, 'phq9', 9, issues);
  const gad7 = items(form, 'gad7', 7, issues);
  if (issues.length > 0) return { ok: false, issues };
  // Every question id was checked against its own choices just above.
  const answers = { ...picked, phq9, gad7 } as SelfCheckAnswers;
  return { ok: true, answers };
}

function items(form: Readonly<Record<string, string | undefined>>, prefix: string, count: number, issues: FieldIssue[]) {
  const values: (number | null)[] = [];
  for (let index = 1; index <= count; index++) {
    const raw = form[`${prefix}_${index}`];
    if (raw === undefined || raw === '') values.push(null);
    else if (/^[0-3]$/.test(raw)) values.push(Number(raw));
    else {
      issues.push({ path: `${prefix}_${index}`, message: 'must be 0, 1, 2 or 3' });
      values.push(null);
    }
  }
  return values.some((value) => value !== null) ? values : undefined;
}

/** Answers back to form fields, so they can travel in a hidden field and be checked again. */
export function selfCheckToForm(answers: SelfCheckAnswers): Record<string, string> {
  const form: Record<string, string> = {};
  const byId: Readonly<Record<string, unknown>> = answers;
  for (const question of [...SAFETY_QUESTIONS, ...SITUATION_QUESTIONS]) form[question.id] = String(byId[question.id]);
  answers.phq9?.forEach((value, index) => {
    if (value !== null) form[`phq9_${index + 1}`] = String(value);
  });
  answers.gad7?.forEach((value, index) => {
    if (value !== null) form[`gad7_${index + 1}`] = String(value);
  });
  return form;
}
