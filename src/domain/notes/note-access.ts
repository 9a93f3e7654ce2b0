import type { NoteType } from './note-content.js';

// SUD counseling notes are kept apart from the general chart (42 CFR Part 2, DOMAIN.md section 7):
// only their author, the supervisor named to co-sign a trainee's note, and staff given explicit
// access (staff_profiles.counseling_notes_access) read them. Every other note type is readable by anyone who may read the chart.
export type NoteReader = { userId: string; counselingNotesAccess: boolean };

export function canReadNote(note: { noteType: NoteType; authorId: string; cosignerId: string | null }, reader: NoteReader): boolean {
  if (note.noteType !== 'sud_counseling') return true;
  return note.authorId === reader.userId || note.cosignerId === reader.userId || reader.counselingNotesAccess;
}
