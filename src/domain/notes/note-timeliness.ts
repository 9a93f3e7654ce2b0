// Timeliness (docs/domain/notes.md): a note is due N hours after the end of its service date in the
// site's time zone (the organization's note_signing_limit_hours, default 72). A note not fully
// signed by then (a draft, or a trainee's note still awaiting co-signature) is late. The service
// date's end, not the session's end, is the anchor: every note has a service date, notes without a
// session (crisis calls, phone sessions) are judged the same way, and it never counts against a
// clinician before the day of care is over.
import { addDays, localDateTimeToEpoch } from '../scheduling/local-time.js';

const HOUR_MS = 3_600_000;

export function noteDueAt(serviceDate: string, timeZone: string, limitHours: number): Date {
  const endOfDay = localDateTimeToEpoch(addDays(serviceDate, 1), { hour: 0, minute: 0 }, timeZone);
  return new Date(endOfDay + limitHours * HOUR_MS);
}

export type TimelinessNote = {
  id: string;
  authorId: string;
  status: 'draft' | 'awaiting_cosign' | 'signed';
  serviceDate: string;
  timeZone: string;
};

export function isLate(note: TimelinessNote, limitHours: number, now: Date): boolean {
  return note.status !== 'signed' && noteDueAt(note.serviceDate, note.timeZone, limitHours).getTime() < now.getTime();
}

export type LateNotesRow = { authorId: string; lateCount: number; oldest: { noteId: string; serviceDate: string; dueAt: Date } };

/** Late notes per author, most late first; the oldest is the earliest due. */
export function lateNotesByAuthor(notes: readonly TimelinessNote[], limitHours: number, now: Date): LateNotesRow[] {
  const rows = new Map<string, LateNotesRow>();
  for (const note of notes) {
    if (!isLate(note, limitHours, now)) continue;
    const dueAt = noteDueAt(note.serviceDate, note.timeZone, limitHours);
    const row = rows.get(note.authorId);
    if (!row) {
      rows.set(note.authorId, { authorId: note.authorId, lateCount: 1, oldest: { noteId: note.id, serviceDate: note.serviceDate, dueAt } });
      continue;
    }
    row.lateCount += 1;
    if (dueAt.getTime() < row.oldest.dueAt.getTime()) row.oldest = { noteId: note.id, serviceDate: note.serviceDate, dueAt };
  }
  return [...rows.values()].sort((a, b) => b.lateCount - a.lateCount || a.oldest.dueAt.getTime() - b.oldest.dueAt.getTime());
}
