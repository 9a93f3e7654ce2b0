// Attendance statuses and the minutes each may carry. Minutes are recorded per session and are the
// only input to intensity: wall-clock differences are never used (docs/domain/intensity.md).
import { assertNever, fieldError } from '../errors.js';

export const ATTENDANCE_STATUSES = ['present', 'late', 'left_early', 'absent_excused', 'absent_unexcused', 'cancelled_by_program'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Statuses whose minutes count toward intensity; the others always carry 0 minutes. */
export function countsAsAttended(status: AttendanceStatus): boolean {
  switch (status) {
    case 'present':
    case 'late':
    case 'left_early':
      return true;
    case 'absent_excused':
    case 'absent_unexcused':
    case 'cancelled_by_program':
      return false;
    default:
      return assertNever(status);
  }
}

function assertSessionMinutes(sessionMinutes: number): void {
  if (!Number.isInteger(sessionMinutes) || sessionMinutes <= 0) {
    throw fieldError('sessionMinutes', 'must be a whole number of minutes above 0');
  }
}

/** The minutes to prefill: the whole session for anyone who came (editable for late and left early). */
export function defaultMinutes(status: AttendanceStatus, sessionMinutes: number): number {
  assertSessionMinutes(sessionMinutes);
  return countsAsAttended(status) ? sessionMinutes : 0;
}

/** Throws VALIDATION_FAILED on `minutes` when the value does not fit the status and session. */
export function validateMinutes(status: AttendanceStatus, minutes: number, sessionMinutes: number): void {
  assertSessionMinutes(sessionMinutes);
  if (!Number.isInteger(minutes)) throw fieldError('minutes', 'must be a whole number');
  if (minutes < 0) throw fieldError('minutes', 'cannot be negative');
  if (minutes > sessionMinutes) throw fieldError('minutes', `cannot exceed the session length of ${sessionMinutes} min`);
  switch (status) {
    case 'present':
      if (minutes !== sessionMinutes) {
        throw fieldError(
          'minutes',
          `a present patient attended the whole session (${sessionMinutes} min); record late or left early for less`,
        );
      }
      return;
    case 'late':
    case 'left_early':
      return;
    case 'absent_excused':
    case 'absent_unexcused':
    case 'cancelled_by_program':
      if (minutes !== 0) throw fieldError('minutes', 'must be 0 for an absence or a session the program cancelled');
      return;
    default:
      assertNever(status);
  }
}
