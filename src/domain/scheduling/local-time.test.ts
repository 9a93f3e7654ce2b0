import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isoWeekOf,
  localDateOf,
  localDateTimeToEpoch,
  parseInstant,
  parseLocalTime,
  toUtcIso,
} from './local-time.js';

const invalid = (path: string) => expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path })] });
const at = (localDate: string, time: string, zone: string) => toUtcIso(localDateTimeToEpoch(localDate, parseLocalTime(time, 'time'), zone));

describe('localDateTimeToEpoch', () => {
  it.each([
    // Before and after spring forward (2025-03-09) and fall back (2025-11-02) in New York.
    ['2025-03-07', '09:00', 'America/New_York', '2025-03-07T14:00:00.000Z'],
    ['2025-03-10', '09:00', 'America/New_York', '2025-03-10T13:00:00.000Z'],
    ['2025-10-31', '09:00', 'America/New_York', '2025-10-31T13:00:00.000Z'],
    ['2025-11-03', '09:00', 'America/New_York', '2025-11-03T14:00:00.000Z'],
    // 02:30 does not exist on 2025-03-09: read with the offset before the gap, so 03:30 EDT.
    ['2025-03-09', '02:30', 'America/New_York', '2025-03-09T07:30:00.000Z'],
    ['2025-03-09', '03:00', 'America/New_York', '2025-03-09T07:00:00.000Z'],
    ['2025-03-09', '01:59', 'America/New_York', '2025-03-09T06:59:00.000Z'],
    // 01:30 happens twice on 2025-11-02: the first occurrence (EDT).
    ['2025-11-02', '01:30', 'America/New_York', '2025-11-02T05:30:00.000Z'],
    ['2025-11-02', '02:00', 'America/New_York', '2025-11-02T07:00:00.000Z'],
    ['2025-11-02', '00:59', 'America/New_York', '2025-11-02T04:59:00.000Z'],
    // Lord Howe moves by 30 minutes; Kiritimati is 14 h ahead of UTC.
    ['2025-10-05', '02:15', 'Australia/Lord_Howe', '2025-10-04T15:45:00.000Z'],
    ['2025-01-01', '00:00', 'Pacific/Kiritimati', '2024-12-31T10:00:00.000Z'],
    ['2025-06-08', '23:00', 'America/Los_Angeles', '2025-06-09T06:00:00.000Z'],
  ])('places %s %s in %s at %s', (date, time, zone, expected) => {
    expect(at(date, time, zone)).toBe(expected);
  });

  it('gives back the same wall-clock time, except inside a spring-forward gap where it moves forward by the gap', () => {
    const zones = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kolkata'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 3650 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, dayOffset, hour, minute) => {
          const date = addDays('2020-01-01', dayOffset);
          const instant = localDateTimeToEpoch(date, { hour, minute }, zone);
          const local = DateTime.fromMillis(instant, { zone });
          const asked = DateTime.fromObject({ year: local.year, month: local.month, day: local.day, hour, minute }, { zone: 'utc' });
          const got = DateTime.fromObject(
            { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute },
            { zone: 'utc' },
          );
          const gap = local.offset - DateTime.fromMillis(instant - 24 * 3_600_000, { zone }).offset;
          expect(local.toFormat('yyyy-MM-dd')).toBe(date);
          expect(gap > 0 ? [0, gap] : [0]).toContain(got.diff(asked, 'minutes').minutes);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('picks the first of two instants on a fall-back night', () => {
    const first = localDateTimeToEpoch('2025-11-02', { hour: 1, minute: 30 }, 'America/New_York');
    expect(localDateOf(first - 3_600_000, 'America/New_York')).toBe('2025-11-02');
    expect(DateTime.fromMillis(first, { zone: 'America/New_York' }).offset).toBe(-240);
  });
});

describe('isoWeekOf', () => {
  it.each([
    ['2025-03-03', '2025-W10', '2025-03-03', '2025-03-09'],
    ['2025-03-09', '2025-W10', '2025-03-03', '2025-03-09'],
    ['2025-03-10', '2025-W11', '2025-03-10', '2025-03-16'],
    // ISO week-numbering years differ from calendar years at the turn of the year.
    ['2024-12-30', '2025-W01', '2024-12-30', '2025-01-05'],
    ['2027-01-01', '2026-W53', '2026-12-28', '2027-01-03'],
    ['2021-01-03', '2020-W53', '2020-12-28', '2021-01-03'],
  ])('puts %s in %s (%s to %s)', (date, key, monday, sunday) => {
    expect(isoWeekOf(date)).toEqual({ key, monday, sunday });
  });
});

describe('parsing', () => {
  it.each(['2025-03-10T13:00:00Z', '2025-03-10T13:00:00.000Z', '2025-03-10T09:00:00-04:00', '2025-03-10T13:00Z'])(
    'reads %s as one instant',
    (value) => {
      expect(parseInstant(value, 'at')).toBe(Date.UTC(2025, 2, 10, 13, 0));
    },
  );

  it.each(['2025-03-10T13:00:00', '2025-03-10', 'yesterday', '2025-02-30T10:00:00Z'])(
    'refuses %s, which has no offset or is not a date',
    (value) => {
      expect(() => parseInstant(value, 'at')).toThrow(invalid('at'));
    },
  );

  it.each(['9:00', '24:00', '09:60', '0900', '', '09:00:00'])('refuses the time "%s"', (value) => {
    expect(() => parseLocalTime(value, 'startTime')).toThrow(invalid('startTime'));
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-03-09', 1, '2025-03-10'],
    ['2025-03-10', -1, '2025-03-09'],
  ])('adds to %s %i day(s) giving %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });
});
