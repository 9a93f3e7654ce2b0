import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { DEMO_PASSWORD } from './app-process.js';

// Signing in as a demo user through the staff app's login form, written once for the browser tests.

/** The password of every demo user (the demo banner on the login page shows it too). */
export { DEMO_PASSWORD };

/**
 * Fills the login form the page already shows, submits it, and waits until the staff app is up: its
 * navigation shows the Dashboard link. Not for a sign-in that asks for a second factor.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).waitFor();
}

/** A fresh context (own cookies) with the given options, opened at /app/login and signed in as a demo user. */
export async function signedInPage(
  browser: Browser,
  baseURL: string,
  email: string,
  contextOptions: Omit<BrowserContextOptions, 'baseURL'> = {},
): Promise<Page> {
  const context = await browser.newContext({ ...contextOptions, baseURL });
  const page = await context.newPage();
  await page.goto('/app/login');
  await signIn(page, email);
  return page;
}
