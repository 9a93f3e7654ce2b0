import { describe, expect, it } from 'vitest';
import { bodyOf, differences, draftFrom, placeIssues } from './group-note-draft';
import type { GroupNoteDto, GroupNoteRosterRow } from './group-notes-api';

const row = (patientId: string, name: string, attendee: boolean): GroupNoteRosterRow => ({
  patientId,
  name,
  episodeId: null,
  status: attendee ? 'present' : 'absent_excused',
  minutes: attendee ? 180 : 0,
  mode: 'in_person',
  attendee,
  objectives: [{ id: 'o1', statement: 'Walk daily', targetDate: '2026-12-01', goal: 'Feel better' }],
});

const ROSTER = [row('a', 'Ann A', true), row('b', 'Bo B', true), row('c', 'Cy C', false)];

const NOTE: GroupNoteDto = {
  id: 'n',
  sessionId: 's',
  status: 'draft',
  version: 3,
  part2: false,
  summary: { topic: 'Sleep', modality: 'CBT-I', interventions: 'Sleep diary', summary: 'Reviewed diaries' },
  entries: [
    {
      patientId: 'a',
      participation: 'Shared diary',
      response: 'Curious',
      progress: 'Slept 6h',
      addressedObjectiveIds: ['o1'],
      updatedAt: '',
    },
    // A section for someone absent now (attendance was corrected after it was written).
    { patientId: 'c', participation: 'Old', response: 'Old', progress: 'Old', addressedObjectiveIds: [], updatedAt: '' },
  ],
  author: { id: 'u', name: 'Test clinician' },
  createdAt: '',
  updatedAt: '',
  signedBy: null,
  signedAt: null,
  cosigner: null,
  cosignedBy: null,
  cosignedAt: null,
  notesWritten: 0,
};

describe('draftFrom and bodyOf', () => {
  it('gives every attendee a section, empty when not written, and sends attendees’ sections only', () => {
    const draft = draftFrom(NOTE, ROSTER);
    expect(Object.keys(draft.entries)).toEqual(['a', 'b']);
    expect(draft.entries.b).toEqual({ patientId: 'b', participation: '', response: '', progress: '', addressedObjectiveIds: [] });
    expect(bodyOf(draft, ROSTER).entries.map((entry) => entry.patientId)).toEqual(['a', 'b']);
  });

  it('starts empty without a note', () => {
    expect(draftFrom(null, ROSTER).summary).toEqual({ topic: '', modality: '', interventions: '', summary: '' });
  });
});

describe('placeIssues', () => {
  it('puts summary and section issues at their field and the rest in the general list', () => {
    expect(
      placeIssues([
        { path: 'summary.topic', message: 'is required', rule: 'summary_required' },
        { path: 'entries.a.response', message: 'same as another', rule: 'identical_text', patientId: 'a' },
        { path: 'entries.a.response', message: 'and again', rule: 'identical_text', patientId: 'a' },
        { path: 'attendance.c', message: 'record attendance first', rule: 'attendance_incomplete', patientId: 'c' },
      ]),
    ).toEqual({
      byPath: { 'summary.topic': 'is required', 'entries.a.response': 'same as another and again' },
      general: ['record attendance first'],
    });
  });
});

describe('differences', () => {
  it('lists each field that differs, labelled with the attendee’s name', () => {
    const theirs = draftFrom(NOTE, ROSTER);
    const mine = draftFrom(NOTE, ROSTER);
    mine.summary = { ...mine.summary, topic: 'Sleep hygiene' };
    mine.entries.a = {
      patientId: 'a',
      participation: 'Shared diary',
      response: 'Curious',
      progress: 'Slept 7h',
      addressedObjectiveIds: [],
    };
    expect(differences(mine, theirs, ROSTER)).toEqual([
      { label: 'Topic', mine: 'Sleep hygiene', theirs: 'Sleep' },
      { label: 'Ann A: Progress on plan objectives', mine: 'Slept 7h', theirs: 'Slept 6h' },
      { label: 'Ann A: objectives addressed', mine: '', theirs: 'Walk daily' },
    ]);
  });
});
