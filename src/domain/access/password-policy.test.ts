import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, checkPassword } from './password-policy.js';

// A small stand-in for the breach list; like the real one it holds lower-case entries.
const COMMON = new Set(['password1', 'iloveyou', 'qwertyuiop']);

const LOCK = '\u{1F512}'; // one code point, two UTF-16 code units
const E_ACUTE_COMBINING = 'e\u0301'; // two code points that NFKC composes into one

describe('checkPassword', () => {
  it('uses the NIST minimum of 8 and a maximum of at least 64', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(PASSWORD_MAX_LENGTH).toBe(128);
  });

  it.each([
    ['empty', '', 'too_short'],
    ['7 characters', 'x'.repeat(7), 'too_short'],
    ['8 characters', 'x'.repeat(8), 'ok'],
    ['128 characters', 'x'.repeat(128), 'ok'],
    ['129 characters', 'x'.repeat(129), 'too_long'],
    ['7 emoji (14 UTF-16 units)', LOCK.repeat(7), 'too_short'],
    ['8 emoji', LOCK.repeat(8), 'ok'],
    ['128 emoji (256 UTF-16 units)', LOCK.repeat(128), 'ok'],
    ['129 emoji', LOCK.repeat(129), 'too_long'],
    ['7 accented letters typed as 14 combining code points', E_ACUTE_COMBINING.repeat(7), 'too_short'],
    ['8 accented letters typed as combining code points', E_ACUTE_COMBINING.repeat(8), 'ok'],
    ['spaces only, 8 of them', ' '.repeat(8), 'ok'],
  ])('%s → %s', (_label, password, expected) => {
    const result = checkPassword(password, COMMON);
    expect(result.ok ? 'ok' : result.reason).toBe(expected);
  });

  it.each([
    ['exact entry', 'iloveyou'],
    ['upper case', 'ILOVEYOU'],
    ['mixed case', 'PassWord1'],
    ['long entry', 'QwertyUiop'],
  ])('refuses a common password regardless of case (%s)', (_label, password) => {
    expect(checkPassword(password, COMMON)).toEqual({
      ok: false,
      reason: 'common',
      message: 'This password is on a list of commonly used passwords; choose another',
    });
  });

  it.each([
    ['one letter repeated', 'aaaaaaaaaaaaa'],
    ['lower-case letters only', 'correcthorsebattery'],
    ['digits only', '73019482'],
    ['no digit, no symbol, no capital', 'plain words are fine'],
    ['a common entry with a suffix', 'iloveyou!'],
  ])('imposes no composition rules: %s is accepted when not common', (_label, password) => {
    expect(checkPassword(password, COMMON)).toEqual({ ok: true });
  });

  it('tells the user the rule in plain words', () => {
    expect(checkPassword('short', COMMON)).toMatchObject({ message: 'Use at least 8 characters' });
    expect(checkPassword('x'.repeat(129), COMMON)).toMatchObject({ message: 'Use at most 128 characters' });
  });
});
