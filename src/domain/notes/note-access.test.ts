import { describe, expect, it } from 'vitest';
import type { NoteType } from './note-content.js';
import { canReadNote } from './note-access.js';

describe('canReadNote', () => {
  it.each<[NoteType, string, boolean, boolean]>([
    ['progress_dap', 'someone-else', false, true],
    ['group', 'someone-else', false, true],
    ['sud_counseling', 'reader', false, true],
    ['sud_counseling', 'someone-else', true, true],
    ['sud_counseling', 'someone-else', false, false],
  ])('a %s note by %s, reader with access %s: %s', (noteType, authorId, counselingNotesAccess, expected) => {
    expect(canReadNote({ noteType, authorId }, { userId: 'reader', counselingNotesAccess })).toBe(expected);
  });
});
