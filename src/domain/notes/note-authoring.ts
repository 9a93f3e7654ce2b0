// Who writes which note type (docs/roles.md, notes). Psychiatric evaluations and medication
// management are a prescriber's work; the other individual notes are any clinical role's. Group
// notes are never written here: signing a group note creates them.
import type { Role } from '../access/roles.js';
import type { NoteType } from './note-content.js';

export const NOTE_ROLES = ['clinician', 'psychiatrist', 'director'] as const satisfies readonly Role[];

export const NOTE_WRITERS: Record<NoteType, readonly Role[]> = {
  progress_dap: NOTE_ROLES,
  family_session: NOTE_ROLES,
  crisis_safety: NOTE_ROLES,
  sud_counseling: NOTE_ROLES,
  psychiatric_evaluation: ['psychiatrist'],
  medication_management: ['psychiatrist'],
  group: [],
};

export function canWriteNoteType(roles: readonly Role[], noteType: NoteType): boolean {
  return roles.some((role) => NOTE_WRITERS[noteType].includes(role));
}

export function writableNoteTypes(roles: readonly Role[]): NoteType[] {
  return (Object.keys(NOTE_WRITERS) as NoteType[]).filter((type) => canWriteNoteType(roles, type));
}
