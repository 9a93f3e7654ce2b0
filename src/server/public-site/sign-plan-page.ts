// The treatment plan a patient reads and signs through a one-time link (decision 0026): the crisis
// strip first, then the plan in plain words and a form (typed full name, "I have read and agree").
// No site navigation, no script. English only for now: the plan itself is written in English.
import { markup, type Html, type HtmlPart } from './html.js';
import { crisisStrip } from './layout.js';
import type { PageContext } from './model.js';

export type SignPlanView = {
  greeting: string | null;
  programName: string;
  planVersion: number;
  clinicianName: string;
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
      interventions: { description: string; modality: string; frequency: string; responsible: string }[];
    }[];
  }[];
};

export type SignFormState = { signedName: string; missing: readonly ('signedName' | 'agreed')[] };

const STATUS_TITLE = 'Your treatment plan';

function page(ctx: PageContext, title: string, body: HtmlPart): string {
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="stylesheet" href="/public/site.css">
</head>
<body>
<a class="skip" href="#main">${ctx.t('site.skip')}</a>
${crisisStrip(ctx)}
<main id="main" class="wrap" tabindex="-1">
${body}
</main>
</body>
</html>`.toString();
}

function hours(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} minutes`;
  return m === 0 ? `${h} hours` : `${h} hours ${m} minutes`;
}

function problemSection(problem: SignPlanView['problems'][number], index: number): Html {
  const goals = problem.goals.map(
    (goal) => markup`<h3>Goal: ${goal.statement}</h3>
<p>What you will work toward, and by when:</p>
<ul>${goal.objectives.map((o) => markup`<li>${o.statement} <strong>(by ${o.targetDate})</strong></li>`)}</ul>
<p>How your care team will help:</p>
<ul>${goal.interventions.map(
      (i) => markup`<li>${i.modality}${i.description === '' ? null : markup`: ${i.description}`}, ${i.frequency} (${i.responsible})</li>`,
    )}</ul>`,
  );
  return markup`<section class="plan-part" aria-labelledby="problem-${index}">
<h2 id="problem-${index}">${index + 1}. ${problem.statement}</h2>
${problem.diagnosisCodes.length === 0 ? null : markup`<p>Diagnosis codes: ${problem.diagnosisCodes.join(', ')}</p>`}
${goals}
</section>`;
}

export function signPlanPage(ctx: PageContext, view: SignPlanView, action: string, form: SignFormState): string {
  const title = view.greeting === null ? STATUS_TITLE : `${view.greeting}, here is your treatment plan`;
  const nameError = form.missing.includes('signedName');
  const agreeError = form.missing.includes('agreed');
  const intensity =
    view.plannedDaysPerWeek === null || view.plannedMinutesPerWeek === null
      ? null
      : markup`<p>You and your care team plan <strong>${view.plannedDaysPerWeek} days</strong> and <strong>${hours(view.plannedMinutesPerWeek)}</strong> of ${view.programName} a week.</p>`;
  return page(
    ctx,
    title,
    markup`<h1>${title}</h1>
<p class="lead">Version ${view.planVersion} of your plan, written with ${view.clinicianName} and signed by them on ${view.clinicianSignedOn}. Please read it. If it says what you and your care team agreed, sign it at the bottom. If not, do not sign: talk to your care team at your next visit.</p>
${intensity}
${view.reviewDueOn === null ? null : markup`<p>Your care team will review the plan with you by ${view.reviewDueOn}.</p>`}
${view.strengths === '' ? null : markup`<section class="plan-part" aria-labelledby="strengths"><h2 id="strengths">In your words</h2><p>${view.strengths}</p></section>`}
${view.problems.map(problemSection)}
<form method="post" action="${action}" class="sign-form" aria-labelledby="sign-title" novalidate>
<h2 id="sign-title">Sign your plan</h2>
${form.missing.length > 0 ? markup`<div class="error-summary" role="alert"><p>Please fix the fields marked below.</p></div>` : null}
<div class="question"><label for="signedName">Your full name</label>
${nameError ? markup`<p class="field-error" id="signedName-error">Type your full name to sign.</p>` : null}
<input id="signedName" name="signedName" type="text" autocomplete="name" maxlength="200" required value="${form.signedName}"${nameError ? markup` aria-describedby="signedName-error" aria-invalid="true"` : null}></div>
<div class="question">
${agreeError ? markup`<p class="field-error" id="agreed-error">Check the box if you have read the plan and agree with it.</p>` : null}
<input id="agreed" name="agreed" type="checkbox" value="yes"${agreeError ? markup` aria-describedby="agreed-error" aria-invalid="true"` : null}> <label for="agreed">I have read this treatment plan and I agree with it</label></div>
<p><button type="submit">Sign my plan</button></p>
</form>`,
  );
}

export function signedPlanPage(ctx: PageContext, planVersion: number): string {
  return page(
    ctx,
    'Thank you: your plan is signed',
    markup`<h1>Thank you: your plan is signed</h1>
<p class="lead">Your signature on version ${planVersion} of your treatment plan is recorded. Your care team will see it. This link no longer works.</p>`,
  );
}

export function signPlanGonePage(ctx: PageContext, reason: 'not_found' | 'gone'): string {
  const [title, body] =
    reason === 'not_found'
      ? ['This link is not valid', 'Please check the link, or ask your care team for a new one.']
      : [
          'This link no longer works',
          'It was already used, has expired or was withdrawn. Please ask your care team for a new link to sign your plan.',
        ];
  return page(ctx, title, markup`<h1>${title}</h1><p class="lead">${body}</p>`);
}
