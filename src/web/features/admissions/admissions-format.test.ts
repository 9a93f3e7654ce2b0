import { describe, expect, it } from 'vitest';
import { clockText, formatMinutes, selfCheckReasons } from './admissions-format';

describe('formatMinutes', () => {
  it.each([
    [null, '—'],
    [0, '0 min'],
    [59, '59 min'],
    [60, '1 h'],
    [61, '1 h 1 min'],
    [1440, '1 d'],
    [1441 + 120, '1 d 2 h'],
  ])('%s -> %s', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});

describe('clockText', () => {
  const clock = { dueAt: '2026-11-27T15:00:00Z' };
  it('says overdue with the waiting time', () => {
    expect(clockText({ clock: { ...clock, minutesWaiting: 75, minutesToFirstContact: null, overdue: true } })).toBe(
      'Overdue — waiting 1 h 15 min',
    );
    expect(clockText({ clock: { ...clock, minutesWaiting: 5, minutesToFirstContact: null, overdue: false } })).toBe('Waiting 5 min');
    expect(clockText({ clock: { ...clock, minutesWaiting: null, minutesToFirstContact: 12, overdue: false } })).toBe(
      'First contact after 12 min',
    );
  });
});

describe('selfCheckReasons', () => {
  it('reads reasons as strings or objects, and nothing from anything else', () => {
    expect(selfCheckReasons({ reasons: ['Low mood', { text: 'Trouble sleeping' }] })).toEqual(['Low mood', 'Trouble sleeping']);
    expect(selfCheckReasons({ summary: 'Several weeks of anxiety' })).toEqual(['Several weeks of anxiety']);
    expect(selfCheckReasons(null)).toEqual([]);
    expect(selfCheckReasons([1, 2])).toEqual([]);
  });
});
