// The public site's information pages. Each returns a whole HTML document (layout.ts).
import { markup } from './html.js';
import type { MessageKey } from './i18n/en.js';
import { layout } from './layout.js';
import { pathIn, type PageContext } from './model.js';

export function homePage(ctx: PageContext): string {
  const { t, lang } = ctx;
  return layout(ctx, {
    title: t('nav.home'),
    body: markup`<h1>${t('home.title')}</h1>
<p class="lead">${t('home.lead')}</p>
<section aria-labelledby="cta-title" class="cta">
  <h2 id="cta-title">${t('home.ctaTitle')}</h2>
  <p class="actions">
    <a class="button primary" href="${pathIn(lang, '/self-check')}">${t('home.ctaSelfCheck')}</a>
    <a class="button" href="${pathIn(lang, '/inquiry')}">${t('home.ctaInquiry')}</a>
    <a class="button" href="${pathIn(lang, '/programs')}">${t('home.ctaPrograms')}</a>
  </p>
</section>
<section aria-labelledby="what-title"><h2 id="what-title">${t('home.whatTitle')}</h2><p>${t('home.whatBody')}</p></section>
<section aria-labelledby="who-title"><h2 id="who-title">${t('home.whoTitle')}</h2><p>${t('home.whoBody')}</p></section>`,
  });
}

const COMPARE_ROWS = ['setting', 'flexibility', 'approach', 'fits', 'continuity', 'cost'] as const;

export function comparePage(ctx: PageContext): string {
  const { t, lang } = ctx;
  const cell = (key: string) => t(key as MessageKey);
  return layout(ctx, {
    title: t('compare.title'),
    body: markup`<h1>${t('compare.title')}</h1>
<p class="lead">${t('compare.lead')}</p>
<div class="table-scroll">
<table class="compare">
  <caption>${t('compare.caption')}</caption>
  <thead><tr><th scope="col">${t('compare.topic')}</th><th scope="col">${t('compare.inpatient')}</th><th scope="col">${t('compare.iop')}</th></tr></thead>
  <tbody>${COMPARE_ROWS.map(
    (row) =>
      markup`<tr><th scope="row">${cell(`compare.${row}`)}</th><td>${cell(`compare.${row}.inpatient`)}</td><td>${cell(`compare.${row}.iop`)}</td></tr>`,
  )}</tbody>
</table>
</div>
<p>${t('compare.note')}</p>
<p class="actions"><a class="button primary" href="${pathIn(lang, '/self-check')}">${t('home.ctaSelfCheck')}</a>
<a class="button" href="${pathIn(lang, '/inquiry')}">${t('home.ctaInquiry')}</a></p>`,
  });
}

const WEEK_SECTIONS = ['groups', 'individual', 'psychiatry', 'family', 'checkins', 'life'] as const;

export function weekPage(ctx: PageContext): string {
  const { t, lang } = ctx;
  return layout(ctx, {
    title: t('week.title'),
    body: markup`<h1>${t('week.title')}</h1>
<p class="lead">${t('week.lead')}</p>
<div class="cards">${WEEK_SECTIONS.map(
      (section) =>
        markup`<section class="card" aria-labelledby="week-${section}"><h2 id="week-${section}">${t(`week.${section}Title` as MessageKey)}</h2><p>${t(`week.${section}Body` as MessageKey)}</p></section>`,
    )}</div>
<p class="actions"><a class="button primary" href="${pathIn(lang, '/programs')}">${t('home.ctaPrograms')}</a></p>`,
  });
}

export function contactPage(ctx: PageContext): string {
  const { t, lang, org } = ctx;
  return layout(ctx, {
    title: t('contact.title'),
    body: markup`<h1>${t('contact.title')}</h1>
<p class="lead">${t('contact.lead')}</p>
${org?.hasLogo ? markup`<p><img class="logo" src="/public/logo?v=${org.settingsVersion}" alt="${t('contact.logoAlt', { name: org.name })}" width="160"></p>` : null}
<h2>${org?.name ?? ''}</h2>
<dl class="facts">
  ${org?.phone ? markup`<dt>${t('contact.phone')}</dt><dd><a href="tel:${org.phone.replace(/[^\d+]/g, '')}">${org.phone}</a></dd>` : null}
  ${org?.email ? markup`<dt>${t('contact.email')}</dt><dd><a href="mailto:${org.email}">${org.email}</a></dd>` : null}
  ${org?.address ? markup`<dt>${t('contact.address')}</dt><dd class="address">${org.address}</dd>` : null}
  ${org && org.accreditations.length > 0 ? markup`<dt>${t('contact.accreditations')}</dt><dd><ul>${org.accreditations.map((item) => markup`<li>${item}</li>`)}</ul></dd>` : null}
</dl>
<p class="actions"><a class="button primary" href="${pathIn(lang, '/inquiry')}">${t('contact.form')}</a></p>`,
  });
}

export function notFoundPage(ctx: PageContext): string {
  const { t, lang } = ctx;
  return layout(ctx, {
    title: t('notFound.title'),
    body: markup`<h1>${t('notFound.title')}</h1><p>${t('notFound.body')}</p><p><a href="${pathIn(lang, '/')}">${t('notFound.home')}</a></p>`,
  });
}

export function notSetUpPage(ctx: PageContext): string {
  const { t } = ctx;
  return layout(ctx, { title: t('notSetUp.title'), body: markup`<h1>${t('notSetUp.title')}</h1><p>${t('notSetUp.body')}</p>` });
}

export function tooManyPage(ctx: PageContext): string {
  const { t } = ctx;
  return layout(ctx, { title: t('tooMany.title'), body: markup`<h1>${t('tooMany.title')}</h1><p>${t('tooMany.body')}</p>` });
}
