// The questionnaire a patient answers through a measure link or on a clinic tablet (decision 0022):
// only the questionnaire, under the crisis strip. No site navigation, no patient data, no script.
import type { Instrument, Text } from '../../domain/instruments/instrument.js';
import { markup, type Html, type HtmlPart } from './html.js';
import { crisisPanel, crisisStrip } from './layout.js';
import type { PageContext } from './model.js';

export type Center = { name: string; phone: string };

function text(ctx: PageContext, value: Text): string {
  return ctx.lang === 'es' ? (value.es ?? value.en) : value.en;
}

/** The text in the page's language; an instrument without a free Spanish version stays English, marked so. */
function shown(ctx: PageContext, value: Text): Html {
  if (ctx.lang === 'es' && value.es === undefined) return markup`<span lang="en">${value.en}</span>`;
  return markup`${text(ctx, value)}`;
}

function page(ctx: PageContext, title: string, body: HtmlPart): string {
  const { t, lang } = ctx;
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
</main>
</body>
</html>`.toString();
}

function centerLine(ctx: PageContext, center: Center): Html {
  return markup`<p class="crisis-center"><a href="tel:${center.phone.replace(/[^0-9+]/g, '')}">${ctx.t('measure.centerPhone', { name: center.name, phone: center.phone })}</a></p>`;
}

export type FormState = { values: Readonly<Record<string, string>>; missing: readonly string[]; formKey: string };

export function measureFormPage(ctx: PageContext, instrument: Instrument, action: string, state: FormState): string {
  const { t } = ctx;
  const missing = new Set(state.missing);
  const items = instrument.items.map((item) => {
    const name = `item_${item.id}`;
    const invalid = missing.has(item.id);
    const errorId = `${name}-error`;
    const error = invalid ? markup`<p class="field-error" id="${errorId}">${t('measure.missingItem')}</p>` : null;
    const described = invalid ? markup` aria-describedby="${errorId}"` : null;
    if (item.kind === 'text') {
      return markup`<div class="question"><label for="${name}">${item.id}. ${shown(ctx, item.text)}</label>${error}
  <textarea id="${name}" name="${name}" rows="3" maxlength="2000"${described}>${state.values[name] ?? ''}</textarea></div>`;
    }
    return markup`<fieldset class="question${invalid ? ' invalid' : ''}"${described}>
  <legend>${item.id}. ${shown(ctx, item.text)}</legend>
  ${error}
  ${item.options.map(
    (option) =>
      markup`<label class="choice"><input type="radio" name="${name}" value="${option.value}"${state.values[name] === String(option.value) ? markup` checked` : null}> ${shown(ctx, option.label)}</label>`,
  )}
</fieldset>`;
  });
  const summary =
    state.missing.length > 0
      ? markup`<div class="error-summary" role="alert"><p>${t('measure.missingSummary', { items: state.missing.join(', ') })}</p></div>`
      : null;
  return page(
    ctx,
    `${text(ctx, instrument.title)} · ${t('measure.title')}`,
    markup`<h1>${shown(ctx, instrument.title)}</h1>
<p class="lead">${t('measure.lead')}</p>
<p>${shown(ctx, instrument.instructions)}</p>
<p class="notice">${t('measure.notDiagnosis')}</p>
${summary}
<form method="post" action="${action}" class="stack">
  <input type="hidden" name="formKey" value="${state.formKey}">
  ${items}
  <p><button type="submit" class="button primary">${t('measure.submit')}</button></p>
</form>`,
  );
}

/** After submission: with a suicide-risk answer the crisis panel comes first, before anything else. */
export function measureDonePage(ctx: PageContext, input: { suicideRisk: boolean; kiosk: boolean; center: Center }): string {
  const { t } = ctx;
  const title = input.kiosk ? t('measure.kioskThanksTitle') : t('measure.thanksTitle');
  const thanks = input.kiosk ? t('measure.kioskThanksBody') : t('measure.thanksBody');
  const body = input.suicideRisk
    ? markup`<div class="crisis-first">${crisisPanel(ctx, 'measure.riskTitle', 'measure.riskBody', 1)}${centerLine(ctx, input.center)}</div>
<h2>${title}</h2>
<p>${thanks}</p>`
    : markup`<h1>${title}</h1>
<p class="lead">${thanks}</p>
${crisisPanel(ctx, 'crisis.lead', 'crisis.panelBody', 2)}${centerLine(ctx, input.center)}`;
  return page(ctx, title, body);
}

export function measureGonePage(ctx: PageContext, reason: 'not_found' | 'used' | 'expired'): string {
  const { t } = ctx;
  const [title, body] =
    reason === 'not_found'
      ? [t('measure.notFoundTitle'), t('measure.notFoundBody')]
      : reason === 'used'
        ? [t('measure.usedTitle'), t('measure.usedBody')]
        : [t('measure.expiredTitle'), t('measure.expiredBody')];
  return page(ctx, title, markup`<h1>${title}</h1><p class="lead">${body}</p>${crisisPanel(ctx, 'crisis.lead', 'crisis.panelBody', 2)}`);
}
