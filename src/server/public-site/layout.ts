import { markup, type Html, type HtmlPart } from './html.js';
import type { MessageKey } from './i18n/en.js';
import { pathIn, type PageContext } from './model.js';

const NAV: readonly [string, MessageKey][] = [
  ['/', 'nav.home'],
  ['/programs', 'nav.programs'],
  ['/conditions', 'nav.conditions'],
  ['/inpatient-or-iop', 'nav.compare'],
  ['/a-week-in-iop', 'nav.week'],
  ['/self-check', 'nav.selfCheck'],
  ['/contact', 'nav.contact'],
];

/** 988, 911 and the Crisis Text Line: at the top of every public page (DOMAIN.md section 6). */
export function crisisStrip(ctx: PageContext): Html {
  const { t } = ctx;
  const spanish = t('crisis.988Spanish');
  return markup`<div class="crisis" role="region" aria-label="${t('crisis.label')}">
  <p><strong>${t('crisis.lead')}</strong>
  <a href="tel:988">${t('crisis.988')}</a> <span>(${t('crisis.988Name')}${spanish ? `; ${spanish}` : ''})</span> ·
  <a href="tel:911">${t('crisis.911')}</a> <span>${t('crisis.911Name')}</span> ·
  <a href="sms:741741?&amp;body=HOME">${t('crisis.text')}</a> <span>(${t('crisis.textName')})</span></p>
</div>`;
}

/** The crisis panel that comes first on a result that says "get help now". */
export function crisisPanel(ctx: PageContext, titleKey: MessageKey, bodyKey: MessageKey, level: 1 | 2 = 2): Html {
  const { t } = ctx;
  const heading = level === 1 ? markup`<h1 id="crisis-title">${t(titleKey)}</h1>` : markup`<h2 id="crisis-title">${t(titleKey)}</h2>`;
  return markup`<section class="crisis-panel" aria-labelledby="crisis-title">
  ${heading}
  <p>${t(bodyKey)}</p>
  <ul class="crisis-actions">
    <li><a class="button danger" href="tel:988">${t('crisis.988')}</a> ${t('crisis.988Name')}${ctx.lang === 'es' ? ` (${t('crisis.988Spanish')})` : ''}</li>
    <li><a class="button danger" href="tel:911">${t('crisis.911')}</a> ${t('crisis.911Name')}</li>
    <li><a class="button" href="sms:988">${t('crisis.text988')}</a> ${t('crisis.chat')}</li>
    <li><a class="button" href="sms:741741?&amp;body=HOME">${t('crisis.text')}</a> ${t('crisis.textName')}</li>
  </ul>
</section>`;
}

export function layout(ctx: PageContext, page: { title: string; body: HtmlPart }): string {
  const { t, lang, path, org } = ctx;
  const other = lang === 'en' ? 'es' : 'en';
  const siteName = org?.name ?? 'OpenIOP';
  const document = markup`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · ${siteName}</title>
<link rel="stylesheet" href="/public/site.css">
<link rel="alternate" hreflang="${other}" href="${pathIn(other, path)}">
</head>
<body>
<a class="skip" href="#main">${t('site.skip')}</a>
${crisisStrip(ctx)}
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="${pathIn(lang, '/')}">${org?.hasLogo ? markup`<img src="/public/logo?v=${org.settingsVersion}" alt="" width="40" height="40">` : null}<span>${siteName}</span></a>
    <a class="lang-switch" href="${pathIn(other, path)}" lang="${other}" hreflang="${other}" aria-label="${t('lang.otherLabel')}">${t('lang.other')}</a>
  </div>
  <nav class="wrap" aria-label="${t('nav.label')}">
    <ul>${NAV.map(
      ([target, key]) =>
        markup`<li><a href="${pathIn(lang, target)}"${target === path ? markup` aria-current="page"` : null}>${t(key)}</a></li>`,
    )}<li><a class="nav-cta" href="${pathIn(lang, '/inquiry')}"${path === '/inquiry' ? markup` aria-current="page"` : null}>${t('nav.inquiry')}</a></li></ul>
  </nav>
</header>
<main id="main" class="wrap" tabindex="-1">
${page.body}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>${t('footer.privacy')}</p>
    <p><a href="/app/login">${t('footer.staff')}</a></p>
  </div>
</footer>
</body>
</html>
`;
  return document.value;
}
