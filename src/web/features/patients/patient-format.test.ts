import { describe, expect, it } from 'vitest';
import type { EpisodeDto, EpisodeEventDto } from '../../lib/api-types';
import { careTimeline, displayName, formatDate, formatPhone, languageLabel, listName, localToday, weekdayList } from './patient-format';

const event = (overrides: Partial<EpisodeEventDto>): EpisodeEventDto => ({
  id: 'ev',
  kind: 'admitted',
  effectiveOn: '2026-01-05',
  fromProgramId: null,
  fromProgramName: null,
  toProgramId: 'iop',
  toProgramName: 'Adult IOP mornings',
  fromLevel: null,
  toLevel: 'IOP',
  reason: '',
  recordedBy: 'u1',
  recordedByName: 'Test admissions',
  recordedAt: '2026-01-05T15:00:00.000Z',
  ...overrides,
});

const episode = (overrides: Partial<EpisodeDto>): EpisodeDto => ({
  id: 'e1',
  patientId: 'p1',
  programId: 'iop',
  programName: 'Adult IOP mornings',
  siteId: 's1',
  siteName: 'North',
  levelOfCare: 'IOP',
  part2: false,
  status: 'open',
  admittedOn: '2026-01-05',
  expectedWeeks: null,
  expectedEndOn: null,
  dischargedOn: null,
  disposition: null,
  aftercareNote: null,
  previousEpisodeId: null,
  nextEpisodeId: null,
  version: 1,
  events: [],
  ...overrides,
});

describe('names', () => {
  it('lists by last name with the preferred name in brackets, and addresses by the preferred name', () => {
    const patient = { legalFirstName: 'Avery', legalLastName: 'Synthetic', preferredName: 'Ave' };
    expect(listName(patient)).toBe('Synthetic, Avery (Ave)');
    expect(displayName(patient)).toBe('Ave Synthetic');
    expect(listName({ ...patient, preferredName: null })).toBe('Synthetic, Avery');
    expect(displayName({ ...patient, preferredName: null })).toBe('Avery Synthetic');
  });
});

describe('dates and days', () => {
  it('formats a calendar date without moving it across zones', () => {
    expect(formatDate('2026-03-01')).toBe('Mar 1, 2026');
    expect(formatDate(null)).toBe('—');
  });

  it('writes US numbers the way people read them and leaves others as stored', () => {
    expect(formatPhone('+15035550142')).toBe('+1 (503) 555-0142');
    expect(formatPhone('+442079460958')).toBe('+442079460958');
    expect(formatPhone(null)).toBe('—');
  });

  it('names ISO weekdays', () => {
    expect(weekdayList([1, 3, 5])).toBe('Mon, Wed, Fri');
    expect(weekdayList([7])).toBe('Sun');
  });

  it("gives the computer's own calendar date", () => {
    expect(localToday(new Date(2026, 2, 9, 23, 30))).toBe('2026-03-09');
  });
});

describe('careTimeline', () => {
  it('shows each move once, across episodes, oldest first, with the reason', () => {
    const move = {
      effectiveOn: '2026-02-16',
      fromProgramId: 'iop',
      fromProgramName: 'Adult IOP mornings',
      toProgramId: 'op',
      toProgramName: 'Adult OP',
      fromLevel: 'IOP',
      toLevel: 'OP',
      reason: 'Met goals',
    };
    const first = episode({
      id: 'e1',
      status: 'closed',
      disposition: 'stepped_down',
      events: [event({ id: 'a' }), event({ id: 'b', kind: 'stepped_down', ...move, recordedAt: '2026-02-16T15:00:00.000Z' })],
    });
    const second = episode({
      id: 'e2',
      programId: 'op',
      previousEpisodeId: 'e1',
      status: 'closed',
      disposition: 'completed',
      events: [
        event({ id: 'c', kind: 'transferred_in', ...move, recordedAt: '2026-02-16T15:00:00.000Z' }),
        event({
          id: 'd',
          kind: 'discharged',
          effectiveOn: '2026-04-03',
          fromProgramId: 'op',
          fromProgramName: 'Adult OP',
          toProgramId: null,
          toProgramName: null,
          fromLevel: 'OP',
          toLevel: null,
        }),
      ],
    });
    expect(careTimeline([second, first]).map((entry) => [entry.date, entry.title, entry.reason])).toEqual([
      ['2026-01-05', 'Admitted to Adult IOP mornings (IOP)', ''],
      ['2026-02-16', 'Stepped down to Adult OP (IOP → OP)', 'Met goals'],
      ['2026-04-03', 'Discharged from Adult OP: completed', ''],
    ]);
  });

  it('names a step up to inpatient care as a referral out', () => {
    const left = episode({
      status: 'closed',
      disposition: 'stepped_up',
      events: [
        event({
          id: 'x',
          kind: 'stepped_up',
          fromLevel: 'IOP',
          toLevel: 'inpatient',
          toProgramId: null,
          toProgramName: null,
          reason: 'Acute risk',
        }),
      ],
    });
    expect(careTimeline([left])[0]?.title).toBe('Stepped up to inpatient care (referred out; IOP → inpatient)');
  });
});

describe('languageLabel', () => {
  it.each([
    ['en', 'English'],
    ['es', 'Español'],
    [null, 'Not recorded'],
  ] as const)('names %s as %s', (language, label) => {
    expect(languageLabel(language)).toBe(label);
  });
});
