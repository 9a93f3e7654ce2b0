import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram, createTemplate } from '../../../../test/factories.js';
import { call, createTestOrg, sessionFor, testApp, type TestOrg } from '../../../../test/support.js';

// The public site as a visitor sees it: every page in English and Spanish, the crisis strip, the
// language switch, published programs only, and the friendly 404 page.

const t = await testApp({ env: { OPENIOP_INQUIRY_RATE_LIMIT: '1000' } });
let org: TestOrg;
let publishedId: string;
let hiddenId: string;

beforeAll(async () => {
  org = await createTestOrg(t.deps);
  // The public site shows the configured organization (decision 0016); each test file has its own.
  t.deps.config.publicOrganizationId = org.organizationId;
  publishedId = await createProgram(t.db, org, { name: 'Morning Mood IOP', published: true });
  hiddenId = await createProgram(t.db, org, { name: 'Hidden Draft IOP', published: false });
  await t.db
    .updateTable('programs')
    .set({
      conditions: ['F32', 'F41'],
      modalities: ['cbt', 'dbt_skills'],
      public_summary_en: 'Mornings for mood.',
      public_summary_es: 'Mañanas para el ánimo.',
    })
    .where('id', 'in', [publishedId, hiddenId])
    .execute();
  await createTemplate(t.db, org, {
    programId: publishedId,
    roomId: null,
    daysOfWeek: [1, 2, 3, 4],
    startTime: '09:00',
    durationMinutes: 180,
  });
  await t.db
    .updateTable('organizations')
    .set({
      public_phone: '(503) 555-0100',
      public_address: '100 Example Way, Portland, OR',
      accreditations: ['Example Accreditation Body'],
    })
    .where('id', '=', org.organizationId)
    .execute();
});
afterAll(() => t.close());

const PAGES = [
  '/',
  '/programs',
  '/conditions',
  '/inpatient-or-iop',
  '/a-week-in-iop',
  '/contact',
  '/self-check',
  '/inquiry',
  '/inquiry/thanks',
];
const inEs = (path: string) => (path === '/' ? '/es' : `/es${path}`);

describe('public pages', () => {
  it.each(PAGES.flatMap((path) => [[path, 'en', path, inEs(path)] as const, [inEs(path), 'es', path, path] as const]))(
    '%s answers HTML in %s with the crisis strip and a switch to the same page',
    async (url, lang, _base, other) => {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      const body = response.body;
      expect(body).toContain(`<html lang="${lang}">`);
      expect(body).toContain('href="tel:988"');
      expect(body).toContain('href="tel:911"');
      expect(body).toContain('741741');
      if (lang === 'es') expect(body).toContain('oprima 2 para español');
      expect(body).toMatch(new RegExp(`class="lang-switch" href="${other}"`));
      expect(body).toContain('href="/app/login"');
      expect(body).not.toContain('<script');
    },
  );

  it('shows the program detail page in both languages with its weekly pattern', async () => {
    const en = await t.app.inject({ method: 'GET', url: `/programs/${publishedId}` });
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('Morning Mood IOP');
    expect(en.body).toContain('Mon–Thu 9:00–12:00');
    expect(en.body).toContain('Mornings for mood.');
    expect(en.body).toContain(`class="lang-switch" href="/es/programs/${publishedId}"`);
    const es = await t.app.inject({ method: 'GET', url: `/es/programs/${publishedId}` });
    expect(es.body).toContain('lun–jue 9:00–12:00');
    expect(es.body).toContain('Mañanas para el ánimo.');
    expect(es.body).toContain('Terapia cognitivo-conductual');
  });

  it('shows the public summaries a director edits on the program', async () => {
    const director = await sessionFor(t, org.users.director, org.organizationId);
    const program = await call(t, director, 'GET', `/api/v1/programs/${publishedId}`);
    const saved = await call(t, director, 'PATCH', `/api/v1/programs/${publishedId}`, {
      version: program.json().version,
      publicSummaryEn: 'Four mornings a week.',
      publicSummaryEs: 'Cuatro mañanas por semana.',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ publicSummaryEn: 'Four mornings a week.', publicSummaryEs: 'Cuatro mañanas por semana.' });
    expect((await t.app.inject({ method: 'GET', url: '/programs' })).body).toContain('Four mornings a week.');
    expect((await t.app.inject({ method: 'GET', url: '/es/programs' })).body).toContain('Cuatro mañanas por semana.');
    const tooLong = await call(t, director, 'PATCH', `/api/v1/programs/${publishedId}`, {
      version: saved.json().version,
      publicSummaryEs: 'x'.repeat(1001),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(JSON.stringify(tooLong.json().error.details)).toContain('publicSummaryEs');
  });

  it('never shows an unpublished program', async () => {
    for (const url of ['/programs', '/es/programs', '/conditions', '/inquiry']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.body).toContain('Morning Mood IOP');
      expect(response.body).not.toContain('Hidden Draft IOP');
    }
    const detail = await t.app.inject({ method: 'GET', url: `/programs/${hiddenId}` });
    expect(detail.statusCode).toBe(404);
    expect(detail.body).not.toContain('Hidden Draft IOP');
  });

  it('links each condition to the published programs that treat it', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/conditions' });
    const depression = response.body.split('<h2>Depression</h2>')[1]?.split('</li>')[0] ?? '';
    expect(depression).toContain(`href="/programs/${publishedId}"`);
    const ptsd = response.body.split('<h2>Post-traumatic stress disorder (PTSD)</h2>')[1]?.split('</li>')[0] ?? '';
    expect(ptsd).not.toContain('href="/programs/');
  });

  it('shows the center contact details from its settings', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/contact' });
    expect(response.body).toContain('(503) 555-0100');
    expect(response.body).toContain('Example Accreditation Body');
  });

  it.each([
    ['/no-such-page', 'en'],
    ['/es/no-existe', 'es'],
    ['/programs/not-an-id', 'en'],
  ])('answers %s with a friendly HTML 404 in %s', async (url, lang) => {
    const response = await t.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain(`<html lang="${lang}">`);
    expect(response.body).toContain('href="tel:988"');
  });

  it('keeps the JSON 404 for unknown API paths', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it('serves one small stylesheet with caching', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/public/site.css' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/css');
    expect(response.headers['cache-control']).toContain('max-age');
  });
});

describe('the self-check', () => {
  const calm = {
    suicidalThoughts: 'never',
    harmOthers: 'no',
    recentAttempt: 'no',
    withdrawalRisk: 'no',
    safeHome: 'yes',
    support: 'yes',
    canAttend: 'yes',
    dailyImpact: 'a_lot',
    commitments: 'yes',
    earlierTreatment: 'outpatient_not_enough',
    formatPreference: 'online',
  };
  const post = (url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  it('evaluates the posted form, says it is not a diagnosis, and stores nothing', async () => {
    const before = await t.db
      .selectFrom('inquiries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await post('/self-check', calm);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('An intensive outpatient program (IOP) may fit');
    expect(response.body).toContain('This is not a diagnosis');
    expect(response.body).toContain('href="tel:988"');
    const after = await t.db
      .selectFrom('inquiries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('puts the crisis panel first in the main content for current suicidal thoughts (Spanish too)', async () => {
    const response = await post('/es/self-check', { ...calm, suicidalThoughts: 'now' });
    expect(response.statusCode).toBe(200);
    const main = response.body.split('<main')[1] ?? '';
    expect(main.indexOf('crisis-panel')).toBeGreaterThan(-1);
    expect(main.indexOf('tel:988')).toBeLessThan(main.indexOf('Esto no es un diagnóstico'));
    expect(main.indexOf('tel:911')).toBeLessThan(main.indexOf('Esto no es un diagnóstico'));
  });

  it('re-renders the form naming each unanswered question', async () => {
    const response = await post('/self-check', Object.fromEntries(Object.entries(calm).filter(([key]) => key !== 'safeHome')));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="safeHome-error"');
    expect(response.body).toMatch(/name="canAttend" value="yes" checked/);
  });
});
