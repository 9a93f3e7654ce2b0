import { describe, expect, it } from 'vitest';
import { GRACE_DAYS, measuresDue, type EpisodeFacts, type PastResponse, type ScheduleRule } from './due.js';

const weekly: ScheduleRule = {
  instrument: 'PHQ-9',
  baseline: true,
  everyDays: 7,
  everySessions: null,
  atLevelChange: false,
  atDischarge: true,
};
const episode = (overrides: Partial<EpisodeFacts> = {}): EpisodeFacts => ({
  admittedOn: '2026-11-02',
  levelChangesOn: [],
  dischargedOn: null,
  attendedOn: [],
  ...overrides,
});
const phq = (administeredOn: string, complete = true): PastResponse => ({ instrument: 'PHQ-9', administeredOn, complete });

type Row = [string, ScheduleRule, EpisodeFacts, PastResponse[], string, { reason: string; dueOn: string; status: string }[]];

describe('measuresDue', () => {
  it.each<Row>([
    ['nothing before admission', weekly, episode(), [], '2026-11-01', []],
    [
      'baseline due on the admission day',
      weekly,
      episode(),
      [],
      '2026-11-02',
      [{ reason: 'baseline', dueOn: '2026-11-02', status: 'due' }],
    ],
    [
      'baseline still due at the end of the grace period',
      weekly,
      episode(),
      [],
      '2026-11-04',
      [{ reason: 'baseline', dueOn: '2026-11-02', status: 'due' }],
    ],
    [
      'baseline missing is overdue after the grace period',
      weekly,
      episode(),
      [],
      '2026-11-05',
      [{ reason: 'baseline', dueOn: '2026-11-02', status: 'overdue' }],
    ],
    [
      'an incomplete form does not count as the baseline',
      weekly,
      episode(),
      [phq('2026-11-02', false)],
      '2026-11-03',
      [{ reason: 'baseline', dueOn: '2026-11-02', status: 'due' }],
    ],
    [
      'a response before admission is not the baseline',
      weekly,
      episode(),
      [phq('2026-10-30')],
      '2026-11-02',
      [{ reason: 'baseline', dueOn: '2026-11-02', status: 'due' }],
    ],
    ['nothing due the day after the baseline', weekly, episode(), [phq('2026-11-02')], '2026-11-03', []],
    ['weekly not yet due at 6 days', weekly, episode(), [phq('2026-11-02')], '2026-11-08', []],
    [
      'weekly due exactly at 7 days',
      weekly,
      episode(),
      [phq('2026-11-02')],
      '2026-11-09',
      [{ reason: 'every_days', dueOn: '2026-11-09', status: 'due' }],
    ],
    [
      'weekly due at 7 + grace days',
      weekly,
      episode(),
      [phq('2026-11-02')],
      '2026-11-11',
      [{ reason: 'every_days', dueOn: '2026-11-09', status: 'due' }],
    ],
    [
      'weekly overdue one day after the grace period',
      weekly,
      episode(),
      [phq('2026-11-02')],
      '2026-11-12',
      [{ reason: 'every_days', dueOn: '2026-11-09', status: 'overdue' }],
    ],
    ['weekly counts from the latest complete response', weekly, episode(), [phq('2026-11-02'), phq('2026-11-10')], '2026-11-16', []],
    [
      'across the DST change week (local dates)',
      weekly,
      episode({ admittedOn: '2026-10-26' }),
      [phq('2026-10-29')],
      '2026-11-05',
      [{ reason: 'every_days', dueOn: '2026-11-05', status: 'due' }],
    ],
    [
      'baseline and weekly both owed when nothing was ever taken',
      weekly,
      episode(),
      [],
      '2026-11-09',
      [
        { reason: 'baseline', dueOn: '2026-11-02', status: 'overdue' },
        { reason: 'every_days', dueOn: '2026-11-09', status: 'due' },
      ],
    ],
    [
      'every 3 sessions: due on the third attended session',
      { ...weekly, baseline: false, everyDays: null, everySessions: 3 },
      episode({ attendedOn: ['2026-11-02', '2026-11-04', '2026-11-06', '2026-11-09'] }),
      [],
      '2026-11-06',
      [{ reason: 'every_sessions', dueOn: '2026-11-06', status: 'due' }],
    ],
    [
      'every 3 sessions: sessions on the day of the last response do not count',
      { ...weekly, baseline: false, everyDays: null, everySessions: 3 },
      episode({ attendedOn: ['2026-11-02', '2026-11-04', '2026-11-06'] }),
      [phq('2026-11-02')],
      '2026-11-06',
      [],
    ],
    [
      'at a level change until a response on or after it',
      { ...weekly, baseline: false, everyDays: null, atLevelChange: true },
      episode({ levelChangesOn: ['2026-11-10'] }),
      [phq('2026-11-02')],
      '2026-11-10',
      [{ reason: 'level_change', dueOn: '2026-11-10', status: 'due' }],
    ],
    [
      'a level change answered by a response that day',
      { ...weekly, baseline: false, everyDays: null, atLevelChange: true },
      episode({ levelChangesOn: ['2026-11-10'] }),
      [phq('2026-11-10')],
      '2026-11-11',
      [],
    ],
    [
      'at discharge, only the discharge measure',
      weekly,
      episode({ dischargedOn: '2026-11-20' }),
      [phq('2026-11-02')],
      '2026-11-20',
      [{ reason: 'discharge', dueOn: '2026-11-20', status: 'due' }],
    ],
    [
      'discharge overdue after the grace period',
      weekly,
      episode({ dischargedOn: '2026-11-20' }),
      [phq('2026-11-02')],
      '2026-11-23',
      [{ reason: 'discharge', dueOn: '2026-11-20', status: 'overdue' }],
    ],
    [
      'a response in the last days before discharge counts',
      weekly,
      episode({ dischargedOn: '2026-11-20' }),
      [phq('2026-11-18')],
      '2026-11-21',
      [],
    ],
    [
      'no discharge measure when the schedule has none',
      { ...weekly, atDischarge: false },
      episode({ dischargedOn: '2026-11-20' }),
      [],
      '2026-11-21',
      [],
    ],
  ])('%s', (_name, rule, facts, responses, today, expected) => {
    const due = measuresDue([rule], facts, responses, today).map(({ reason, dueOn, status }) => ({ reason, dueOn, status }));
    expect(due).toEqual(expected);
  });

  it('lists overdue first, then by due day, across instruments', () => {
    const gad = { ...weekly, instrument: 'GAD-7' };
    const due = measuresDue([weekly, gad], episode(), [phq('2026-11-02')], '2026-11-09');
    expect(due.map((d) => `${d.instrument} ${d.reason} ${d.status}`)).toEqual([
      'GAD-7 baseline overdue',
      'GAD-7 every_days due',
      'PHQ-9 every_days due',
    ]);
  });

  it('uses a grace period of two days', () => {
    expect(GRACE_DAYS).toBe(2);
  });
});
