// The response-time clock of an inquiry (decision 0017). Time to first contact runs from the
// inquiry's arrival to the first call, email or text logged (or the stage leaving `new`, which
// sets the same timestamp). While nobody has made contact and the inquiry is still open, it is
// waiting; it is overdue once it has waited longer than the organization's target.
import { isOpenStage, type InquiryStage } from './stage-rules.js';

const MINUTE_MS = 60_000;

export type ClockFacts = { stage: InquiryStage; urgent: boolean; createdAt: Date; firstContactAt: Date | null };

export type ResponseClock = {
  /** Whole minutes waited so far, while nobody has made contact and the inquiry is open; else null. */
  minutesWaiting: number | null;
  /** Whole minutes from arrival to first contact, once there was contact; else null. */
  minutesToFirstContact: number | null;
  overdue: boolean;
  /** When the first contact is due (arrival + target). */
  dueAt: Date;
};

export function responseClock(facts: ClockFacts, targetMinutes: number, now: Date): ResponseClock {
  const dueAt = new Date(facts.createdAt.getTime() + targetMinutes * MINUTE_MS);
  if (facts.firstContactAt !== null) {
    return {
      minutesWaiting: null,
      minutesToFirstContact: Math.max(0, Math.floor((facts.firstContactAt.getTime() - facts.createdAt.getTime()) / MINUTE_MS)),
      overdue: false,
      dueAt,
    };
  }
  if (!isOpenStage(facts.stage)) return { minutesWaiting: null, minutesToFirstContact: null, overdue: false, dueAt };
  const waitedMs = Math.max(0, now.getTime() - facts.createdAt.getTime());
  // Exactly at the target is still on time; any moment past it is overdue.
  return {
    minutesWaiting: Math.floor(waitedMs / MINUTE_MS),
    minutesToFirstContact: null,
    overdue: waitedMs > targetMinutes * MINUTE_MS,
    dueAt,
  };
}

/** The newest arrival time that is overdue at `now`: created before this and never contacted. */
export function overdueCutoff(targetMinutes: number, now: Date): Date {
  return new Date(now.getTime() - targetMinutes * MINUTE_MS);
}

/** Board order: urgent (same-day call-back) first, then overdue, then the oldest. */
export function compareForBoard(
  a: { urgent: boolean; overdue: boolean; createdAt: Date; id: string },
  b: { urgent: boolean; overdue: boolean; createdAt: Date; id: string },
): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const byAge = a.createdAt.getTime() - b.createdAt.getTime();
  if (byAge !== 0) return byAge;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Median and 90th percentile (nearest rank) of minute values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}
