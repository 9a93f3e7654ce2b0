import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.OPENIOP_CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.OPENIOP_REQUIRE_BROWSER === '1';

/**
 * Browser tests run when Chromium is installed. Without it they are skipped with a loud warning,
 * except when OPENIOP_REQUIRE_BROWSER=1 (CI), where a missing browser fails the run.
 */
export function browserAvailable(): boolean {
  const present = fs.existsSync(CHROMIUM_PATH);
  if (!present && required)
    throw new Error(`OPENIOP_REQUIRE_BROWSER=1 but Chromium is missing at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  if (!present) {
    process.stderr.write(
      `\n*** BROWSER TESTS SKIPPED: Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium ***\n\n`,
    );
  }
  return present;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
