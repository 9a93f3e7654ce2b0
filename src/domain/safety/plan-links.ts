// Links that show a patient their current safety plan (docs/domain/safety.md, decision 0024).

/**
 * 30 days: unlike a questionnaire link (one use, 72 hours) the plan is for the patient to keep and
 * come back to between sessions and in a crisis, so the link must outlive a week or two of care.
 * It stays revocable, and a new plan version shows through the same link.
 */
export const PLAN_LINK_DAYS = 30;

export type PlanLinkState = 'active' | 'expired' | 'revoked';

export function planLinkState(link: { expiresAt: Date; revokedAt: Date | null }, now: Date): PlanLinkState {
  if (link.revokedAt !== null) return 'revoked';
  return link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

/**
 * The only name the patient's page shows: the first word of the preferred name, or nothing.
 * Minimum necessary: a link forwarded or left open should not name the patient in full, and the
 * legal name is never shown.
 */
export function greetingName(preferredName: string | null): string | null {
  const first = preferredName?.trim().split(/\s+/)[0] ?? '';
  return first === '' ? null : first.slice(0, 40);
}
