import { describe, expect, it } from 'vitest';
import { translator, type Language } from './i18n/i18n.js';
import type { PageContext } from './model.js';
import { duration, localDateText, signedPlanPage, signPlanGonePage, signPlanPage, type SignPlanView } from './sign-plan-page.js';

const ctx = (lang: Language): PageContext => ({ lang, t: translator(lang), path: '/sign-plan/x', org: null });

const view: SignPlanView = {
  greeting: 'Robin',
  programName: 'Adult IOP (synthetic)',
  planVersion: 2,
  clinicianName: 'Casey Clinician',
  clinicianSignedOn: '2026-03-08',
  reviewDueOn: '2026-04-07',
  plannedDaysPerWeek: 1,
  plannedMinutesPerWeek: 61,
  strengths: 'Likes walking (synthetic)',
  problems: [
    {
      statement: 'Low mood',
      diagnosisCodes: ['F32.1'],
      goals: [
        {
          statement: 'Feel better',
          objectives: [{ statement: 'Walk daily', targetDate: '2026-05-01' }],
          interventions: [{ description: '', modality: 'CBT', frequency: 'weekly', responsible: null }],
        },
      ],
    },
  ],
};

describe('plan signing page in two languages', () => {
  it.each([
    ['en', 45, '45 minutes'],
    ['en', 60, '1 hour'],
    ['en', 61, '1 hour 1 minute'],
    ['en', 540, '9 hours'],
    ['en', 570, '9 hours 30 minutes'],
    ['es', 1, '1 minuto'],
    ['es', 60, '1 hora'],
    ['es', 121, '2 horas y 1 minuto'],
    ['es', 570, '9 horas y 30 minutos'],
  ] as const)('%s: %i minutes a week reads "%s"', (lang, minutes, text) => {
    expect(duration(ctx(lang), minutes)).toBe(text);
  });

  it.each([
    ['en', '2099-01-31', 'January 31, 2099'],
    ['es', '2099-01-31', '31 de enero de 2099'],
    // A local date is a calendar day: no time zone may move it to the day before.
    ['en', '2026-03-08', 'March 8, 2026'],
    ['es', '2026-11-01', '1 de noviembre de 2026'],
  ] as const)('%s: %s reads "%s"', (lang, date, text) => {
    expect(localDateText(ctx(lang), date)).toBe(text);
  });

  it.each(['en', 'es'] as const)('%s: every page fills all its placeholders and names its language', (lang) => {
    const pages = [
      signPlanPage(ctx(lang), view, '/sign-plan/x?lang=' + lang, { signedName: '', missing: ['signedName', 'agreed'] }, '/other'),
      signedPlanPage(ctx(lang), 2),
      signPlanGonePage(ctx(lang), 'gone', null),
      signPlanGonePage(ctx(lang), 'not_found', '/other'),
    ];
    for (const page of pages) {
      expect(page).toContain(`<html lang="${lang}">`);
      expect(page).not.toMatch(/\{\w+\}/);
    }
  });

  it('shows the clinician’s words as written and "your care team" for a responsible person no longer found', () => {
    const es = signPlanPage(ctx('es'), view, '/a', { signedName: '', missing: [] }, '/b');
    expect(es).toContain('<h3>Meta: Feel better</h3>');
    expect(es).toContain('CBT, weekly (su equipo de atención)');
    expect(es).toContain('<strong>1 día</strong> y <strong>1 hora y 1 minuto</strong> de Adult IOP (synthetic) por semana');
    const en = signPlanPage(ctx('en'), view, '/a', { signedName: '', missing: [] }, '/b');
    expect(en).toContain('CBT, weekly (your care team)');
    expect(en).toContain('<strong>1 day</strong> and <strong>1 hour 1 minute</strong> of Adult IOP (synthetic) a week');
  });

  it('escapes the plan’s text inside a sentence that carries markup', () => {
    const page = signPlanPage(ctx('en'), { ...view, programName: '<b>IOP</b>' }, '/a', { signedName: '', missing: [] }, null);
    expect(page).toContain('of &lt;b&gt;IOP&lt;/b&gt; a week');
  });
});
