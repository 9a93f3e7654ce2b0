import { DomainError } from '../../../domain/errors';
import { validateAvailability } from '../../../domain/staff/availability';
import { ApiError } from '../../lib/api';
import type { AvailabilityWindowDto } from '../../lib/api-types';

export const WEEKDAYS = [
  { value: 1, short: 'Mon', label: 'Monday' },
  { value: 2, short: 'Tue', label: 'Tuesday' },
  { value: 3, short: 'Wed', label: 'Wednesday' },
  { value: 4, short: 'Thu', label: 'Thursday' },
  { value: 5, short: 'Fri', label: 'Friday' },
  { value: 6, short: 'Sat', label: 'Saturday' },
  { value: 7, short: 'Sun', label: 'Sunday' },
] as const;

/** "Mon 09:00–12:00, 13:00–17:00 · Wed 17:00–20:00", or "Not set". */
export function availabilitySummary(windows: readonly AvailabilityWindowDto[]): string {
  const days: string[] = [];
  for (const day of WEEKDAYS) {
    const spans = windows
      .filter((window) => window.weekday === day.value)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((window) => `${window.start}–${window.end}`);
    if (spans.length > 0) days.push(`${day.short} ${spans.join(', ')}`);
  }
  return days.length === 0 ? 'Not set' : days.join(' · ');
}

/** Messages per row index from issue paths like "weeklyAvailability.2.end" (client or server). */
export function rowErrors(issues: readonly { path: string; message: string }[]): Map<number, string> {
  const rows = new Map<number, string>();
  for (const issue of issues) {
    const match = /^(?:body\.)?weeklyAvailability\.(\d+)/.exec(issue.path);
    if (match && !rows.has(Number(match[1]))) rows.set(Number(match[1]), issue.message);
  }
  return rows;
}

/** The same check the server makes, run before sending so each row shows its problem at once. */
export function checkAvailability(windows: readonly AvailabilityWindowDto[]): Map<number, string> {
  try {
    validateAvailability(windows);
    return new Map<number, string>();
  } catch (error) {
    if (error instanceof DomainError && Array.isArray(error.details))
      return rowErrors(error.details as { path: string; message: string }[]);
    throw error;
  }
}

export function serverRowErrors(error: unknown): Map<number, string> {
  return error instanceof ApiError ? rowErrors(error.validationIssues) : new Map<number, string>();
}
