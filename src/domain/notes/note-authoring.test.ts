import { describe, expect, it } from 'vitest';
import type { Role } from '../access/roles.js';
import type { NoteType } from './note-content.js';
import { canWriteNoteType, writableNoteTypes } from './note-authoring.js';

describe('canWriteNoteType', () => {
  it.each<[Role, NoteType, boolean]>([
    ['clinician', 'progress_dap', true],
    ['clinician', 'sud_counseling', true],
    ['clinician', 'psychiatric_evaluation', false],
    ['clinician', 'medication_management', false],
    ['director', 'crisis_safety', true],
    ['director', 'medication_management', false],
    ['psychiatrist', 'psychiatric_evaluation', true],
    ['psychiatrist', 'family_session', true],
    ['psychiatrist', 'group', false],
    ['admissions', 'progress_dap', false],
    ['billing', 'progress_dap', false],
  ])('%s writes %s: %s', (role, type, expected) => {
    expect(canWriteNoteType([role], type)).toBe(expected);
  });

  it('lists what a clinician may write, without the prescriber notes or group notes', () => {
    expect(writableNoteTypes(['clinician'])).toEqual(['progress_dap', 'family_session', 'crisis_safety', 'sud_counseling']);
  });
});
