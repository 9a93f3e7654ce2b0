// NIST SP 800-63B section 3.1.1.2: at least 8 characters, at least 64 allowed, every character
// allowed, no composition rules, and a check against commonly used or breached passwords.
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordCheck = { ok: true } | { ok: false; reason: 'too_short' | 'too_long' | 'common'; message: string };

/** Length is counted in Unicode code points, as 800-63B asks; the common list holds lower-case entries. */
export function checkPassword(password: string, commonPasswords: ReadonlySet<string>): PasswordCheck {
  const length = [...password.normalize('NFKC')].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return { ok: false, reason: 'too_short', message: `Use at least ${PASSWORD_MIN_LENGTH} characters` };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return { ok: false, reason: 'too_long', message: `Use at most ${PASSWORD_MAX_LENGTH} characters` };
  }
  if (commonPasswords.has(password.toLowerCase())) {
    return { ok: false, reason: 'common', message: 'This password is on a list of commonly used passwords; choose another' };
  }
  return { ok: true };
}
