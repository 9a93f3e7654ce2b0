import { describe, expect, it } from 'vitest';
import { normalizeContact } from './inquiry-rules.js';

describe('normalizeContact', () => {
  it.each<[Parameters<typeof normalizeContact>[0], unknown]>([
    [{ phone: '(503) 555-0142' }, { phoneNormalized: '+15035550142', emailNormalized: null, state: null }],
    [{ email: ' Sam@Example.ORG ' }, { phoneNormalized: null, emailNormalized: 'sam@example.org', state: null }],
    [
      { phone: '503-555-0142', email: 'a@example.org', state: 'or' },
      { phoneNormalized: '+15035550142', emailNormalized: 'a@example.org', state: 'OR' },
    ],
  ])('accepts %j', (input, value) => {
    expect(normalizeContact(input)).toEqual({ ok: true, value });
  });

  it.each<[Parameters<typeof normalizeContact>[0], string[]]>([
    [{}, ['contact']],
    [{ phone: '  ', email: '' }, ['contact']],
    [{ phone: '555-01' }, ['phone']],
    [{ email: 'not-an-email' }, ['email']],
    [{ phone: 'call me', email: 'x@y', state: 'ZZ' }, ['phone', 'email', 'state']],
  ])('refuses %j naming %j', (input, paths) => {
    const result = normalizeContact(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.path)).toEqual(paths);
  });
});
