// Login throttling without permanent lock-out (NIST SP 800-63B 5.2.2): after a few failures each
// further failure doubles the wait, capped, and the count resets once a quiet window has passed.

export type ThrottleRule = {
  freeFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  windowSeconds: number;
};

export const ACCOUNT_RULE: ThrottleRule = { freeFailures: 5, baseDelaySeconds: 30, maxDelaySeconds: 15 * 60, windowSeconds: 60 * 60 };
export const IP_RULE: ThrottleRule = { freeFailures: 20, baseDelaySeconds: 60, maxDelaySeconds: 15 * 60, windowSeconds: 60 * 60 };

export type ThrottleState = { failures: number; windowStartedAt: Date; blockedUntil: Date | null };

export function retryAfterSeconds(state: ThrottleState | undefined, now: Date): number {
  if (!state?.blockedUntil) return 0;
  const wait = Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000);
  return wait > 0 ? wait : 0;
}

export function afterFailure(state: ThrottleState | undefined, rule: ThrottleRule, now: Date): ThrottleState {
  const windowOver = !state || now.getTime() - state.windowStartedAt.getTime() > rule.windowSeconds * 1000;
  const failures = windowOver ? 1 : state.failures + 1;
  const windowStartedAt = windowOver ? now : state.windowStartedAt;
  const beyond = failures - rule.freeFailures;
  if (beyond <= 0) return { failures, windowStartedAt, blockedUntil: null };
  const delay = Math.min(rule.baseDelaySeconds * 2 ** (beyond - 1), rule.maxDelaySeconds);
  return { failures, windowStartedAt, blockedUntil: new Date(now.getTime() + delay * 1000) };
}
