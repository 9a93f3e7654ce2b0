import { describe, expect, it } from 'vitest';
import type { AttendanceStatus } from '../intensity/attendance.js';
import {
  attendeeNoteContent,
  checkGroupNote,
  normalizeForComparison,
  rosterChangesSinceSigning,
  type GroupNoteEntryInput,
  type GroupNoteInput,
  type GroupNoteRule,
} from './group-note.js';

const SUMMARY = {
  topic: 'Noticing thinking traps',
  modality: 'CBT',
  interventions: 'Psychoeducation, thought record practice',
  summary: 'The group practised catching all-or-nothing thinking.',
};

function entry(patientId: string, text = patientId): GroupNoteEntryInput {
  return {
    patientId,
    participation: `${text} spoke twice about work`,
    response: `${text} completed a thought record`,
    progress: `${text} is closer to objective one`,
    addressedObjectiveIds: [],
  };
}

function note(overrides: Partial<GroupNoteInput> = {}): GroupNoteInput {
  return {
    summary: SUMMARY,
    entries: [entry('a'), entry('b')],
    attendance: [
      { patientId: 'a', status: 'present', minutes: 180 },
      { patientId: 'b', status: 'late', minutes: 150 },
    ],
    unrecordedPatientIds: [],
    objectiveIds: new Map(),
    ...overrides,
  };
}

function rulesOf(input: GroupNoteInput): { path: string; rule: GroupNoteRule }[] {
  const result = checkGroupNote(input);
  return result.ok ? [] : result.issues.map(({ path, rule }) => ({ path, rule }));
}

describe('checkGroupNote: roster agreement', () => {
  it('accepts one individualized section per attendee and returns the attendees', () => {
    const result = checkGroupNote(note());
    expect(result).toEqual({
      ok: true,
      attendees: [
        { patientId: 'a', status: 'present', minutes: 180 },
        { patientId: 'b', status: 'late', minutes: 150 },
      ],
    });
  });

  it.each<[string, Partial<GroupNoteInput>, { path: string; rule: GroupNoteRule }[]]>([
    ['an attendee without a section', { entries: [entry('a')] }, [{ path: 'entries.b', rule: 'entry_missing' }]],
    [
      'a section for a patient not on the roster',
      { entries: [entry('a'), entry('b'), entry('z')] },
      [{ path: 'entries.z', rule: 'entry_not_attendee' }],
    ],
    [
      'a section for an absent patient',
      {
        entries: [entry('a'), entry('b'), entry('c')],
        attendance: [
          { patientId: 'a', status: 'present', minutes: 180 },
          { patientId: 'b', status: 'left_early', minutes: 90 },
          { patientId: 'c', status: 'absent_excused', minutes: 0 },
        ],
      },
      [{ path: 'entries.c', rule: 'entry_not_attendee' }],
    ],
    [
      'an expected patient whose attendance is not recorded',
      { unrecordedPatientIds: ['d'] },
      [{ path: 'attendance.d', rule: 'attendance_incomplete' }],
    ],
    [
      'a patient checked in after the draft was written',
      {
        attendance: [
          { patientId: 'a', status: 'present', minutes: 180 },
          { patientId: 'b', status: 'present', minutes: 180 },
          { patientId: 'e', status: 'late', minutes: 120 },
        ],
      },
      [{ path: 'entries.e', rule: 'entry_missing' }],
    ],
  ])('refuses %s, naming the patient', (_name, overrides, expected) => {
    expect(rulesOf(note(overrides))).toEqual(expected);
  });

  it('refuses a note for a session nobody attended', () => {
    expect(rulesOf(note({ entries: [], attendance: [{ patientId: 'a', status: 'absent_excused', minutes: 0 }] }))).toEqual([
      { path: 'attendance', rule: 'no_attendees' },
    ]);
  });

  it.each<[AttendanceStatus, boolean]>([
    ['present', true],
    ['late', true],
    ['left_early', true],
    ['absent_excused', false],
    ['absent_unexcused', false],
    ['cancelled_by_program', false],
  ])('a %s patient needs a section: %s', (status, needsSection) => {
    const input = note({ entries: [entry('a')], attendance: [{ patientId: 'a', status, minutes: needsSection ? 180 : 0 }] });
    // Another patient attended, so the note itself has someone to be about.
    const other = { patientId: 'b', status: 'present' as const, minutes: 180 };
    const withSection = checkGroupNote({ ...input, entries: [entry('a'), entry('b')], attendance: [...input.attendance, other] }).ok;
    const withoutSection = checkGroupNote({ ...input, entries: [entry('b')], attendance: [...input.attendance, other] }).ok;
    expect([withSection, withoutSection]).toEqual(needsSection ? [true, false] : [false, true]);
  });

  it('does not compare an absent patient’s refused section with the attendees’ text', () => {
    const result = rulesOf(
      note({
        entries: [entry('a'), entry('b'), entry('a-copy', 'a')].map((e) => (e.patientId === 'a-copy' ? { ...e, patientId: 'c' } : e)),
        attendance: [
          { patientId: 'a', status: 'present', minutes: 180 },
          { patientId: 'b', status: 'present', minutes: 180 },
          { patientId: 'c', status: 'absent_unexcused', minutes: 0 },
        ],
      }),
    );
    expect(result).toEqual([{ path: 'entries.c', rule: 'entry_not_attendee' }]);
  });
});

describe('checkGroupNote: required text', () => {
  it.each(['topic', 'modality', 'interventions', 'summary'] as const)('refuses an empty summary %s', (field) => {
    expect(rulesOf(note({ summary: { ...SUMMARY, [field]: '  ' } }))).toEqual([{ path: `summary.${field}`, rule: 'summary_required' }]);
  });

  it.each(['participation', 'response', 'progress'] as const)('refuses an attendee’s empty %s (punctuation alone is empty)', (field) => {
    expect(rulesOf(note({ entries: [{ ...entry('a'), [field]: ' ... ' }, entry('b')] }))).toEqual([
      { path: `entries.a.${field}`, rule: 'entry_required' },
    ]);
  });

  it('refuses an addressed objective that is not in the patient’s plan', () => {
    const input = note({
      entries: [{ ...entry('a'), addressedObjectiveIds: ['obj-a', 'obj-b'] }, entry('b')],
      objectiveIds: new Map([['a', new Set(['obj-a'])]]),
    });
    expect(rulesOf(input)).toEqual([{ path: 'entries.a.addressedObjectiveIds', rule: 'objective_not_in_plan' }]);
  });
});

describe('checkGroupNote: identical individualized text', () => {
  it.each<[string, string, string]>([
    ['the same words', 'Participated actively.', 'Participated actively.'],
    ['different case', 'Participated actively', 'PARTICIPATED ACTIVELY'],
    ['different whitespace', 'Participated  actively', ' Participated\nactively '],
    ['different punctuation', 'Participated, actively!', 'Participated actively.'],
    ['a very short stock phrase', 'Attentive.', 'attentive'],
  ])('refuses %s in one field for two attendees', (_name, first, second) => {
    const input = note({
      entries: [
        { ...entry('a'), participation: first },
        { ...entry('b'), participation: second },
      ],
    });
    expect(rulesOf(input)).toEqual([
      { path: 'entries.a.participation', rule: 'identical_text' },
      { path: 'entries.b.participation', rule: 'identical_text' },
    ]);
  });

  it('refuses a whole section copied to another attendee, at every field and the section', () => {
    const copied = { ...entry('a'), patientId: 'b' };
    const issues = rulesOf(note({ entries: [entry('a'), copied] }));
    expect(issues).toHaveLength(8);
    expect(issues).toContainEqual({ path: 'entries.b', rule: 'identical_text' });
    expect(issues).toContainEqual({ path: 'entries.a.progress', rule: 'identical_text' });
  });

  it('refuses a section whose text was only moved between fields', () => {
    const a = {
      patientId: 'a',
      participation: 'Quiet at first.',
      response: 'Then shared an example.',
      progress: 'None yet.',
      addressedObjectiveIds: [],
    };
    const b = {
      patientId: 'b',
      participation: 'Quiet at first. Then shared',
      response: 'an example. None',
      progress: 'yet',
      addressedObjectiveIds: [],
    };
    expect(rulesOf(note({ entries: [a, b] }))).toEqual([
      { path: 'entries.a', rule: 'identical_text' },
      { path: 'entries.b', rule: 'identical_text' },
    ]);
  });

  it('accepts the same text in different fields of different attendees', () => {
    const a = { ...entry('a'), participation: 'Engaged throughout' };
    const b = { ...entry('b'), response: 'Engaged throughout' };
    expect(checkGroupNote(note({ entries: [a, b] })).ok).toBe(true);
  });

  it('names only the attendees who share text when three attended', () => {
    const input = note({
      entries: [entry('a'), { ...entry('b'), progress: 'No change' }, { ...entry('c'), progress: 'no change.' }],
      attendance: ['a', 'b', 'c'].map((patientId) => ({ patientId, status: 'present' as const, minutes: 180 })),
    });
    expect(rulesOf(input)).toEqual([
      { path: 'entries.b.progress', rule: 'identical_text' },
      { path: 'entries.c.progress', rule: 'identical_text' },
    ]);
  });
});

describe('normalizeForComparison', () => {
  it.each([
    ['  Hello,   World! ', 'hello world'],
    ['Self-care — daily', 'self care daily'],
    ['Ｆｕｌｌ width', 'full width'],
    ['', ''],
  ])('%j → %j', (raw, normalized) => {
    expect(normalizeForComparison(raw)).toBe(normalized);
  });
});

describe('attendeeNoteContent', () => {
  it('writes the shared summary, the roster’s status and minutes, and the attendee’s own text', () => {
    expect(attendeeNoteContent(SUMMARY, entry('a'), { patientId: 'a', status: 'late', minutes: 150 })).toEqual({
      ...SUMMARY,
      attendanceStatus: 'late',
      minutes: '150',
      participation: 'a spoke twice about work',
      response: 'a completed a thought record',
      progress: 'a is closer to objective one',
    });
  });
});

describe('rosterChangesSinceSigning', () => {
  const written = [
    { patientId: 'a', attendanceStatus: 'present', minutes: '180' },
    { patientId: 'b', attendanceStatus: 'late', minutes: '150' },
  ];

  it('finds nothing when the roster still says what the notes say', () => {
    expect(
      rosterChangesSinceSigning(written, [
        { patientId: 'a', status: 'present', minutes: 180 },
        { patientId: 'b', status: 'late', minutes: 150 },
        { patientId: 'c', status: 'absent_excused', minutes: 0 },
      ]),
    ).toEqual([]);
  });

  it('lists a corrected status or minutes, a removed record and a late check-in', () => {
    expect(
      rosterChangesSinceSigning(written, [
        { patientId: 'b', status: 'left_early', minutes: 90 },
        { patientId: 'd', status: 'present', minutes: 180 },
      ]),
    ).toEqual([
      { patientId: 'a', message: 'attendance record removed after signing' },
      { patientId: 'b', message: 'note says late, 150 min; roster now says left_early, 90 min' },
      { patientId: 'd', message: 'checked in (present, 180 min) after signing: no group note' },
    ]);
  });
});
