export type SessionTimes = { lastSeenAt: Date; absoluteExpiresAt: Date };
export type SessionLimits = { idleSeconds: number };

export type SessionValidity = 'valid' | 'idle_expired' | 'absolute_expired';

// HIPAA 164.312(a)(2)(iii) automatic logoff: enforced on the server, whatever the browser does.
export function sessionValidity(session: SessionTimes, limits: SessionLimits, now: Date): SessionValidity {
  if (now.getTime() >= session.absoluteExpiresAt.getTime()) return 'absolute_expired';
  if (now.getTime() >= idleExpiresAt(session, limits).getTime()) return 'idle_expired';
  return 'valid';
}

export function idleExpiresAt(session: SessionTimes, limits: SessionLimits): Date {
  const idle = new Date(session.lastSeenAt.getTime() + limits.idleSeconds * 1000);
  return idle.getTime() < session.absoluteExpiresAt.getTime() ? idle : session.absoluteExpiresAt;
}
