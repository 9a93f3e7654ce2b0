// API shares of records with an outside system (decision 0030): a revocable, expiring grant whose
// every fetch is decided again by decideDisclosure and logged.
import { planLinkState, type PlanLinkState } from '../safety/plan-links.js';

/** A share lasts a week unless staff choose otherwise, and never more than 30 days. */
export const SHARE_DEFAULT_DAYS = 7;
export const SHARE_MAX_DAYS = 30;

/** Same life as a patient link: revoked wins, then expiry. */
export const shareState: (share: { expiresAt: Date; revokedAt: Date | null }, now: Date) => PlanLinkState = planLinkState;

/** The moment a share made now for `days` days stops working. */
export function shareExpiry(now: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1 || days > SHARE_MAX_DAYS) throw new RangeError(`days must be 1 to ${SHARE_MAX_DAYS}`);
  return new Date(now.getTime() + days * 86_400_000);
}
