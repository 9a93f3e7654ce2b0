// The roster as the facilitator edits it before saving: pure functions, unit-tested. Minutes
// follow the domain rules (src/domain/intensity/attendance.ts) so the page shows the same
// defaults and the same errors the server would.
import { defaultMinutes, validateMinutes } from '../../../domain/intensity/attendance';
import { DomainError } from '../../../domain/errors';
import type { AttendanceDto, AttendanceMode, AttendanceStatus, CheckInItem, RosterDto } from '../../lib/api-types';

export type DraftRow = {
  patientId: string;
  name: string;
  expected: boolean;
  walkIn: boolean;
  /** null: nothing recorded yet and nothing chosen. */
  status: AttendanceStatus | null;
  /** '' while the minutes box is empty. */
  minutes: number | '';
  mode: AttendanceMode;
  saved: AttendanceDto | null;
};

export const STATUS_LABELS: Record<AttendanceStatus, string> = {
  present: 'Present',
  late: 'Late',
  left_early: 'Left early',
  absent_excused: 'Absent (excused)',
  absent_unexcused: 'Absent (unexcused)',
  cancelled_by_program: 'Cancelled by program',
};

export function draftFromRoster(roster: RosterDto): DraftRow[] {
  return roster.rows.map((row) => ({
    patientId: row.patientId,
    name: row.name,
    expected: row.expected,
    walkIn: row.walkIn,
    status: row.attendance?.status ?? null,
    minutes: row.attendance?.minutes ?? '',
    mode: row.attendance?.mode ?? roster.session.defaultMode,
    saved: row.attendance,
  }));
}

/** Minutes can be typed only for late and left early; the others follow from the status. */
export function minutesEditable(status: AttendanceStatus | null): boolean {
  return status === 'late' || status === 'left_early';
}

export function withStatus(row: DraftRow, status: AttendanceStatus | null, lengthMinutes: number): DraftRow {
  if (status === null) return { ...row, status: null, minutes: '' };
  return { ...row, status, minutes: defaultMinutes(status, lengthMinutes) };
}

/** Every row with nothing recorded or chosen becomes present; rows already marked keep their status. */
export function markAllPresent(rows: readonly DraftRow[], lengthMinutes: number): DraftRow[] {
  return rows.map((row) => (row.status === null ? withStatus(row, 'present', lengthMinutes) : row));
}

/** The domain's message for minutes that do not fit the status and session, or null. */
export function minutesError(row: DraftRow, lengthMinutes: number): string | null {
  if (row.status === null) return null;
  if (row.minutes === '') return 'Enter the minutes attended';
  try {
    validateMinutes(row.status, row.minutes, lengthMinutes);
    return null;
  } catch (error) {
    if (error instanceof DomainError && Array.isArray(error.details)) {
      const first: unknown = error.details[0];
      if (typeof first === 'object' && first !== null && 'message' in first && typeof first.message === 'string')
        return capitalize(first.message);
    }
    return 'These minutes do not fit the session';
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function isChanged(row: DraftRow): boolean {
  if (row.status === null) return false;
  if (row.saved === null) return true;
  return row.saved.status !== row.status || row.saved.minutes !== row.minutes || row.saved.mode !== row.mode;
}

/** The request items for every changed row, with the version the row was loaded at. */
export function changedItems(rows: readonly DraftRow[]): CheckInItem[] {
  const items: CheckInItem[] = [];
  for (const row of rows) {
    if (!isChanged(row) || row.status === null || row.minutes === '') continue;
    items.push({
      patientId: row.patientId,
      status: row.status,
      minutes: row.minutes,
      mode: row.mode,
      ...(row.saved === null ? {} : { version: row.saved.version }),
    });
  }
  return items;
}

/**
 * A 400 names `attendance[i].minutes`; i indexes the items sent, which map back to a patient.
 * Returns the message per patient id.
 */
export function rowErrorsFrom(issues: readonly { path: string; message: string }[], sent: readonly CheckInItem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const match = /^attendance\[(\d+)\]\.(\w+)$/.exec(issue.path);
    const item = match ? sent[Number(match[1])] : undefined;
    if (item) errors[item.patientId] = capitalize(issue.message);
  }
  return errors;
}

/**
 * A random Idempotency-Key. crypto.randomUUID needs a secure context, which a clinic LAN served
 * over plain http is not; getRandomValues works everywhere.
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
