import { useEffect, useState } from 'react';

/**
 * The client clock, re-read every `intervalMs` while `intervalMs` is not null. Reading the clock
 * on each tick (rather than counting ticks) stays right after the computer sleeps. Until the
 * first tick the value is the mount time, which is early, so it can only delay a warning by one tick.
 */
export function useNow(intervalMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (intervalMs === null) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
