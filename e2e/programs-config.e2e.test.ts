import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { startServer, tempDataDir, type RunningServer } from './support/server.js';
import { signedInPage } from './support/sign-in.js';

// The configuration pages of issue #3 (programs, sites and rooms, staff profiles, closures) as a
// director uses them, refusals included, with an axe check on each page.
describe.skipIf(!browserAvailable())('programs and staff configuration in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dataDir: tempDataDir('programs') });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  function signedIn(email: string): Promise<Page> {
    return signedInPage(browser, server.url, email);
  }

  async function openFromNav(page: Page, label: string): Promise<void> {
    await page.getByRole('navigation').getByRole('link', { name: label }).click();
    await page.getByRole('heading', { level: 1, name: label }).waitFor();
  }

  it('lets the director create a program whose intensity follows the level and population', async () => {
    const page = await signedIn('director@demo.openiop.org');
    await openFromNav(page, 'Programs');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'New program' }).click();
    const form = page.getByRole('form', { name: 'New program' });
    await form.getByLabel(/^Name/).fill('Adolescent after-school IOP');
    expect(await form.getByLabel('Weekly floor: hours').inputValue()).toBe('9');
    await form.getByLabel('Population').selectOption('adolescent');
    expect(await form.getByLabel('Weekly floor: hours').inputValue()).toBe('6');
    await form.getByLabel('Weekly ceiling: hours').fill('5');
    await form.getByLabel('DBT skills').check();
    expect(await seriousViolations(page)).toEqual([]);

    await form.getByRole('button', { name: 'Create program' }).click();
    await form.getByText('must not be below the weekly floor').waitFor();
    await form.getByLabel('Weekly ceiling: hours').fill('19');
    await form.getByRole('button', { name: 'Create program' }).click();
    await form.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: /Adolescent after-school IOP/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('6 h – 19 h a week');
  });

  it('lets the director add a room, refusing a capacity of 0', async () => {
    const page = await signedIn('director@demo.openiop.org');
    await openFromNav(page, 'Sites');
    await page.getByRole('button', { name: /^Add room at Harborview Portland/ }).click();
    const form = page.getByRole('form', { name: /New room at Harborview Portland/ });
    await form.getByLabel(/^Room name/).fill('Group Room 1');
    await form.getByLabel(/^Capacity/).fill('0');
    await form.getByRole('button', { name: 'Add room' }).click();
    await form.getByText('must be at least 1').waitFor();
    await form.getByLabel(/^Capacity/).fill('12');
    await form.getByRole('button', { name: 'Add room' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /Group Room 1/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("lets the director record a clinician's modalities and availability", async () => {
    const page = await signedIn('director@demo.openiop.org');
    await openFromNav(page, 'Staff');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Edit the profile of Casey Clinician' }).click();
    const form = page.getByRole('form', { name: 'Staff profile: Casey Clinician' });
    await form.getByLabel('Cognitive behavioral therapy (CBT)').check();
    await form.getByRole('button', { name: 'Add a window' }).click();
    await form.getByLabel('Window 1: from').fill('12:00');
    await form.getByLabel('Window 1: until').fill('09:00');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form.getByText('Window 1: must be after the start').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByLabel('Window 1: from').fill('09:00');
    await form.getByLabel('Window 1: until').fill('12:00');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form.waitFor({ state: 'detached' });
    const row = page.getByRole('row', { name: /Casey Clinician/ });
    expect(await row.textContent()).toContain('Mon 09:00–12:00');
    expect(await row.textContent()).toContain('Cognitive behavioral therapy (CBT)');
  });

  it('lets the director add a closure once, refusing the same day twice', async () => {
    const page = await signedIn('director@demo.openiop.org');
    await openFromNav(page, 'Closures');
    const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const form = page.getByRole('form', { name: 'Add a closure' });
    const add = async () => {
      await form.getByLabel(/^Date/).fill(day);
      await form.getByLabel(/^Reason/).fill('Staff training day');
      await form.getByRole('button', { name: 'Add closure' }).click();
    };
    await add();
    await page.getByRole('row', { name: /Staff training day/ }).waitFor();
    await add();
    await form.getByText(/already closed on/).waitFor();
    expect(await page.getByRole('row', { name: /Staff training day/ }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows other staff the programs read-only and no configuration pages', async () => {
    const page = await signedIn('clinician@demo.openiop.org');
    const nav = page.getByRole('navigation');
    for (const label of ['Sites', 'Staff', 'Closures']) expect(await nav.getByRole('link', { name: label }).count()).toBe(0);
    await openFromNav(page, 'Programs');
    expect(await page.getByRole('button', { name: 'New program' }).count()).toBe(0);
    await page.getByRole('button', { name: /^View Adolescent after-school IOP/ }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('Weekly floor: hours').isDisabled()).toBe(true);
    expect(await dialog.getByRole('button', { name: /Save|Create/ }).count()).toBe(0);
    await page.goto('/app/sites');
    await page.getByText('You do not have access to this page').waitFor();
  });
});
