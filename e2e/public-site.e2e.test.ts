import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/server/db/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/server/db/embedded-postgres.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { seriousViolations } from './support/axe.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { startServer, tempDataDir, type RunningServer } from './support/server.js';
import { signIn } from './support/sign-in.js';

// The public front door in Chromium on the demo center: a visitor reads a program in Spanish,
// switches language and stays on the page, takes the self-check, sends it with an inquiry and
// sees the thanks page; a self-check reporting current suicidal thoughts shows the crisis panel
// first and sends an urgent inquiry. axe and the JavaScript weight of the public pages are
// checked too. All data is synthetic.

const SITUATION: [string, string][] = [
  ['Do you have a safe and stable place to live?', 'Yes'],
  ['Is there someone in your life who supports you (family, friends, a partner)?', 'Yes'],
  ['Could you take part for about 3 hours a day, 3 to 5 days a week?', 'Yes'],
  ['How much do your struggles get in the way of work, school, family or taking care of yourself?', 'A lot'],
  ['Do you have work or school commitments you want to keep?', 'Yes'],
  ['Have you had treatment before?', 'Yes, weekly therapy, but it is not enough'],
  ['Would you rather meet in person or online?', 'Online'],
];

describe.skipIf(!browserAvailable())('the public site in Chromium', () => {
  let postgres: EmbeddedPostgres;
  let db: Db;
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDataDir('public-site');
    postgres = await startEmbeddedPostgres(path.join(dataDir, 'db'), () => undefined);
    db = createDb(postgres.connectionString, 2);
    await migrateToLatest(db);
    server = await startServer({ dataDir: path.join(dataDir, 'app'), env: { DATABASE_URL: postgres.connectionString, OPENIOP_DEMO: '1' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.destroy();
    await postgres?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function visitor(): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url });
    return context.newPage();
  }

  async function answer(page: Page, question: string, choice: string): Promise<void> {
    await page.getByRole('group', { name: question }).getByLabel(choice, { exact: true }).check();
  }

  async function safetyAnswers(page: Page, suicidalThoughts: string): Promise<void> {
    await answer(page, 'Are you having thoughts of ending your life?', suicidalThoughts);
    await answer(page, 'Are you having thoughts of harming someone else?', 'No');
    await answer(page, 'Have you tried to end your life in the past few weeks?', 'No');
    await answer(page, /could you need medical care for withdrawal/.source, 'No');
  }

  async function inquiries(): Promise<{ urgent: boolean; self_check: unknown; language: string; contact_name: string }[]> {
    return db.selectFrom('inquiries').select(['urgent', 'self_check', 'language', 'contact_name']).execute();
  }

  it('reads a program in Spanish, switches to English on the same page, sends the self-check with an inquiry', async () => {
    const page = await visitor();
    await page.goto('/es/programs');
    await page.getByRole('heading', { level: 1, name: 'Nuestros programas' }).waitFor();
    await page.getByRole('link', { name: 'Adult Mental Health IOP (mornings)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Adult Mental Health IOP (mornings)' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByText('lun–jue 9:00–12:15').waitFor();
    const programPath = new URL(page.url()).pathname;
    expect(programPath).toMatch(/^\/es\/programs\/[0-9a-f-]{36}$/);

    await page.getByRole('link', { name: 'View this page in English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Adult Mental Health IOP (mornings)' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(programPath.replace(/^\/es/, ''));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByText('Mon–Thu 9:00–12:15').waitFor();

    await page.getByRole('link', { name: 'Take the 3-minute self-check' }).click();
    await page.getByRole('heading', { level: 1, name: 'Is an IOP right for me?' }).waitFor();
    await safetyAnswers(page, 'No');
    for (const [question, choice] of SITUATION) await answer(page, question, choice);
    await page.getByRole('button', { name: 'See my result' }).click();
    await page.getByRole('heading', { level: 1, name: /An intensive outpatient program \(IOP\) may fit/ }).waitFor();
    await page.getByText('This is not a diagnosis', { exact: false }).first().waitFor();

    await page.getByLabel('Yes, send my self-check answers with my message to the admissions team.').check();
    await page.getByRole('button', { name: 'Continue to the contact form' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contact admissions' }).waitFor();
    await page.getByText(/Your self-check answers will be sent with this message/).waitFor();
    await page.getByLabel('For me').check();
    await page.getByLabel(/^Your name/).fill('Robin Frontdoor');
    await page.getByLabel('Best phone number').fill('(503) 555-0177');
    await page.getByLabel(/I agree that the admissions team may contact me/).check();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you, we received your message' }).waitFor();
    await page.getByText(/within 60 minutes during business hours/).waitFor();

    const stored = (await inquiries()).find((row) => row.contact_name === 'Robin Frontdoor');
    expect(stored).toMatchObject({ urgent: false, language: 'en', self_check: { outcome: 'iop' } });
  });

  it('puts the crisis panel first for current suicidal thoughts and sends an urgent inquiry', async () => {
    const page = await visitor();
    await page.goto('/self-check');
    await safetyAnswers(page, 'Yes, right now or today');
    for (const [question, choice] of SITUATION) await answer(page, question, choice);
    await page.getByRole('button', { name: 'See my result' }).click();
    await page.getByRole('heading', { level: 1, name: 'Please get help now' }).waitFor();

    // The first links of the main content are 988 and 911, and they are on screen.
    const firstLinks = await page.locator('main a').evaluateAll((links) => links.slice(0, 2).map((link) => link.getAttribute('href')));
    expect(firstLinks).toEqual(['tel:988', 'tel:911']);
    await expect.poll(() => page.locator('main a[href="tel:988"]').first().isVisible()).toBe(true);
    const mainStartsWithCrisis = await page
      .locator('main > *')
      .first()
      .evaluate((element) => element.querySelector('.crisis-panel') !== null);
    expect(mainStartsWithCrisis).toBe(true);

    await page.getByLabel('Yes, send my self-check answers with my message to the admissions team.').check();
    await page.getByRole('button', { name: 'Continue to the contact form' }).click();
    await page.getByLabel('For me').check();
    await page.getByLabel(/^Your name/).fill('Casey Urgentcheck');
    await page.getByRole('textbox', { name: 'Email' }).fill('casey.urgent@example.org');
    await page.getByLabel(/I agree that the admissions team may contact me/).check();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { level: 1, name: /If you are thinking about ending your life/ }).waitFor();
    const thanksLinks = await page.locator('main a').evaluateAll((links) => links.slice(0, 2).map((link) => link.getAttribute('href')));
    expect(thanksLinks).toEqual(['tel:988', 'tel:911']);

    const stored = (await inquiries()).find((row) => row.contact_name === 'Casey Urgentcheck');
    expect(stored).toMatchObject({ urgent: true, self_check: { outcome: 'get_help_now' } });
  });

  it('lets the admin change what the public site shows in the staff app', async () => {
    const page = await visitor();
    await page.goto('/app/login');
    await signIn(page, 'admin@demo.openiop.org');
    await page.getByRole('navigation').getByRole('link', { name: 'Organization settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organization settings' }).waitFor();
    const phone = page.getByLabel('Public phone');
    await expect.poll(() => phone.inputValue()).toBe('(503) 555-0123');
    await phone.fill('(503) 555-0188');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto('/contact');
    await page.getByRole('link', { name: '(503) 555-0188' }).waitFor();
  });

  it('passes axe on the public pages in both languages and loads no JavaScript', async () => {
    const page = await visitor();
    let scriptBytesGzipped = 0;
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push(response.url());
      void response.body().then((body) => (scriptBytesGzipped += gzipSync(body).length));
    });
    const pages = [
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
    for (const base of pages) {
      for (const url of [base, base === '/' ? '/es' : `/es${base}`]) {
        await page.goto(url);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        expect({ url, violations: await seriousViolations(page) }).toEqual({ url, violations: [] });
      }
    }
    // The self-check result and a form with errors, too.
    await page.goto('/es/self-check');
    await page.getByRole('button', { name: 'Ver mi resultado' }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto('/inquiry');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Please check the fields marked below.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Goal: at most 100 KB of gzipped JavaScript; the public site loads none.
    expect(scriptBytesGzipped).toBeLessThanOrEqual(100 * 1024);
    expect(scripts).toEqual([]);
  });
});
