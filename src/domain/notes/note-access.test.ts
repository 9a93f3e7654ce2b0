import { describe, expect, it } from 'vitest';
import type { NoteType } from './note-content.js';
import { canReadNote } from './note-access.js';

describe('canReadNote', () => {
  it.each<[NoteType, string, string | null, boolean, boolean]>([
    ['progress_dap', 'someone-else', null, false, true],
    ['group', 'someone-else', null, false, true],
    ['sud_counseling', 'reader', null, false, true],
    ['sud_counseling', 'someone-else', 'reader', false, true],
    ['sud_counseling', 'someone-else', 'a-third-person', false, false],
    ['sud_counseling', 'someone-else', null, true, true],
    ['sud_counseling', 'someone-else', null, false, false],
  ])('a %s note by %s, co-signer %s, reader with access %s: %s', (noteType, authorId, cosignerId, counselingNotesAccess, expected) => {
    expect(canReadNote({ noteType, authorId, cosignerId }, { userId: 'reader', counselingNotesAccess })).toBe(expected);
  });
});
