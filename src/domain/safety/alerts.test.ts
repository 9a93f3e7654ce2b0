import { describe, expect, it } from 'vitest';
import { DEFAULT_ESCALATION, escalateAt, isEscalationDue, sortOpenAlerts, waitingMinutes, type QueueEntry } from './alerts.js';

const created = new Date('2026-11-27T15:00:00.000Z');
const at = (minutes: number, seconds = 0) => new Date(created.getTime() + minutes * 60_000 + seconds * 1000);

describe('escalation of an open alert', () => {
  const acute = { escalateAt: escalateAt(created, 'acute', DEFAULT_ESCALATION), escalatedAt: null, acknowledgedAt: null };

  it.each([
    [at(0), false],
    [at(29, 59), false],
    [new Date(at(30).getTime() - 1), false],
    [at(30), true],
    [at(30, 1), true],
    [at(600), true],
  ])('acute alert raised at 15:00: due at %s is %s', (now, due) => {
    expect(isEscalationDue(acute, now)).toBe(due);
  });

  it('gives a positive alert four hours by default', () => {
    const positive = { escalateAt: escalateAt(created, 'positive', DEFAULT_ESCALATION), escalatedAt: null, acknowledgedAt: null };
    expect(isEscalationDue(positive, at(239, 59))).toBe(false);
    expect(isEscalationDue(positive, at(240))).toBe(true);
  });

  it('uses the organization setting', () => {
    expect(escalateAt(created, 'acute', { acuteMinutes: 10, positiveMinutes: 60 })).toEqual(at(10));
  });

  it('is never due again once escalated, nor once acknowledged', () => {
    expect(isEscalationDue({ ...acute, escalatedAt: at(30) }, at(90))).toBe(false);
    expect(isEscalationDue({ ...acute, acknowledgedAt: at(5) }, at(90))).toBe(false);
  });
});

describe('waiting minutes', () => {
  it.each([
    [at(0, 59), 0],
    [at(1), 1],
    [at(29, 59), 29],
    [new Date(created.getTime() - 5000), 0],
  ])('at %s: %i', (now, minutes) => expect(waitingMinutes(created, now)).toBe(minutes));
});

describe('open queue order', () => {
  it('puts acute before positive, then the longest waiting first', () => {
    const alerts: QueueEntry[] = [
      { id: 'p-new', severity: 'positive', createdAt: at(50) },
      { id: 'a-new', severity: 'acute', createdAt: at(40) },
      { id: 'p-old', severity: 'positive', createdAt: at(0) },
      { id: 'a-old', severity: 'acute', createdAt: at(10) },
    ];
    expect(sortOpenAlerts(alerts).map((a) => a.id)).toEqual(['a-old', 'a-new', 'p-old', 'p-new']);
  });

  it('orders alerts of the same severity and time by id, so the order is stable', () => {
    const alerts: QueueEntry[] = [
      { id: 'b', severity: 'acute', createdAt: at(0) },
      { id: 'a', severity: 'acute', createdAt: at(0) },
    ];
    expect(sortOpenAlerts(alerts).map((a) => a.id)).toEqual(['a', 'b']);
  });
});
