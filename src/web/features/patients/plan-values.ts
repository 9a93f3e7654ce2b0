import { planIntensity, type PlanIntensity } from '../../../domain/episodes/weekly-plan';
import type { PlanDto, SeriesDto } from '../../lib/api-types';

// The weekly plan editor's rows, and the preview of planned minutes computed with the same domain
// function the server uses, so staff see the effect of a change before saving it.

export type PlanRow = { key: string; templateId: string; startsOn: string; endsOn: string };

export function rowsFromPlan(plan: PlanDto): PlanRow[] {
  return plan.enrolments.map((row) => ({
    key: `${row.templateId}:${row.startsOn}`,
    templateId: row.templateId,
    startsOn: row.startsOn,
    endsOn: row.endsOn ?? '',
  }));
}

/** Every series the editor may show: those already in the plan and those the patient may join. */
export function seriesLookup(plan: PlanDto): Map<string, SeriesDto> {
  const lookup = new Map<string, SeriesDto>();
  for (const series of plan.available) lookup.set(series.templateId, series);
  for (const series of plan.enrolments) lookup.set(series.templateId, series);
  return lookup;
}

function latest(...dates: string[]): string {
  return dates.reduce((a, b) => (a > b ? a : b));
}

/** A new row starts on the first day that is today or later, in the episode, and within the series. */
export function newRow(series: SeriesDto, plan: PlanDto, today: string): PlanRow {
  const startsOn = latest(today, plan.admittedOn, series.seriesStartsOn);
  return {
    key: `${series.templateId}:${startsOn}:new`,
    templateId: series.templateId,
    startsOn,
    endsOn: '',
  };
}

function covers(startsOn: string, endsOn: string | null, date: string): boolean {
  return startsOn <= date && (endsOn === null || endsOn === '' || endsOn >= date);
}

/** Planned minutes on `asOf` for the rows as edited (not yet saved). */
export function previewIntensity(rows: readonly PlanRow[], lookup: Map<string, SeriesDto>, plan: PlanDto, asOf: string): PlanIntensity {
  const running: SeriesDto[] = [];
  for (const row of rows) {
    const series = lookup.get(row.templateId);
    if (series === undefined) continue;
    if (covers(row.startsOn, row.endsOn, asOf) && covers(series.seriesStartsOn, series.seriesEndsOn, asOf)) running.push(series);
  }
  return planIntensity(running, plan.program.rules);
}

export function toPlanBody(
  rows: readonly PlanRow[],
  version: number,
): {
  version: number;
  enrolments: { templateId: string; startsOn: string; endsOn: string | null }[];
} {
  return {
    version,
    enrolments: rows.map((row) => ({
      templateId: row.templateId,
      startsOn: row.startsOn,
      endsOn: row.endsOn === '' ? null : row.endsOn,
    })),
  };
}

/** Whether two sets of rows would save the same plan (keys aside). */
export function sameRows(a: readonly PlanRow[], b: readonly PlanRow[]): boolean {
  const text = (rows: readonly PlanRow[]) => JSON.stringify(rows.map((row) => [row.templateId, row.startsOn, row.endsOn]));
  return text(a) === text(b);
}
