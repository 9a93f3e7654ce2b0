import { describe, expect, it } from 'vitest';
import type { PlanDto, SeriesDto } from '../../lib/api-types';
import { newRow, previewIntensity, rowsFromPlan, seriesLookup, toPlanBody } from './plan-values';

const series = (id: string, overrides: Partial<SeriesDto> = {}): SeriesDto => ({
  templateId: id,
  title: `Group ${id}`,
  modality: 'cbt',
  programId: 'iop',
  programName: 'Adult IOP mornings',
  daysOfWeek: [1, 3, 5],
  startTime: '09:00',
  durationMinutes: 180,
  telehealth: false,
  seriesStartsOn: '2026-01-05',
  seriesEndsOn: null,
  ...overrides,
});

const plan: PlanDto = {
  episodeId: 'e1',
  patientId: 'p1',
  episodeStatus: 'open',
  version: 4,
  admittedOn: '2026-03-02',
  dischargedOn: null,
  program: {
    id: 'iop',
    name: 'Adult IOP mornings',
    levelOfCare: 'IOP',
    population: 'adult',
    siteId: 's1',
    timeZone: 'America/Chicago',
    rules: {
      weeklyFloorMinutes: 540,
      weeklyCeilingMinutes: 1140,
      minDaysPerWeek: 3,
      minBillableDaysPerWeek: 3,
      minBillableDayMinutes: 180,
    },
  },
  enrolments: [
    {
      ...series('a', { daysOfWeek: [1, 3] }),
      seriesActive: true,
      startsOn: '2026-03-02',
      endsOn: null,
      inEffect: true,
    },
  ],
  weekly: {
    asOf: '2026-03-10',
    minutes: 360,
    days: 2,
    billableDays: 2,
    byWeekday: [],
    status: 'below_floor',
    reasons: [],
  },
  available: [series('a', { daysOfWeek: [1, 3] }), series('b', { daysOfWeek: [5], seriesStartsOn: '2026-04-06' })],
};

describe('the weekly plan editor', () => {
  it('previews the minutes of the rows as edited, on the as-of date', () => {
    const lookup = seriesLookup(plan);
    const rows = [...rowsFromPlan(plan), newRow(series('b', { daysOfWeek: [5], seriesStartsOn: '2026-04-06' }), plan, '2026-03-10')];
    expect(rows[1]).toMatchObject({ templateId: 'b', startsOn: '2026-04-06', endsOn: '' });
    expect(previewIntensity(rows, lookup, plan, '2026-03-10')).toMatchObject({
      minutes: 360,
      status: 'below_floor',
    });
    expect(previewIntensity(rows, lookup, plan, '2026-04-06')).toMatchObject({
      minutes: 540,
      days: 3,
      status: 'compliant',
    });
  });

  it('starts a new row today, or at the admission or the series start if later', () => {
    expect(newRow(series('c'), plan, '2026-03-10').startsOn).toBe('2026-03-10');
    expect(newRow(series('c'), { ...plan, admittedOn: '2026-03-16' }, '2026-03-10').startsOn).toBe('2026-03-16');
  });

  it('sends open-ended rows with a null end and the version it was edited from', () => {
    expect(toPlanBody([{ key: 'k', templateId: 'a', startsOn: '2026-03-02', endsOn: '' }], 4)).toEqual({
      version: 4,
      enrolments: [{ templateId: 'a', startsOn: '2026-03-02', endsOn: null }],
    });
  });
});
