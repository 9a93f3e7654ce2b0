// Possible duplicates: two inquiries about the same person usually share a phone number or an
// email address. Phone numbers compare in E.164 form, emails trimmed and lower-cased.
import { normalizePhone } from '../patients/patient-rules.js';

export type ContactKeys = { phoneNormalized: string | null; emailNormalized: string | null };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Normalized keys for a phone and email as typed; a phone that is not a phone number throws VALIDATION_FAILED naming `phone`. */
export function contactKeys(phone: string | null, email: string | null): ContactKeys {
  return {
    phoneNormalized: phone === null || phone.trim() === '' ? null : normalizePhone(phone, 'phone'),
    emailNormalized: email === null || email.trim() === '' ? null : normalizeEmail(email),
  };
}

export function isPossibleDuplicate(a: ContactKeys, b: ContactKeys): boolean {
  if (a.phoneNormalized !== null && a.phoneNormalized === b.phoneNormalized) return true;
  return a.emailNormalized !== null && a.emailNormalized === b.emailNormalized;
}

/** Merge rules: never into itself, never an admitted inquiry (either side), never one already merged. */
export type MergeCheck = { ok: true } | { ok: false; rule: string; message: string };

export function checkMerge(
  kept: { id: string; stage: string; mergedIntoId: string | null },
  duplicate: { id: string; stage: string; mergedIntoId: string | null },
): MergeCheck {
  if (kept.id === duplicate.id) return { ok: false, rule: 'merge_into_itself', message: 'an inquiry cannot be merged into itself' };
  if (duplicate.stage === 'admitted')
    return { ok: false, rule: 'merge_admitted', message: 'the duplicate was admitted; merge the other inquiry into it instead' };
  if (kept.mergedIntoId !== null) return { ok: false, rule: 'merge_into_merged', message: 'this inquiry was itself merged into another' };
  if (duplicate.mergedIntoId !== null) return { ok: false, rule: 'already_merged', message: 'the duplicate was already merged' };
  return { ok: true };
}

/** The fields the kept inquiry lacks and the duplicate has: filled in on merge, never overwritten. */
export function fillEmptyFields<T extends Record<string, unknown>>(kept: T, duplicate: T, fields: readonly (keyof T)[]): Partial<T> {
  const patch: Partial<T> = {};
  for (const field of fields) {
    if ((kept[field] === null || kept[field] === '') && duplicate[field] !== null && duplicate[field] !== '')
      patch[field] = duplicate[field];
  }
  return patch;
}
