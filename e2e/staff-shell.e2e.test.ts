import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { startServer, tempDataDir, type RunningServer } from './support/server.js';
import { DEMO_PASSWORD, signedInPage, signIn } from './support/sign-in.js';

// Short idle limit so the lock can be seen in seconds; the warning comes at half of it.
const IDLE_SECONDS = 12;

describe.skipIf(!browserAvailable())('staff web shell in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ dataDir: tempDataDir('shell'), env: { OPENIOP_SESSION_IDLE_SECONDS: String(IDLE_SECONDS) } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url });
    return context.newPage();
  }

  /** The signed-in layout is up: its navigation shows the dashboard link. */
  async function appShown(page: Page): Promise<void> {
    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).waitFor();
  }

  it('shows the demo banner, signs the director in, locks after idle, returns to the page after re-login, and logs out', async () => {
    const page = await newPage();
    await page.goto('/app/');
    await expect.poll(() => page.url()).toContain('/login');
    const banner = page.getByRole('region', { name: 'Demo data' });
    await banner.waitFor();
    for (const role of ['admin', 'director', 'clinician', 'auditor'])
      expect(await banner.textContent()).toContain(`${role}@demo.openiop.org`);
    expect(await banner.textContent()).toContain(DEMO_PASSWORD);

    await signIn(page, 'director@demo.openiop.org');
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link', { name: 'Dashboard' }).count()).toBe(1);
    // The director holds neither admin nor auditor: those areas are not offered.
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Audit trail' }).count()).toBe(0);

    await page.goto('/app/?from=lock-test');
    await appShown(page);
    // Idle: the warning appears, nobody answers, the session locks.
    await page.getByText('Are you still there?').waitFor({ timeout: IDLE_SECONDS * 1000 });
    await page.waitForURL(/\/login\?/, { timeout: IDLE_SECONDS * 1000 });
    await page.getByText('Your session was locked after inactivity').waitFor();
    const api = await page.request.get('/api/v1/auth/session');
    expect(api.status()).toBe(401);

    await signIn(page, 'director@demo.openiop.org');
    await page.waitForURL((url) => ['/app', '/app/'].includes(url.pathname) && url.search === '?from=lock-test');

    await page.getByRole('button', { name: /User menu/ }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);
    expect((await page.request.get('/api/v1/auth/session')).status()).toBe(401);
  });

  it('lets an admin invite a user who enrols TOTP and then signs in with a code', async () => {
    const admin = await signedInPage(browser, server.url, 'admin@demo.openiop.org');
    await admin.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await admin.getByRole('button', { name: 'New user' }).click();
    const form = admin.getByRole('form', { name: 'New user' });
    const email = `new-clinician-${Date.now()}@example.org`;
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Display name').fill('Robin Newhire');
    await form.getByRole('checkbox', { name: 'Clinician' }).check();
    await form.getByRole('checkbox', { name: /Portland/ }).check();
    await form.getByRole('button', { name: 'Create user and invite link' }).click();
    const inviteUrl = await admin.getByTestId('invite-url').inputValue();
    expect(inviteUrl).toContain('/app/invite/');

    const invitee = await newPage();
    await invitee.goto(inviteUrl);
    await invitee.getByText(email).waitFor();
    await invitee.getByLabel(/^Password/).fill('a long synthetic passphrase 42');
    await invitee.getByLabel('Confirm password').fill('a long synthetic passphrase 42');
    await invitee.getByRole('button', { name: 'Create my account' }).click();
    await invitee
      .getByRole('link', { name: /Set up two-factor authentication/ })
      .or(invitee.getByRole('button', { name: /Set up two-factor authentication/ }))
      .first()
      .click();

    const secret = (await invitee.getByTestId('totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await invitee.getByRole('img', { name: /QR/i }).count()).toBe(1);
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    await invitee.getByLabel('Authentication code').fill(totp.generate());
    await invitee.getByRole('button', { name: /Confirm|Turn on|Enable|Verify/ }).click();
    await invitee.getByTestId('recovery-codes').waitFor();
    await invitee.getByRole('button', { name: 'I have saved these codes' }).click();
    await appShown(invitee);

    await invitee.getByRole('button', { name: /User menu/ }).click();
    await invitee.getByRole('menuitem', { name: 'Log out' }).click();
    await invitee.waitForURL(/\/login/);
    // Password, then a second factor: the form's own steps, not the demo sign-in.
    await invitee.getByLabel('Email').fill(email);
    await invitee.getByLabel(/^Password/).fill('a long synthetic passphrase 42');
    await invitee.getByRole('button', { name: 'Sign in' }).click();
    // The code of the next time step: the enrolment code's step cannot be used again.
    await invitee.getByLabel('Authentication code').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await invitee.getByRole('button', { name: /Verify|Sign in|Continue/ }).click();
    await appShown(invitee);
    expect(invitee.url()).not.toContain('/login');
    expect(await invitee.getByRole('button', { name: 'User menu: Robin Newhire' }).count()).toBe(1);

    await admin.reload();
    await admin.getByRole('cell', { name: email }).waitFor();
  });

  it('gives the auditor a filterable audit trail with a CSV export', async () => {
    const page = await signedInPage(browser, server.url, 'auditor@demo.openiop.org');
    await page.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('cell', { name: 'auth.login' }).first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /Export CSV/ }).click();
    const file = await download;
    const stream = await file.createReadStream();
    let csv = '';
    for await (const chunk of stream) csv += String(chunk);
    expect(csv.split('\n')[0]).toContain('occurredAt');
    expect(csv).toContain('auth.login');
  });

  it('has no serious or critical accessibility violations on the login, dashboard, users and audit pages', async () => {
    const page = await newPage();
    await page.goto('/app/login');
    await page.getByRole('region', { name: 'Demo data' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await signIn(page, 'admin@demo.openiop.org');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await page.getByRole('cell', { name: 'director@demo.openiop.org' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('cell', { name: 'auth.login' }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
