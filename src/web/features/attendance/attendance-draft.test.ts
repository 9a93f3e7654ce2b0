import { describe, expect, it } from 'vitest';
import type { AttendanceDto, RosterDto } from '../../lib/api-types';
import {
  changedItems,
  draftFromRoster,
  markAllPresent,
  minutesEditable,
  minutesError,
  newIdempotencyKey,
  rowErrorsFrom,
  withStatus,
  type DraftRow,
} from './attendance-draft';

const saved: AttendanceDto = {
  id: 'a1',
  patientId: 'p2',
  episodeId: 'e2',
  status: 'absent_excused',
  minutes: 0,
  mode: 'in_person',
  walkIn: false,
  version: 3,
  recordedAt: '2026-11-04T15:05:00.000Z',
  recordedBy: 'u1',
};

const roster: RosterDto = {
  session: {
    id: 's1',
    title: 'CBT skills',
    kind: 'group',
    siteId: 'site',
    siteName: 'North',
    timeZone: 'America/Chicago',
    programId: 'prog',
    startsAt: '2026-11-04T15:00:00.000Z',
    endsAt: '2026-11-04T18:00:00.000Z',
    localDate: '2026-11-04',
    lengthMinutes: 180,
    status: 'scheduled',
    cancelReason: null,
    defaultMode: 'telehealth',
    dayClosed: false,
    dayClosedAt: null,
  },
  rows: [
    { patientId: 'p1', name: 'Ana Aalto', episodeId: 'e1', expected: true, walkIn: false, attendance: null },
    { patientId: 'p2', name: 'Ben Berg', episodeId: 'e2', expected: true, walkIn: false, attendance: saved },
  ],
  counts: { expected: 2, recorded: 1, attended: 0, walkIns: 0 },
};

function row(draft: DraftRow[], index: number): DraftRow {
  const value = draft[index];
  if (!value) throw new Error('no row');
  return value;
}

describe('the attendance draft', () => {
  it('starts from the roster: recorded rows keep their values, others are blank in the session mode', () => {
    const draft = draftFromRoster(roster);
    expect(row(draft, 0)).toMatchObject({ status: null, minutes: '', mode: 'telehealth', saved: null });
    expect(row(draft, 1)).toMatchObject({ status: 'absent_excused', minutes: 0, mode: 'in_person', saved });
    expect(changedItems(draft)).toEqual([]);
  });

  it('marks every unmarked row present with the full session, leaving marked rows alone', () => {
    const draft = markAllPresent(draftFromRoster(roster), 180);
    expect(row(draft, 0)).toMatchObject({ status: 'present', minutes: 180 });
    expect(row(draft, 1)).toMatchObject({ status: 'absent_excused', minutes: 0 });
    expect(changedItems(draft)).toEqual([{ patientId: 'p1', status: 'present', minutes: 180, mode: 'telehealth' }]);
  });

  it.each([
    ['present', 180, false],
    ['late', 180, true],
    ['left_early', 180, true],
    ['absent_unexcused', 0, false],
    ['cancelled_by_program', 0, false],
  ] as const)('defaults %s to %i minutes (editable: %s)', (status, minutes, editable) => {
    const changed = withStatus(row(draftFromRoster(roster), 0), status, 180);
    expect(changed.minutes).toBe(minutes);
    expect(minutesEditable(status)).toBe(editable);
  });

  it('sends a changed recorded row with the version it was loaded at', () => {
    const draft = draftFromRoster(roster);
    const edited = [row(draft, 0), { ...withStatus(row(draft, 1), 'late', 180), minutes: 150 }];
    expect(changedItems(edited)).toEqual([{ patientId: 'p2', status: 'late', minutes: 150, mode: 'in_person', version: 3 }]);
  });

  it.each([
    [{ status: 'late' as const, minutes: 181 }, 'Cannot exceed the session length of 180 min'],
    [{ status: 'left_early' as const, minutes: -1 }, 'Cannot be negative'],
    [{ status: 'late' as const, minutes: '' as const }, 'Enter the minutes attended'],
    [{ status: 'late' as const, minutes: 120 }, null],
  ])('checks minutes with the domain rule: %o', (values, message) => {
    expect(minutesError({ ...row(draftFromRoster(roster), 0), ...values }, 180)).toBe(message);
  });

  it('maps attendance[i] errors back to the patient of the i-th item sent', () => {
    const sent = [
      { patientId: 'p1', status: 'present' as const },
      { patientId: 'p2', status: 'late' as const, minutes: 999 },
    ];
    expect(rowErrorsFrom([{ path: 'attendance[1].minutes', message: 'cannot exceed the session length of 180 min' }], sent)).toEqual({
      p2: 'Cannot exceed the session length of 180 min',
    });
  });

  it('makes a new 32-character key each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
});
