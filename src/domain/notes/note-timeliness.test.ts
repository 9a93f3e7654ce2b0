import { describe, expect, it } from 'vitest';
import { isLate, lateNotesByAuthor, noteDueAt, type TimelinessNote } from './note-timeliness.js';

const note = (over: Partial<TimelinessNote> = {}): TimelinessNote => ({
  id: 'n1',
  authorId: 'a1',
  status: 'draft',
  serviceDate: '2026-11-02',
  timeZone: 'America/Chicago',
  ...over,
});

describe('noteDueAt', () => {
  it.each([
    // End of 2 Nov in Chicago (CST, UTC-6) is 06:00Z on 3 Nov; + 72 h.
    ['2026-11-02', 'America/Chicago', 72, '2026-11-06T06:00:00.000Z'],
    // The DST change (1 Nov 2026, US): 31 Oct ends in CDT (05:00Z); 1 Nov lasts 25 hours and ends in CST (06:00Z).
    ['2026-10-31', 'America/Chicago', 24, '2026-11-02T05:00:00.000Z'],
    ['2026-11-01', 'America/Chicago', 1, '2026-11-02T07:00:00.000Z'],
    ['2026-11-02', 'UTC', 72, '2026-11-06T00:00:00.000Z'],
  ])('a note of %s in %s with a %i-hour limit is due at %s', (serviceDate, zone, hours, expected) => {
    expect(noteDueAt(serviceDate, zone, hours).toISOString()).toBe(expected);
  });
});

describe('isLate', () => {
  const due = new Date('2026-11-06T06:00:00Z');
  it.each<[string, TimelinessNote['status'], number, boolean]>([
    ['a draft one minute before the limit', 'draft', -60_000, false],
    ['a draft exactly at the limit', 'draft', 0, false],
    ['a draft one minute past the limit', 'draft', 60_000, true],
    ['a note awaiting co-signature past the limit', 'awaiting_cosign', 60_000, true],
    ['a signed note long past the limit', 'signed', 86_400_000, false],
  ])('%s: %s', (_label, status, offset, expected) => {
    expect(isLate(note({ status }), 72, new Date(due.getTime() + offset))).toBe(expected);
  });
});

describe('lateNotesByAuthor', () => {
  it('counts each author’s late notes and names the oldest, most late first', () => {
    const now = new Date('2026-11-20T00:00:00Z');
    const rows = lateNotesByAuthor(
      [
        note({ id: 'a-new', authorId: 'a', serviceDate: '2026-11-10' }),
        note({ id: 'a-old', authorId: 'a', serviceDate: '2026-11-03' }),
        note({ id: 'b-1', authorId: 'b', serviceDate: '2026-11-05' }),
        note({ id: 'b-signed', authorId: 'b', serviceDate: '2026-11-01', status: 'signed' }),
        note({ id: 'c-recent', authorId: 'c', serviceDate: '2026-11-19' }),
      ],
      72,
      now,
    );
    expect(rows.map((row) => [row.authorId, row.lateCount, row.oldest.noteId])).toEqual([
      ['a', 2, 'a-old'],
      ['b', 1, 'b-1'],
    ]);
  });
});
