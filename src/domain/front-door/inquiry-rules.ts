// Contact details of a public inquiry: at least one way to reach the person, phone stored in E.164
// and email lower-case for duplicate search (decision 0015). Pure; collects every issue at once so
// the form can mark each field.
import { DomainError, type FieldIssue } from '../errors.js';
import { normalizePhone, normalizeStateCode } from '../patients/patient-rules.js';

/** The privacy notice the inquiry form shows; stored with each inquiry (decision 0015). */
export const PRIVACY_NOTICE_VERSION = '2026-11';

// Deliberately plain: one @, no spaces, a dot in the domain. The call-back is the real check.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type ContactInput = { phone?: string | undefined; email?: string | undefined; state?: string | undefined };
export type NormalizedContact = { phoneNormalized: string | null; emailNormalized: string | null; state: string | null };

function issueOf(error: unknown): FieldIssue | null {
  if (error instanceof DomainError && Array.isArray(error.details)) {
    const [first] = error.details as FieldIssue[];
    return first ?? null;
  }
  return null;
}

export function normalizeContact(input: ContactInput): { ok: true; value: NormalizedContact } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const phone = input.phone?.trim() || undefined;
  const email = input.email?.trim() || undefined;
  if (phone === undefined && email === undefined) issues.push({ path: 'contact', message: 'give a phone number or an email' });
  let phoneNormalized: string | null = null;
  if (phone !== undefined) {
    try {
      phoneNormalized = normalizePhone(phone, 'phone');
    } catch (error) {
      const issue = issueOf(error);
      if (!issue) throw error;
      issues.push(issue);
    }
  }
  let emailNormalized: string | null = null;
  if (email !== undefined) {
    if (EMAIL.test(email)) emailNormalized = email.toLowerCase();
    else issues.push({ path: 'email', message: 'must be an email address' });
  }
  let state: string | null = null;
  if (input.state !== undefined && input.state.trim() !== '') {
    try {
      state = normalizeStateCode(input.state, 'state');
    } catch (error) {
      const issue = issueOf(error);
      if (!issue) throw error;
      issues.push(issue);
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { phoneNormalized, emailNormalized, state } };
}
