import { countsAsAttended, type AttendanceStatus } from '../intensity/attendance.js';
import type { GroupSummary } from './note-content.js';

// The signing check of a group note (docs/domain/group-notes.md): one shared summary plus an
// individualized section for every attendee, agreeing with the session's roster. Payers deny group
// days whose notes are not individualized (DOMAIN.md section 3), so identical text across attendees
// is refused. Pure: the caller reads the roster and the entries; the result is a value.

export const GROUP_SUMMARY_FIELDS = ['topic', 'modality', 'interventions', 'summary'] as const satisfies readonly (keyof GroupSummary)[];
export const ENTRY_FIELDS = ['participation', 'response', 'progress'] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

export type GroupNoteEntryInput = {
  patientId: string;
  participation: string;
  response: string;
  progress: string;
  addressedObjectiveIds: readonly string[];
};

/** One row of the session's attendance (the roster). */
export type RosterAttendance = { patientId: string; status: AttendanceStatus; minutes: number };

/**
 * The rule each issue breaks, so the caller and the editor can say which one:
 * - summary_required: a shared summary field is empty;
 * - attendance_incomplete: an expected patient has no attendance recorded yet;
 * - entry_missing: an attendee has no individualized section;
 * - entry_not_attendee: a section for someone who did not attend (absent or not on the roster);
 * - entry_required: an attendee's participation, response or progress is empty;
 * - identical_text: the same text (ignoring case, whitespace and punctuation) as another attendee's;
 * - objective_not_in_plan: an addressed objective that is not in that patient's plan;
 * - no_attendees: nobody attended, so there is no one to write a note for.
 */
export type GroupNoteRule =
  | 'summary_required'
  | 'attendance_incomplete'
  | 'entry_missing'
  | 'entry_not_attendee'
  | 'entry_required'
  | 'identical_text'
  | 'objective_not_in_plan'
  | 'no_attendees';

export type GroupNoteIssue = { path: string; message: string; rule: GroupNoteRule; patientId?: string };

export type GroupNoteCheck = { ok: true; attendees: RosterAttendance[] } | { ok: false; issues: GroupNoteIssue[] };

export function isAttendee(status: AttendanceStatus): boolean {
  return countsAsAttended(status);
}

/**
 * Text as compared for copying: lower case, punctuation and symbols removed, runs of whitespace
 * made one space. "Participated well." and "participated  WELL" are the same text.
 */
export function normalizeForComparison(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Empty, or only punctuation and spaces: nothing was written. */
export function isBlank(text: string): boolean {
  return normalizeForComparison(text) === '';
}

export type GroupNoteInput = {
  summary: GroupSummary;
  entries: readonly GroupNoteEntryInput[];
  /** Attendance recorded for the session, every status. */
  attendance: readonly RosterAttendance[];
  /** Patients expected at the session with no attendance recorded yet. */
  unrecordedPatientIds: readonly string[];
  /** Each attendee's plan objective ids (any status); an id outside the set is refused. */
  objectiveIds: ReadonlyMap<string, ReadonlySet<string>>;
};

/**
 * Whether the note may be signed. Issue paths name the patient: `entries.<patientId>.response`.
 * Very short stock phrases count as text like any other: "Participated." written for two attendees
 * is identical text (a length threshold would let through exactly the boilerplate payers deny).
 */
export function checkGroupNote(input: GroupNoteInput): GroupNoteCheck {
  const issues: GroupNoteIssue[] = [];
  for (const field of GROUP_SUMMARY_FIELDS) {
    if (isBlank(input.summary[field])) issues.push({ path: `summary.${field}`, message: 'is required', rule: 'summary_required' });
  }
  for (const patientId of input.unrecordedPatientIds) {
    issues.push({
      path: `attendance.${patientId}`,
      message: 'record this patient’s attendance first: the note must agree with a complete roster',
      rule: 'attendance_incomplete',
      patientId,
    });
  }

  const attendees = input.attendance.filter((row) => isAttendee(row.status));
  if (attendees.length === 0 && input.unrecordedPatientIds.length === 0)
    issues.push({ path: 'attendance', message: 'nobody attended this session: there is no one to write a note for', rule: 'no_attendees' });
  const attendeeIds = new Set(attendees.map((row) => row.patientId));
  const statusOf = new Map(input.attendance.map((row) => [row.patientId, row.status]));
  const entryIds = new Set<string>();
  const written: GroupNoteEntryInput[] = [];
  for (const entry of input.entries) {
    entryIds.add(entry.patientId);
    if (!attendeeIds.has(entry.patientId)) {
      const status = statusOf.get(entry.patientId);
      issues.push({
        path: `entries.${entry.patientId}`,
        message:
          status === undefined
            ? 'this patient is not on the session’s roster: remove the section'
            : `this patient did not attend (${status}): remove the section`,
        rule: 'entry_not_attendee',
        patientId: entry.patientId,
      });
      continue;
    }
    written.push(entry);
    for (const field of ENTRY_FIELDS) {
      if (isBlank(entry[field]))
        issues.push({
          path: `entries.${entry.patientId}.${field}`,
          message: 'is required',
          rule: 'entry_required',
          patientId: entry.patientId,
        });
    }
    const planObjectives = input.objectiveIds.get(entry.patientId) ?? new Set<string>();
    for (const objectiveId of entry.addressedObjectiveIds) {
      if (!planObjectives.has(objectiveId))
        issues.push({
          path: `entries.${entry.patientId}.addressedObjectiveIds`,
          message: `objective ${objectiveId} is not in this patient’s treatment plan`,
          rule: 'objective_not_in_plan',
          patientId: entry.patientId,
        });
    }
  }
  for (const attendee of attendees) {
    if (!entryIds.has(attendee.patientId))
      issues.push({
        path: `entries.${attendee.patientId}`,
        message: `this patient attended (${attendee.status}, ${attendee.minutes} min) and needs an individualized section`,
        rule: 'entry_missing',
        patientId: attendee.patientId,
      });
  }
  issues.push(...identicalTextIssues(written));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, attendees };
}

/** Duplicates per field, and of the whole section (the three fields run together, so moving a sentence between fields does not hide a copy). */
export function identicalTextIssues(entries: readonly GroupNoteEntryInput[]): GroupNoteIssue[] {
  const issues: GroupNoteIssue[] = [];
  for (const field of ENTRY_FIELDS) {
    for (const group of duplicates(entries, (entry) => normalizeForComparison(entry[field]))) {
      for (const entry of group) {
        issues.push({
          path: `entries.${entry.patientId}.${field}`,
          message: `is the same text as another attendee’s ${field}: write what this patient did`,
          rule: 'identical_text',
          patientId: entry.patientId,
        });
      }
    }
  }
  const section = (entry: GroupNoteEntryInput) =>
    ENTRY_FIELDS.map((field) => normalizeForComparison(entry[field]))
      .join(' ')
      .trim();
  for (const group of duplicates(entries, section)) {
    for (const entry of group) {
      issues.push({
        path: `entries.${entry.patientId}`,
        message: 'the individualized section is the same text as another attendee’s',
        rule: 'identical_text',
        patientId: entry.patientId,
      });
    }
  }
  return issues;
}

/** Groups of two or more entries with the same non-empty key. */
function duplicates(entries: readonly GroupNoteEntryInput[], key: (entry: GroupNoteEntryInput) => string): GroupNoteEntryInput[][] {
  const byKey = new Map<string, GroupNoteEntryInput[]>();
  for (const entry of entries) {
    const value = key(entry);
    if (value === '') continue;
    const group = byKey.get(value) ?? [];
    group.push(entry);
    byKey.set(value, group);
  }
  return [...byKey.values()].filter((group) => group.length > 1);
}

/** The content of the note each attendee's chart receives (NOTE_TYPE_DEFINITIONS.group). */
export function attendeeNoteContent(
  summary: GroupSummary,
  entry: GroupNoteEntryInput,
  attendance: RosterAttendance,
): Record<string, string> {
  return {
    topic: summary.topic.trim(),
    modality: summary.modality.trim(),
    interventions: summary.interventions.trim(),
    summary: summary.summary.trim(),
    attendanceStatus: attendance.status,
    minutes: String(attendance.minutes),
    participation: entry.participation.trim(),
    response: entry.response.trim(),
    progress: entry.progress.trim(),
  };
}

/** What an attendee's signed note recorded about their attendance. */
export type WrittenAttendance = { patientId: string; attendanceStatus: string; minutes: string };

export type RosterChange = { patientId: string; message: string };

/**
 * Where the roster changed after signing (an attendance correction): the signed notes are never
 * edited, so each change is listed for the facilitator to answer with an addendum
 * (docs/domain/group-notes.md).
 */
export function rosterChangesSinceSigning(written: readonly WrittenAttendance[], attendance: readonly RosterAttendance[]): RosterChange[] {
  const changes: RosterChange[] = [];
  const now = new Map(attendance.map((row) => [row.patientId, row]));
  const noted = new Set<string>();
  for (const note of written) {
    noted.add(note.patientId);
    const row = now.get(note.patientId);
    if (row === undefined) changes.push({ patientId: note.patientId, message: 'attendance record removed after signing' });
    else if (row.status !== note.attendanceStatus || String(row.minutes) !== note.minutes)
      changes.push({
        patientId: note.patientId,
        message: `note says ${note.attendanceStatus}, ${note.minutes} min; roster now says ${row.status}, ${row.minutes} min`,
      });
  }
  for (const row of attendance) {
    if (isAttendee(row.status) && !noted.has(row.patientId))
      changes.push({ patientId: row.patientId, message: `checked in (${row.status}, ${row.minutes} min) after signing: no group note` });
  }
  return changes;
}
