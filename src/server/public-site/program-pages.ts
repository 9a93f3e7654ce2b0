// Programs, one program, and the conditions we treat: built from published, active programs.
import { CONDITIONS } from '../../domain/programs/conditions.js';
import { formatSchedulePattern } from '../../domain/front-door/schedule-pattern.js';
import { markup, type Html } from './html.js';
import type { MessageKey } from './i18n/en.js';
import { layout } from './layout.js';
import { pathIn, type PageContext, type PublicProgram } from './model.js';

function facts(ctx: PageContext, program: PublicProgram): Html {
  const { t, lang } = ctx;
  const schedule = formatSchedulePattern(program.schedule, lang);
  return markup`<dl class="facts">
  <dt>${t('programs.level')}</dt><dd>${t(`level.${program.levelOfCare}`)}</dd>
  <dt>${t('programs.schedule')}</dt><dd>${schedule || t('programs.scheduleTbd')}${schedule ? markup` <span class="muted">${t('programs.timeZoneNote', { site: program.siteName })}</span>` : null}</dd>
  <dt>${t('programs.format')}</dt><dd>${t(`format.${program.format}`)}</dd>
  <dt>${t('programs.forWhom')}</dt><dd>${t('programs.forWhomText', { population: t(`population.${program.population}`), focus: t(`focus.${program.focus}`) })}</dd>
  ${program.modalities.length > 0 ? markup`<dt>${t('programs.therapies')}</dt><dd>${program.modalities.map((m) => t(`modality.${m}` as MessageKey)).join(', ')}</dd>` : null}
  ${program.conditionIds.length > 0 ? markup`<dt>${t('programs.conditions')}</dt><dd>${program.conditionIds.map((c) => t(`condition.${c}`)).join(', ')}</dd>` : null}
</dl>`;
}

export function programsPage(ctx: PageContext, programs: readonly PublicProgram[]): string {
  const { t, lang } = ctx;
  return layout(ctx, {
    title: t('programs.title'),
    body: markup`<h1>${t('programs.title')}</h1>
<p class="lead">${t('programs.lead')}</p>
${programs.length === 0 ? markup`<p>${t('programs.none')}</p>` : null}
${programs.map(
  (program) => markup`<article class="card program" aria-labelledby="program-${program.id}">
  <h2 id="program-${program.id}"><a href="${pathIn(lang, `/programs/${program.id}`)}">${program.name}</a></h2>
  ${program.summary[lang] ? markup`<p>${program.summary[lang]}</p>` : null}
  ${facts(ctx, program)}
</article>`,
)}`,
  });
}

export function programPage(ctx: PageContext, program: PublicProgram): string {
  const { t, lang } = ctx;
  return layout(ctx, {
    title: program.name,
    body: markup`<p><a href="${pathIn(lang, '/programs')}">${t('programs.back')}</a></p>
<h1>${program.name}</h1>
${program.summary[lang] ? markup`<p class="lead">${program.summary[lang]}</p>` : null}
${facts(ctx, program)}
<p class="actions"><a class="button primary" href="${pathIn(lang, `/inquiry?program=${program.id}`)}">${t('programs.inquire')}</a>
<a class="button" href="${pathIn(lang, '/self-check')}">${t('home.ctaSelfCheck')}</a></p>`,
  });
}

export function conditionsPage(ctx: PageContext, programs: readonly PublicProgram[]): string {
  const { t, lang } = ctx;
  return layout(ctx, {
    title: t('conditions.title'),
    body: markup`<h1>${t('conditions.title')}</h1>
<p class="lead">${t('conditions.lead')}</p>
<ul class="conditions">${CONDITIONS.map((condition) => {
      const treating = programs.filter((program) => program.conditionIds.includes(condition.id));
      return markup`<li><h2>${t(`condition.${condition.id}`)}</h2>${
        treating.length > 0
          ? markup`<p>${t('conditions.programs')} ${treating.map((program, index) => markup`${index > 0 ? ', ' : ''}<a href="${pathIn(lang, `/programs/${program.id}`)}">${program.name}</a>`)}</p>`
          : markup`<p class="muted">${t('conditions.noProgram')}</p>`
      }</li>`;
    })}</ul>`,
  });
}
