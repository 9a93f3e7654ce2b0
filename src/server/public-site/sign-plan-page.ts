// The treatment plan a patient reads and signs through a one-time link (decision 0026): the crisis
// strip first, then the plan in plain words and a form (typed full name, "I have read and agree").
// No site navigation, no script. In English or Spanish (decision 0031): every fixed string comes from
// the public site's dictionaries; what the clinician typed (problems, goals, objectives) is shown as
// written.
import { escapeHtml, Html, markup, type HtmlPart } from './html.js';
import type { MessageKey } from './i18n/en.js';
import { crisisStrip } from './layout.js';
import type { PageContext } from './model.js';

export type SignPlanView = {
  greeting: string | null;
  programName: string;
  planVersion: number;
  clinicianName: string;
  /** Local dates (YYYY-MM-DD), formatted here in the page's language. */
  clinicianSignedOn: string;
  reviewDueOn: string | null;
  plannedDaysPerWeek: number | null;
  plannedMinutesPerWeek: number | null;
  strengths: string;
  problems: {
    statement: string;
    diagnosisCodes: string[];
    goals: {
      statement: string;
      objectives: { statement: string; targetDate: string }[];
      /** responsible is null when the staff member is no longer found: the page says "your care team". */
      interventions: { description: string; modality: string; frequency: string; responsible: string | null }[];
    }[];
  }[];
};

export type SignFormState = { signedName: string; missing: readonly ('signedName' | 'agreed')[] };

/** langSwitch: the same page in the other language, a plain link (no script) that keeps the token. */
function page(ctx: PageContext, title: string, body: HtmlPart, langSwitch: string | null): string {
  const { t, lang } = ctx;
  const other = lang === 'en' ? 'es' : 'en';
  return markup`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="stylesheet" href="/public/site.css">
</head>
<body>
<a class="skip" href="#main">${t('site.skip')}</a>
${crisisStrip(ctx)}
<main id="main" class="wrap" tabindex="-1">
${langSwitch === null ? null : markup`<p><a href="${langSwitch}" lang="${other}" hreflang="${other}" aria-label="${t('lang.otherLabel')}">${t('lang.other')}</a></p>`}
${body}
</main>
</body>
</html>`.toString();
}

/** A dictionary text whose {placeholders} take markup (e.g. <strong>); the rest of the text is escaped. */
function withMarkup(template: string, values: Record<string, HtmlPart>): Html {
  const pieces = template.split(/\{(\w+)\}/);
  let out = '';
  pieces.forEach((piece, index) => {
    if (index % 2 === 0) out += escapeHtml(piece);
    else out += piece in values ? markup`${values[piece]}`.value : escapeHtml(`{${piece}}`);
  });
  return new Html(out);
}

function counted(ctx: PageContext, count: number, unit: 'days' | 'hours' | 'minutes'): string {
  const form = new Intl.PluralRules(ctx.lang === 'es' ? 'es-US' : 'en-US').select(count) === 'one' ? 'one' : 'other';
  const key: MessageKey = `signPlan.${unit}.${form}`;
  return ctx.t(key, { count });
}

export function duration(ctx: PageContext, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return counted(ctx, m, 'minutes');
  if (m === 0) return counted(ctx, h, 'hours');
  return ctx.t('signPlan.hoursAndMinutes', { hours: counted(ctx, h, 'hours'), minutes: counted(ctx, m, 'minutes') });
}

/** A local date (YYYY-MM-DD) in words: "January 31, 2099" or "31 de enero de 2099". */
export function localDateText(ctx: PageContext, localDate: string): string {
  const at = new Date(`${localDate}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return localDate;
  return new Intl.DateTimeFormat(ctx.lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(at);
}

function problemSection(ctx: PageContext, problem: SignPlanView['problems'][number], index: number): Html {
  const { t } = ctx;
  const goals = problem.goals.map(
    (goal) => markup`<h3>${t('signPlan.goal', { goal: goal.statement })}</h3>
<p>${t('signPlan.objectivesLead')}</p>
<ul>${goal.objectives.map((o) => markup`<li>${o.statement} <strong>${t('signPlan.objectiveBy', { date: localDateText(ctx, o.targetDate) })}</strong></li>`)}</ul>
<p>${t('signPlan.interventionsLead')}</p>
<ul>${goal.interventions.map(
      (i) =>
        markup`<li>${i.modality}${i.description === '' ? null : markup`: ${i.description}`}, ${i.frequency} (${i.responsible ?? t('signPlan.careTeam')})</li>`,
    )}</ul>`,
  );
  return markup`<section class="plan-part" aria-labelledby="problem-${index}">
<h2 id="problem-${index}">${index + 1}. ${problem.statement}</h2>
${problem.diagnosisCodes.length === 0 ? null : markup`<p>${t('signPlan.diagnosisCodes', { codes: problem.diagnosisCodes.join(', ') })}</p>`}
${goals}
</section>`;
}

export function signPlanPage(ctx: PageContext, view: SignPlanView, action: string, form: SignFormState, langSwitch: string | null): string {
  const { t } = ctx;
  const title = view.greeting === null ? t('signPlan.title') : t('signPlan.titleNamed', { name: view.greeting });
  const nameError = form.missing.includes('signedName');
  const agreeError = form.missing.includes('agreed');
  const intensity =
    view.plannedDaysPerWeek === null || view.plannedMinutesPerWeek === null
      ? null
      : markup`<p>${withMarkup(t('signPlan.intensity'), {
          days: markup`<strong>${counted(ctx, view.plannedDaysPerWeek, 'days')}</strong>`,
          time: markup`<strong>${duration(ctx, view.plannedMinutesPerWeek)}</strong>`,
          program: view.programName,
        })}</p>`;
  const lead = t('signPlan.lead', {
    version: view.planVersion,
    clinician: view.clinicianName,
    date: view.clinicianSignedOn === '' ? '' : localDateText(ctx, view.clinicianSignedOn),
  });
  return page(
    ctx,
    title,
    markup`<h1>${title}</h1>
<p class="lead">${lead}</p>
<p>${t('signPlan.notAgreed')}</p>
${intensity}
${view.reviewDueOn === null ? null : markup`<p>${t('signPlan.reviewBy', { date: localDateText(ctx, view.reviewDueOn) })}</p>`}
${view.strengths === '' ? null : markup`<section class="plan-part" aria-labelledby="strengths"><h2 id="strengths">${t('signPlan.strengths')}</h2><p>${view.strengths}</p></section>`}
${view.problems.map((problem, index) => problemSection(ctx, problem, index))}
<form method="post" action="${action}" class="sign-form" aria-labelledby="sign-title" novalidate>
<h2 id="sign-title">${t('signPlan.formTitle')}</h2>
${form.missing.length > 0 ? markup`<div class="error-summary" role="alert"><p>${t('signPlan.errorSummary')}</p></div>` : null}
<div class="question"><label for="signedName">${t('signPlan.nameLabel')}</label>
${nameError ? markup`<p class="field-error" id="signedName-error">${t('signPlan.nameMissing')}</p>` : null}
<input id="signedName" name="signedName" type="text" autocomplete="name" maxlength="200" required value="${form.signedName}"${nameError ? markup` aria-describedby="signedName-error" aria-invalid="true"` : null}></div>
<div class="question">
${agreeError ? markup`<p class="field-error" id="agreed-error">${t('signPlan.agreedMissing')}</p>` : null}
<input id="agreed" name="agreed" type="checkbox" value="yes"${agreeError ? markup` aria-describedby="agreed-error" aria-invalid="true"` : null}> <label for="agreed">${t('signPlan.agreed')}</label></div>
<p><button type="submit">${t('signPlan.submit')}</button></p>
</form>`,
    langSwitch,
  );
}

export function signedPlanPage(ctx: PageContext, planVersion: number): string {
  const { t } = ctx;
  const title = t('signPlan.signedTitle');
  return page(
    ctx,
    title,
    markup`<h1>${title}</h1>
<p class="lead">${t('signPlan.signedBody', { version: planVersion })}</p>`,
    null,
  );
}

export function signPlanGonePage(ctx: PageContext, reason: 'not_found' | 'gone', langSwitch: string | null): string {
  const { t } = ctx;
  const [title, body] =
    reason === 'not_found' ? [t('signPlan.notFoundTitle'), t('signPlan.notFoundBody')] : [t('signPlan.goneTitle'), t('signPlan.goneBody')];
  return page(ctx, title, markup`<h1>${title}</h1><p class="lead">${body}</p>`, langSwitch);
}
