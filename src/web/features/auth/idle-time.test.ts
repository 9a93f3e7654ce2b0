import { describe, expect, it } from 'vitest';
import { DATE_HEADER_MARGIN_MS, clockOffsetMs, lockState, toClientTime, warnBeforeMs } from './idle-time';

const T0 = Date.parse('2025-01-06T10:00:00.000Z');
const clock = (idleDeadline: number | null, absoluteDeadline: number | null = null, idleTimeoutSeconds = 900) => ({
  idleDeadline,
  absoluteDeadline,
  idleTimeoutSeconds,
});

describe('warnBeforeMs', () => {
  it.each([
    [900, 60_000],
    [120, 60_000],
    [119, 59_500],
    [60, 30_000],
  ])('warns %i-second timeouts %i ms ahead', (timeout, expected) => {
    expect(warnBeforeMs(timeout)).toBe(expected);
  });
});

describe('toClientTime', () => {
  it('moves a server time onto a client clock that is two minutes behind, a margin early', () => {
    const offset = clockOffsetMs(T0 + 120_000, T0);
    expect(toClientTime('2025-01-06T10:15:00.000Z', offset)).toBe(T0 + 15 * 60_000 - 120_000 - DATE_HEADER_MARGIN_MS);
  });

  it('gives null for an unreadable time', () => {
    expect(toClientTime('soon', 0)).toBeNull();
  });
});

describe('lockState', () => {
  it('is quiet long before the deadline', () => {
    expect(lockState(T0, clock(T0 + 61_000))).toEqual({ kind: 'ok' });
  });

  it('warns one minute before, counting whole seconds up', () => {
    expect(lockState(T0, clock(T0 + 60_000))).toEqual({ kind: 'warn', secondsLeft: 60 });
    expect(lockState(T0, clock(T0 + 1_200))).toEqual({ kind: 'warn', secondsLeft: 2 });
  });

  it('locks at the deadline', () => {
    expect(lockState(T0, clock(T0))).toEqual({ kind: 'idle-locked' });
  });

  it('warns at half of a short timeout', () => {
    expect(lockState(T0, clock(T0 + 31_000, null, 60))).toEqual({ kind: 'ok' });
    expect(lockState(T0, clock(T0 + 30_000, null, 60))).toEqual({ kind: 'warn', secondsLeft: 30 });
  });

  it('ends the session at its absolute limit even when recently active', () => {
    expect(lockState(T0, clock(T0 + 600_000, T0))).toEqual({ kind: 'expired' });
  });

  it('does nothing without a session', () => {
    expect(lockState(T0, { idleDeadline: null, absoluteDeadline: null, idleTimeoutSeconds: null })).toEqual({
      kind: 'ok',
    });
  });
});
