import { describe, expect, it } from 'vitest';
import { compareForBoard, percentile, responseClock } from './response-clock.js';

const CREATED = new Date('2026-11-27T14:00:00Z');
const minutes = (n: number) => new Date(CREATED.getTime() + n * 60_000);
const waiting = { stage: 'new' as const, urgent: false, createdAt: CREATED, firstContactAt: null };

describe('response clock', () => {
  it.each([
    [0, 0, false],
    [59, 59, false],
    [60, 60, false],
    [61, 61, true],
    [600, 600, true],
  ])('after %i minutes with a 60-minute target: waiting %i, overdue %s', (elapsed, shown, overdue) => {
    expect(responseClock(waiting, 60, minutes(elapsed))).toMatchObject({ minutesWaiting: shown, overdue });
  });

  it('is overdue the moment it passes the target, not a whole minute later', () => {
    expect(responseClock(waiting, 60, new Date(minutes(60).getTime() + 1)).overdue).toBe(true);
  });

  it('stops at the first contact', () => {
    const clock = responseClock({ ...waiting, stage: 'contacted', firstContactAt: minutes(95) }, 60, minutes(500));
    expect(clock).toMatchObject({ minutesWaiting: null, minutesToFirstContact: 95, overdue: false });
  });

  it('does not run for an inquiry closed or referred without contact', () => {
    for (const stage of ['closed', 'referred', 'admitted'] as const) {
      expect(responseClock({ ...waiting, stage }, 60, minutes(500))).toMatchObject({ minutesWaiting: null, overdue: false });
    }
  });

  it('tells when contact is due', () => {
    expect(responseClock(waiting, 15, CREATED).dueAt.toISOString()).toBe('2026-11-27T14:15:00.000Z');
  });
});

describe('board order', () => {
  const card = (id: string, urgent: boolean, overdue: boolean, createdMinute: number) => ({
    id,
    urgent,
    overdue,
    createdAt: minutes(createdMinute),
  });

  it('puts urgent first, then overdue, then the oldest', () => {
    const cards = [
      card('newest', false, false, 30),
      card('overdue-young', false, true, 20),
      card('oldest', false, false, 0),
      card('urgent-new', true, false, 40),
      card('overdue-old', false, true, 10),
      card('urgent-overdue', true, true, 50),
    ];
    expect([...cards].sort(compareForBoard).map((c) => c.id)).toEqual([
      'urgent-overdue',
      'urgent-new',
      'overdue-old',
      'overdue-young',
      'oldest',
      'newest',
    ]);
  });

  it('puts an urgent inquiry that arrived last above an overdue one', () => {
    expect(compareForBoard(card('u', true, false, 100), card('o', false, true, 0))).toBeLessThan(0);
  });
});

describe('percentile', () => {
  it.each([
    [[], 50, null],
    [[7], 50, 7],
    [[1, 2, 3, 4], 50, 2],
    [[5, 1, 3], 50, 3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10],
  ])('of %j at p%i is %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});
