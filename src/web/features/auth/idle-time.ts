// Pure arithmetic for the idle lock. All results are in client-clock milliseconds.

// The Date header has one-second resolution and is rounded down, so a server time read from it
// may be up to a second early; lock that much sooner rather than later than the server does.
export const DATE_HEADER_MARGIN_MS = 1000;

/** How far the server clock is ahead of the client clock, from a response's Date header. */
export function clockOffsetMs(serverDate: number, receivedAt: number): number {
  return serverDate - receivedAt;
}

/** A server timestamp expressed on the client clock. */
export function toClientTime(serverIso: string, offsetMs: number): number | null {
  const serverMs = Date.parse(serverIso);
  if (Number.isNaN(serverMs)) return null;
  return serverMs - offsetMs - DATE_HEADER_MARGIN_MS;
}

/** Warn one minute before the lock, or at half the timeout when the timeout is under two minutes. */
export function warnBeforeMs(idleTimeoutSeconds: number): number {
  return idleTimeoutSeconds < 120 ? (idleTimeoutSeconds * 1000) / 2 : 60_000;
}

export type LockState = { kind: 'ok' } | { kind: 'warn'; secondsLeft: number } | { kind: 'idle-locked' } | { kind: 'expired' };

export function lockState(
  nowMs: number,
  clock: { idleDeadline: number | null; absoluteDeadline: number | null; idleTimeoutSeconds: number | null },
): LockState {
  if (clock.absoluteDeadline !== null && nowMs >= clock.absoluteDeadline) return { kind: 'expired' };
  if (clock.idleDeadline === null || clock.idleTimeoutSeconds === null) return { kind: 'ok' };
  const left = clock.idleDeadline - nowMs;
  if (left <= 0) return { kind: 'idle-locked' };
  if (left <= warnBeforeMs(clock.idleTimeoutSeconds)) {
    return { kind: 'warn', secondsLeft: Math.ceil(left / 1000) };
  }
  return { kind: 'ok' };
}
