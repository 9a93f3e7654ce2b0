// The self-check: a plain HTML form posted to the server, and the result page (no JavaScript).
import type { FieldIssue } from '../../domain/errors.js';
import { REASON_TEXT, type SelfCheckResult } from '../../domain/front-door/self-check.js';
import { SAFETY_QUESTIONS, SITUATION_QUESTIONS, type Question } from '../../domain/front-door/self-check-questions.js';
import { FREQUENCY_OPTIONS, type Label } from '../../domain/instruments/likert.js';
import { GAD7_ITEMS } from '../../domain/instruments/gad7.js';
import { PHQ9_ITEMS } from '../../domain/instruments/phq9.js';
import { markup, type Html } from './html.js';
import { crisisPanel, layout } from './layout.js';
import { pathIn, type PageContext } from './model.js';

type Values = Readonly<Record<string, string | undefined>>;

function radioGroup(ctx: PageContext, question: Question, values: Values, issues: readonly FieldIssue[]): Html {
  const { lang, t } = ctx;
  const invalid = issues.some((issue) => issue.path === question.id);
  return markup`<fieldset class="question${invalid ? ' invalid' : ''}"${invalid ? markup` aria-describedby="${question.id}-error"` : null}>
  <legend>${question.label[lang]}</legend>
  ${invalid ? markup`<p class="field-error" id="${question.id}-error">${t('selfCheck.missing')}</p>` : null}
  ${question.choices.map(
    (choice) =>
      markup`<label class="choice"><input type="radio" name="${question.id}" value="${choice.value}"${values[question.id] === choice.value ? markup` checked` : null} required> ${choice.label[lang]}</label>`,
  )}
</fieldset>`;
}

function instrument(ctx: PageContext, prefix: string, items: readonly Label[], values: Values): Html {
  const { lang } = ctx;
  return markup`${items.map((item, index) => {
    const name = `${prefix}_${index + 1}`;
    return markup`<fieldset class="question">
  <legend>${index + 1}. ${item[lang]}</legend>
  ${FREQUENCY_OPTIONS.map(
    (option) =>
      markup`<label class="choice"><input type="radio" name="${name}" value="${option.value}"${values[name] === String(option.value) ? markup` checked` : null}> ${option.label[lang]}</label>`,
  )}
</fieldset>`;
  })}`;
}

export function selfCheckFormPage(ctx: PageContext, values: Values = {}, issues: readonly FieldIssue[] = []): string {
  const { t, lang } = ctx;
  return layout(ctx, {
    title: t('selfCheck.title'),
    body: markup`<h1>${t('selfCheck.title')}</h1>
<p class="lead">${t('selfCheck.lead')}</p>
<p class="notice">${t('selfCheck.notDiagnosis')}</p>
${issues.length > 0 ? markup`<div class="error-summary" role="alert"><p>${t('selfCheck.errorsTitle')}</p></div>` : null}
<form method="post" action="${pathIn(lang, '/self-check')}" class="stack">
  <section aria-labelledby="safety-title"><h2 id="safety-title">${t('selfCheck.safetyTitle')}</h2>
  ${SAFETY_QUESTIONS.map((question) => radioGroup(ctx, question, values, issues))}</section>
  <section aria-labelledby="situation-title"><h2 id="situation-title">${t('selfCheck.situationTitle')}</h2>
  ${SITUATION_QUESTIONS.map((question) => radioGroup(ctx, question, values, issues))}</section>
  <section aria-labelledby="phq9-title"><h2 id="phq9-title">${t('selfCheck.phq9Title')}</h2><p>${t('selfCheck.phq9Lead')}</p>
  ${instrument(ctx, 'phq9', PHQ9_ITEMS, values)}</section>
  <section aria-labelledby="gad7-title"><h2 id="gad7-title">${t('selfCheck.gad7Title')}</h2><p>${t('selfCheck.gad7Lead')}</p>
  ${instrument(ctx, 'gad7', GAD7_ITEMS, values)}</section>
  <p><button type="submit" class="button primary">${t('selfCheck.submit')}</button></p>
</form>`,
  });
}

/** The answers as they travel to the inquiry form: base64url JSON of the form fields, checked again on arrival. */
export function encodeSelfCheck(form: Record<string, string>): string {
  return Buffer.from(JSON.stringify(form), 'utf8').toString('base64url');
}

export function decodeSelfCheck(encoded: string): Record<string, string> | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const form: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') form[key] = value;
    return form;
  } catch {
    return null;
  }
}

function scores(ctx: PageContext, result: SelfCheckResult): Html {
  const { t } = ctx;
  const line = (name: string, score: { complete: boolean; total: number | null } | null, max: number) =>
    score === null
      ? null
      : markup`<li>${score.complete ? t('selfCheck.score', { name, total: score.total ?? 0, max }) : t('selfCheck.scoreIncomplete', { name })}</li>`;
  if (result.phq9 === null && result.gad7 === null) return markup``;
  return markup`<ul>${line('PHQ-9', result.phq9, 27)}${line('GAD-7', result.gad7, 21)}</ul>`;
}

export function selfCheckResultPage(ctx: PageContext, result: SelfCheckResult, encoded: string): string {
  const { t, lang } = ctx;
  const outcome = result.outcome;
  const urgent = outcome === 'get_help_now';
  const reasons = markup`<h2>${t('selfCheck.reasonsTitle')}</h2><ul>${result.reasons.map((code) => markup`<li>${REASON_TEXT[code][lang]}</li>`)}</ul>${scores(ctx, result)}`;
  const send = markup`<section class="card" aria-labelledby="send-title">
  <h2 id="send-title">${t('selfCheck.sendTitle')}</h2>
  <p>${t('selfCheck.sendLead')}</p>
  <form method="post" action="${pathIn(lang, '/inquiry/with-self-check')}">
    <input type="hidden" name="selfCheck" value="${encoded}">
    <p><label class="choice"><input type="checkbox" name="sendSelfCheck" value="yes" required> ${t('selfCheck.sendConsent')}</label></p>
    <p><button type="submit" class="button${urgent ? '' : ' primary'}">${t('selfCheck.sendButton')}</button></p>
  </form>
  <p><a href="${pathIn(lang, '/inquiry')}">${t('selfCheck.contactWithout')}</a></p>
</section>`;
  const body = urgent
    ? markup`<div class="crisis-first">${crisisPanel(ctx, 'selfCheck.outcome.get_help_now.title', 'selfCheck.outcome.get_help_now.body', 1)}</div>
<p class="notice">${t('selfCheck.notDiagnosis')}</p>
${reasons}
${send}`
    : markup`<h1>${t('selfCheck.resultTitle')}: ${t(`selfCheck.outcome.${outcome}.title`)}</h1>
<p class="lead">${t(`selfCheck.outcome.${outcome}.body`)}</p>
<p class="notice">${t('selfCheck.notDiagnosis')}</p>
${reasons}
${send}
${crisisPanel(ctx, 'crisis.lead', 'crisis.panelBody', 2)}`;
  return layout(ctx, {
    title: `${t('selfCheck.resultTitle')} · ${t('selfCheck.title')}`,
    body: markup`${body}<p><a href="${pathIn(lang, '/self-check')}">${t('selfCheck.retake')}</a></p>`,
  });
}
