import { createRequire } from 'node:module';

// The zxcvbn-ts common-password dictionary (about 49,000 entries from public breach corpora), MIT
// licensed and installed with the app, so the check works offline (NIST SP 800-63B 3.1.1.2).
let cached: ReadonlySet<string> | undefined;

export function loadCommonPasswords(): ReadonlySet<string> {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const list = require('@zxcvbn-ts/language-common/src/passwords.json') as unknown;
  if (!Array.isArray(list) || list.length < 10_000) throw new Error('The common-password list is missing or too short');
  cached = new Set(list.map((entry) => String(entry).toLowerCase()));
  return cached;
}
