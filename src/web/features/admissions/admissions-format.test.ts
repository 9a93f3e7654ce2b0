import { describe, expect, it } from 'vitest';
import { clockText, formatMinutes, readSelfCheck } from './admissions-format';

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

describe('readSelfCheck', () => {
  it('reads the public self-check as stored: the result shown, its reasons in words, the totals', () => {
    expect(
      readSelfCheck({
        version: 1,
        outcome: 'get_help_now',
        reasons: ['suicidal_thoughts_now', 'unknown_code'],
        phq9Total: 19,
        gad7Total: null,
      }),
    ).toEqual({
      outcome: 'Get help now (the crisis resources were shown first)',
      reasons: ['You said you are having thoughts of ending your life right now.', 'unknown_code'],
      phq9Total: 19,
      gad7Total: null,
    });
  });

  it('has nothing to show without a stored self-check', () => {
    expect(readSelfCheck(null)).toBeNull();
    expect(readSelfCheck([1, 2])).toBeNull();
  });
});
