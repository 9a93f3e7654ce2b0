// The patient's safety plan behind a plan link (decision 0024): the crisis panel first, then the
// six parts of the current version. No site navigation, no script; print styles in site.css.
import type { SafetyPlanContent, SafetyPlanPartKey } from '../../domain/safety/safety-plan.js';
import { SAFETY_PLAN_PARTS } from '../../domain/safety/safety-plan.js';
import type { MessageKey } from './i18n/en.js';
import { markup, type Html, type HtmlPart } from './html.js';
import { crisisPanel, crisisStrip } from './layout.js';
import type { PageContext } from './model.js';

export type PlanPageInput = {
  name: string | null;
  plan: SafetyPlanContent;
  version: number;
  updatedAt: Date;
  center: { name: string; phone: string };
};

const PART_TITLE: Record<SafetyPlanPartKey, MessageKey> = {
  warningSigns: 'plan.part.warningSigns',
  internalCoping: 'plan.part.internalCoping',
  socialDistraction: 'plan.part.socialDistraction',
  peopleToAsk: 'plan.part.peopleToAsk',
  professionals: 'plan.part.professionals',
  safeEnvironment: 'plan.part.safeEnvironment',
};

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
${body}
${langSwitch === null ? null : markup`<p class="print-hint"><a href="${langSwitch}" lang="${other}" hreflang="${other}">${t('lang.other')}</a></p>`}
</main>
</body>
</html>`.toString();
}

function centerLine(ctx: PageContext, center: { name: string; phone: string }): Html {
  return markup`<p class="crisis-center"><a href="tel:${center.phone.replace(/[^0-9+]/g, '')}">${ctx.t('measure.centerPhone', { name: center.name, phone: center.phone })}</a></p>`;
}

function dateOf(ctx: PageContext, at: Date): string {
  return new Intl.DateTimeFormat(ctx.lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(at);
}

export function planPage(ctx: PageContext, input: PlanPageInput, langSwitch: string): string {
  const { t } = ctx;
  const title = input.name === null ? t('plan.title') : t('plan.titleNamed', { name: input.name });
  const parts = SAFETY_PLAN_PARTS.map((part, index) => {
    const entries = input.plan[part.key];
    return markup`<section class="plan-part" aria-labelledby="part-${part.key}">
  <h2 id="part-${part.key}">${index + 1}. ${t(PART_TITLE[part.key])}</h2>
  ${entries.length === 0 ? markup`<p>${t('plan.empty')}</p>` : markup`<ul>${entries.map((entry) => markup`<li>${entry}</li>`)}</ul>`}
</section>`;
  });
  return page(
    ctx,
    title,
    markup`${crisisPanel(ctx, 'crisis.lead', 'crisis.panelBody', 2)}${centerLine(ctx, input.center)}
<h1>${title}</h1>
<p class="lead">${t('plan.lead')}</p>
<p class="notice">${t('plan.updated', { version: input.version, date: dateOf(ctx, input.updatedAt) })}</p>
${parts}
<p class="print-hint">${t('plan.printHint')}</p>`,
    langSwitch,
  );
}

export function planGonePage(ctx: PageContext, reason: 'not_found' | 'gone'): string {
  const { t } = ctx;
  const [title, body] =
    reason === 'not_found' ? [t('plan.notFoundTitle'), t('plan.notFoundBody')] : [t('plan.goneTitle'), t('plan.goneBody')];
  return page(
    ctx,
    title,
    markup`${crisisPanel(ctx, 'crisis.lead', 'crisis.panelBody', 2)}<h1>${title}</h1><p class="lead">${body}</p>`,
    null,
  );
}
